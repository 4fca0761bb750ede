package dev.jazero.internal.validation;

import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.Opcode;

/**
 * Operand and result types of the numeric instructions without immediates (opcodes 0x45 to 0xC4
 * and the saturating truncations), as one table.
 */
public final class NumericSignatures {

    static final ValueType I32 = ValueType.I32, I64 = ValueType.I64, F32 = ValueType.F32, F64 = ValueType.F64;

    /** For opcode {@code op}: {first operand, second operand or null, result}. */
    private static final ValueType[][] SIGNATURES = new ValueType[0xC5][];

    static {
        set(0x45, 0x45, I32, null, I32);
        set(0x46, 0x4F, I32, I32, I32);
        set(0x50, 0x50, I64, null, I32);
        set(0x51, 0x5A, I64, I64, I32);
        set(0x5B, 0x60, F32, F32, I32);
        set(0x61, 0x66, F64, F64, I32);
        set(0x67, 0x69, I32, null, I32);
        set(0x6A, 0x78, I32, I32, I32);
        set(0x79, 0x7B, I64, null, I64);
        set(0x7C, 0x8A, I64, I64, I64);
        set(0x8B, 0x91, F32, null, F32);
        set(0x92, 0x98, F32, F32, F32);
        set(0x99, 0x9F, F64, null, F64);
        set(0xA0, 0xA6, F64, F64, F64);
        set(0xA7, 0xA7, I64, null, I32);
        set(0xA8, 0xA9, F32, null, I32);
        set(0xAA, 0xAB, F64, null, I32);
        set(0xAC, 0xAD, I32, null, I64);
        set(0xAE, 0xAF, F32, null, I64);
        set(0xB0, 0xB1, F64, null, I64);
        set(0xB2, 0xB3, I32, null, F32);
        set(0xB4, 0xB5, I64, null, F32);
        set(0xB6, 0xB6, F64, null, F32);
        set(0xB7, 0xB8, I32, null, F64);
        set(0xB9, 0xBA, I64, null, F64);
        set(0xBB, 0xBB, F32, null, F64);
        set(0xBC, 0xBC, F32, null, I32);
        set(0xBD, 0xBD, F64, null, I64);
        set(0xBE, 0xBE, I32, null, F32);
        set(0xBF, 0xBF, I64, null, F64);
        set(0xC0, 0xC1, I32, null, I32);
        set(0xC2, 0xC4, I64, null, I64);
    }

    private static final ValueType[][] SATURATING = {
        {F32, null, I32}, {F32, null, I32}, {F64, null, I32}, {F64, null, I32},
        {F32, null, I64}, {F32, null, I64}, {F64, null, I64}, {F64, null, I64},
    };

    private NumericSignatures() {
    }

    private static void set(int from, int to, ValueType a, ValueType b, ValueType result) {
        for (int op = from; op <= to; op++) {
            SIGNATURES[op] = new ValueType[] {a, b, result};
        }
    }

    public static ValueType[] plain(int op) {
        return op >= 0x45 && op < SIGNATURES.length ? SIGNATURES[op] : null;
    }

    public static ValueType[] saturating(int sub) {
        return SATURATING[sub];
    }

    /** For loads 0x28..0x35: {natural alignment log2, result type}. */
    static int loadAlign(int op) {
        return switch (op) {
            case Opcode.I32_LOAD, Opcode.F32_LOAD, Opcode.I64_LOAD32_S, Opcode.I64_LOAD32_U -> 2;
            case Opcode.I64_LOAD, Opcode.F64_LOAD -> 3;
            case Opcode.I32_LOAD8_S, Opcode.I32_LOAD8_U, Opcode.I64_LOAD8_S, Opcode.I64_LOAD8_U -> 0;
            default -> 1;
        };
    }

    public static ValueType loadType(int op) {
        return switch (op) {
            case Opcode.I32_LOAD, Opcode.I32_LOAD8_S, Opcode.I32_LOAD8_U, Opcode.I32_LOAD16_S,
                    Opcode.I32_LOAD16_U -> I32;
            case Opcode.F32_LOAD -> F32;
            case Opcode.F64_LOAD -> F64;
            default -> I64;
        };
    }

    static int storeAlign(int op) {
        return switch (op) {
            case Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32 -> 2;
            case Opcode.I64_STORE, Opcode.F64_STORE -> 3;
            case Opcode.I32_STORE8, Opcode.I64_STORE8 -> 0;
            default -> 1;
        };
    }

    static ValueType storeType(int op) {
        return switch (op) {
            case Opcode.I32_STORE, Opcode.I32_STORE8, Opcode.I32_STORE16 -> I32;
            case Opcode.F32_STORE -> F32;
            case Opcode.F64_STORE -> F64;
            default -> I64;
        };
    }
}
