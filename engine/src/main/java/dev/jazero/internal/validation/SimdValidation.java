package dev.jazero.internal.validation;

import dev.jazero.internal.wasm.Opcode;
import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.InstructionReader;

/**
 * The typing of the SIMD (0xFD prefixed) instructions as one table, like
 * {@link NumericSignatures}: for each sub-opcode its operand types, its result type, the natural
 * alignment of its memory access and the number of lanes its lane immediate may index. Also how
 * its immediates are lowered to internal code (see {@code Op.SIMD_BASE}). The compiler reads the
 * operand and result types too.
 */
public final class SimdValidation {

    private static final ValueType V = ValueType.V128, I32 = ValueType.I32, I64 = ValueType.I64,
            F32 = ValueType.F32, F64 = ValueType.F64;

    private static final ValueType[] NONE = {};
    private static final ValueType[] VEC = {V};
    private static final ValueType[] VEC2 = {V, V};

    /** Operand types, null for the sub-opcodes 2.0 does not define. */
    private static final ValueType[][] PARAMS = new ValueType[Opcode.simdCount()][];
    /** Result type, null for none. */
    private static final ValueType[] RESULT = new ValueType[Opcode.simdCount()];
    /** log2 of the natural alignment of a memory instruction, -1 for the others. */
    private static final byte[] ALIGN = new byte[Opcode.simdCount()];
    /** How many lanes the lane immediate may index (32 for a shuffle), 0 when there is none. */
    private static final byte[] LANES = new byte[Opcode.simdCount()];

    static {
        java.util.Arrays.fill(ALIGN, (byte) -1);
        // Defaults: unary v128 -> v128 over the plain range; the tables below refine them.
        for (int sub = 14; sub < Opcode.simdCount(); sub++) {
            set(sub, VEC, V);
        }
        // Loads 0..10, store 11, zero loads 92, 93.
        int[] loadAlign = {4, 3, 3, 3, 3, 3, 3, 0, 1, 2, 3};
        for (int sub = 0; sub <= 10; sub++) {
            set(sub, new ValueType[] {I32}, V);
            ALIGN[sub] = (byte) loadAlign[sub];
        }
        set(11, new ValueType[] {I32, V}, null);
        ALIGN[11] = 4;
        set(12, NONE, V);
        set(13, VEC2, V);
        LANES[13] = 32;
        set(14, VEC2, V);
        // Splats.
        set(15, new ValueType[] {I32}, V);
        set(16, new ValueType[] {I32}, V);
        set(17, new ValueType[] {I32}, V);
        set(18, new ValueType[] {I64}, V);
        set(19, new ValueType[] {F32}, V);
        set(20, new ValueType[] {F64}, V);
        // Lane access: extract_lane(s) then replace_lane per shape.
        lanes(21, 23, 16, I32);
        lanes(24, 26, 8, I32);
        lanes(27, 28, 4, I32);
        lanes(29, 30, 2, I64);
        lanes(31, 32, 4, F32);
        lanes(33, 34, 2, F64);
        // Comparisons 35..76 and the binary bitwise operations.
        range(35, 76, VEC2, V);
        range(78, 81, VEC2, V);
        set(82, new ValueType[] {V, V, V}, V);
        set(83, VEC, I32);
        // Lane loads 84..87 and stores 88..91.
        for (int k = 0; k < 4; k++) {
            set(84 + k, new ValueType[] {I32, V}, V);
            set(88 + k, new ValueType[] {I32, V}, null);
            ALIGN[84 + k] = ALIGN[88 + k] = (byte) k;
            LANES[84 + k] = LANES[88 + k] = (byte) (16 >> k);
        }
        set(92, new ValueType[] {I32}, V);
        ALIGN[92] = 2;
        set(93, new ValueType[] {I32}, V);
        ALIGN[93] = 3;
        // i8x16
        set(99, VEC, I32);
        set(100, VEC, I32);
        range(101, 102, VEC2, V);
        shifts(107);
        range(110, 115, VEC2, V);
        range(118, 121, VEC2, V);
        set(123, VEC2, V);
        // i16x8
        set(130, VEC2, V);
        set(131, VEC, I32);
        set(132, VEC, I32);
        range(133, 134, VEC2, V);
        shifts(139);
        range(142, 147, VEC2, V);
        range(149, 153, VEC2, V);
        range(155, 159, VEC2, V);
        // i32x4
        set(163, VEC, I32);
        set(164, VEC, I32);
        shifts(171);
        set(174, VEC2, V);
        set(177, VEC2, V);
        range(181, 186, VEC2, V);
        range(188, 191, VEC2, V);
        // i64x2
        set(195, VEC, I32);
        set(196, VEC, I32);
        shifts(203);
        set(206, VEC2, V);
        set(209, VEC2, V);
        range(213, 223, VEC2, V);
        // f32x4 and f64x2 binary arithmetic.
        range(228, 235, VEC2, V);
        range(240, 247, VEC2, V);
        // 3.0's relaxed SIMD: swizzle; the truncations (unary, the default); madd and nmadd,
        // laneselect (ternary); min and max, q15mulr and the dot product (binary); dot and add.
        set(0x100, VEC2, V);
        range(0x105, 0x10C, new ValueType[] {V, V, V}, V);
        range(0x10D, 0x112, VEC2, V);
        set(0x113, new ValueType[] {V, V, V}, V);
        // Opcodes 2.0 leaves unused.
        for (int sub : new int[] {154, 162, 165, 166, 175, 176, 178, 179, 180, 187, 194, 197, 198, 207, 208, 210,
                211, 212, 226, 238}) {
            PARAMS[sub] = null;
            RESULT[sub] = null;
        }
    }

