package dev.jazero.internal.ir;

import dev.jazero.internal.wasm.Opcode;

/**
 * The instructions whose result may be an arithmetic NaN, which WebAssembly lets an engine give
 * any payload and sign, and the shape of that result: the instructions after which code made
 * with {@link CodeOptions#canonicalNaNs()} replaces a NaN by the canonical NaN. The instructions
 * that only move a float's bits ({@code neg}, {@code abs}, {@code copysign}, {@code pmin},
 * {@code pmax}, loads, stores, {@code reinterpret}) are not here: they keep a NaN as it is.
 */
public final class ArithmeticNaNs {

    /** No NaN of its own making. */
    public static final int NONE = 0;
    /** An f32. */
    public static final int F32 = 1;
    /** An f64. */
    public static final int F64 = 2;
    /** A v128 of four f32 lanes. */
    public static final int F32X4 = 3;
    /** A v128 of two f64 lanes. */
    public static final int F64X2 = 4;

    private ArithmeticNaNs() {
    }

    /** The result's shape for a numeric instruction without prefix (0x45 to 0xC4). */
    public static int plain(int opcode) {
        return switch (opcode) {
            case Opcode.F32_CEIL, Opcode.F32_FLOOR, Opcode.F32_TRUNC, Opcode.F32_NEAREST, Opcode.F32_SQRT,
                    Opcode.F32_ADD, Opcode.F32_SUB, Opcode.F32_MUL, Opcode.F32_DIV, Opcode.F32_MIN,
                    Opcode.F32_MAX, Opcode.F32_DEMOTE_F64 -> F32;
            case Opcode.F64_CEIL, Opcode.F64_FLOOR, Opcode.F64_TRUNC, Opcode.F64_NEAREST, Opcode.F64_SQRT,
                    Opcode.F64_ADD, Opcode.F64_SUB, Opcode.F64_MUL, Opcode.F64_DIV, Opcode.F64_MIN,
                    Opcode.F64_MAX, Opcode.F64_PROMOTE_F32 -> F64;
            default -> NONE;
        };
    }

    /** The result's shape for SIMD instruction {@code 0xfd sub}. */
    public static int simd(int sub) {
        return switch (sub) {
            // demote_f64x2_zero; ceil floor trunc nearest; sqrt add sub mul div min max.
            case 94, 103, 104, 105, 106, 227, 228, 229, 230, 231, 232, 233, 0x105, 0x106 -> F32X4;
            // promote_low_f32x4; ceil floor trunc nearest; sqrt add sub mul div min max. Then
            // relaxed madd and nmadd (the other relaxed ones are run as 2.0 instructions).
            case 95, 116, 117, 122, 148, 239, 240, 241, 242, 243, 244, 245, 0x107, 0x108 -> F64X2;
            default -> NONE;
        };
    }
}
