package dev.jazero.internal.decoding;

import dev.jazero.internal.wasm.Opcode;

/**
 * The SIMD (0xFD prefixed) opcodes of WebAssembly 2.0 that have no immediates, exactly as the
 * specification's binary format lists them (section 5.4.8, "Vector Instructions"). The opcodes
 * with immediates are decoded by {@link InstructionReader#next} itself:
 *
 * <ul>
 *   <li>0..11, 92, 93: loads and stores, a memarg;
 *   <li>12 {@code v128.const}: 16 bytes; 13 {@code i8x16.shuffle}: 16 lane indices;
 *   <li>21..34: extract and replace lane, a lane index byte;
 *   <li>84..91: lane loads and stores, a memarg and a lane index byte.
 * </ul>
 */
final class SimdOpcodes {

    /**
     * Opcodes in 0..255 that are unused in 2.0 (besides those with immediates): 154 (once
     * {@code i16x8.avgr_s}), 162, 165, 166, 175, 176, 178..180, 187, 194, 197, 198, 207, 208,
     * 210..212, 226 and 238.
     */
    private static final int[] RESERVED = {
        154, 162, 165, 166, 175, 176, 178, 179, 180, 187, 194, 197, 198, 207, 208, 210, 211, 212, 226, 238,
    };

    private static final boolean[] PLAIN = new boolean[Opcode.simdCount()];

    static {
        // 14 i8x16.swizzle, 15..20 the splats.
        mark(14, 20);
        // 35..76 comparisons, 77..82 bitwise, 83 v128.any_true.
        mark(35, 83);
        // 94 f32x4.demote_f64x2_zero, 95 f64x2.promote_low_f32x4, then the integer and float
        // arithmetic, conversions and tests up to 255, except the reserved opcodes.
        mark(94, 255);
        // 3.0's relaxed SIMD.
        mark(Opcode.RELAXED_SIMD_FIRST, Opcode.simdCount() - 1);
        for (int op : RESERVED) {
            PLAIN[op] = false;
        }
    }

    private static void mark(int from, int to) {
        for (int i = from; i <= to; i++) {
            PLAIN[i] = true;
        }
    }

    private SimdOpcodes() {
    }

    /** Whether {@code sub} is a SIMD opcode without immediates. */
    static boolean isPlain(int sub) {
        return sub >= 0 && sub < PLAIN.length && PLAIN[sub];
    }
}