    private static void set(int sub, ValueType[] params, ValueType result) {
        PARAMS[sub] = params;
        RESULT[sub] = result;
    }

    private static void range(int from, int to, ValueType[] params, ValueType result) {
        for (int sub = from; sub <= to; sub++) {
            set(sub, params, result);
        }
    }

    /** Extract lane instructions from {@code first} to {@code replace - 1}, then replace lane. */
    private static void lanes(int first, int replace, int count, ValueType scalar) {
        for (int sub = first; sub < replace; sub++) {
            set(sub, VEC, scalar);
            LANES[sub] = (byte) count;
        }
        set(replace, new ValueType[] {V, scalar}, V);
        LANES[replace] = (byte) count;
    }

    private static void shifts(int first) {
        range(first, first + 2, new ValueType[] {V, I32}, V);
    }

    private SimdValidation() {
    }

    /** Operand types of {@code sub}, or null when 2.0 defines no such instruction. */
    public static ValueType[] params(int sub) {
        return PARAMS[sub];
    }

    /** Result type of {@code sub}, or null when it produces nothing. */
    public static ValueType result(int sub) {
        return RESULT[sub];
    }

    /** log2 of the natural alignment of memory instruction {@code sub}, or -1. */
    static int naturalAlignment(int sub) {
        return ALIGN[sub];
    }

    /** Returns why the lane immediates of the instruction just read are invalid, or null. */
    static String checkLanes(int sub, InstructionReader reader) {
        int lanes = LANES[sub];
        if (lanes == 0) {
            return null;
        }
        if (sub == 13) {
            for (int i = 0; i < 16; i++) {
                long half = i < 8 ? reader.a : reader.b;
                if ((half >>> (8 * (i & 7)) & 0xFF) >= 32) {
                    return "invalid lane index";
                }
            }
            return null;
        }
        return reader.lane >= lanes ? "invalid lane index" : null;
    }

    /**
     * Writes the internal code's immediates of the instruction just read into {@code out} and
     * returns how many there are (at most 4).
     */
    static int immediates(int sub, InstructionReader reader, int[] out) {
        if (sub == 12 || sub == 13) {
            out[0] = (int) reader.a;
            out[1] = (int) (reader.a >>> 32);
            out[2] = (int) reader.b;
            out[3] = (int) (reader.b >>> 32);
            return 4;
        }
        if (sub >= 84 && sub <= 91) {
            out[0] = (int) reader.b;
            out[1] = reader.lane;
            return 2;
        }
        if (ALIGN[sub] >= 0) {
            out[0] = (int) reader.b;
            return 1;
        }
        if (LANES[sub] != 0) {
            out[0] = reader.lane;
            return 1;
        }
        return 0;
    }
}
