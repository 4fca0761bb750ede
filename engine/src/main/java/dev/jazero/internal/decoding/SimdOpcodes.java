package dev.jazero.internal.decoding;

/** Which SIMD (0xFD prefixed) opcodes exist without immediates, per the 2.0 opcode table. */
final class SimdOpcodes {

    private static final boolean[] PLAIN = new boolean[256];

    static {
        // 14 swizzle, 15..20 splats.
        mark(14, 20);
        // 35..83: comparisons, bitwise, any_true, and the f32x4.demote/f64x2.promote block.
        mark(35, 83);
        // 94..255 as defined by the 2.0 opcode table; the gaps are reserved.
        mark(94, 95);
        mark(96, 99);
        mark(100, 101);
        mark(102, 107);
        mark(108, 115);
        mark(116, 117);
        mark(118, 123);
        mark(124, 127);
        mark(128, 129);
        mark(130, 131);
        mark(132, 135);
        mark(136, 140);
        mark(141, 147);
        mark(148, 153);
        mark(155, 159);
        mark(160, 161);
        mark(163, 164);
        mark(167, 174);
        mark(177, 177);
        mark(181, 182);
        mark(183, 190);
        mark(192, 193);
        mark(195, 196);
        mark(199, 206);
        mark(209, 209);
        mark(213, 223);
        mark(224, 227);
        mark(228, 237);
        mark(238, 239);
        mark(244, 255);
    }

    private static void mark(int from, int to) {
        for (int i = from; i <= to; i++) {
            PLAIN[i] = true;
        }
    }

    private SimdOpcodes() {
    }

    static boolean isPlain(int sub) {
        return sub >= 0 && sub < 256 && PLAIN[sub];
    }
}
