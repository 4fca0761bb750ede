package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.Module;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0's relaxed SIMD, with {@link CoreFeatures#RELAXED_SIMD}: each instruction gives
 * the one result docs/determinism.md names, where the specification would allow others, in both
 * tiers alike. Each case below is an input on which the allowed results differ.
 */
class RelaxedSimdTest {

    private static final String MODULE = """
            (module
              (func (export "swizzle") (result i64)
                (i64x2.extract_lane 0 (i8x16.relaxed_swizzle
                  (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
                  (v128.const i8x16 0 16 17 127 128 255 1 31 0 0 0 0 0 0 0 0))))
              (func (export "trunc") (result i64)
                (i64x2.extract_lane 0 (i32x4.relaxed_trunc_f32x4_s (v128.const f32x4 nan 3e9 -3e9 -1.5))))
              (func (export "truncU") (result i64)
                (i64x2.extract_lane 0 (i32x4.relaxed_trunc_f32x4_u (v128.const f32x4 nan -1 5e9 2.5))))
              (func (export "madd") (result i64)
                ;; (1 + 2^-23) * (1 - 2^-23) - 1 is -2^-46 rounded once, and 0 rounded twice.
                (i64x2.extract_lane 0 (f32x4.relaxed_madd
                  (v128.const f32x4 0x1.000002p+0 0 0 0) (v128.const f32x4 0x1.fffffcp-1 0 0 0) (v128.const f32x4 -1 0 0 0))))
              (func (export "nmadd") (result i64)
                (i64x2.extract_lane 1 (f64x2.relaxed_nmadd
                  (v128.const f64x2 0 0x1.0000000000001p+0) (v128.const f64x2 0 0x1.fffffffffffffp-1) (v128.const f64x2 0 1))))
              (func (export "laneselect") (result i64)
                (i64x2.extract_lane 0 (i32x4.relaxed_laneselect
                  (v128.const i32x4 -1 -1 0 0) (v128.const i32x4 0 0 0 0) (v128.const i32x4 0x0000FFFF 0x80000000 0 0))))
              (func (export "min") (result i64)
                (i64x2.extract_lane 0 (f32x4.relaxed_min (v128.const f32x4 nan -0 0 0) (v128.const f32x4 1 0 0 0))))
              (func (export "q15mulr") (result i64)
                (i64x2.extract_lane 0 (i16x8.relaxed_q15mulr_s
                  (v128.const i16x8 -32768 16384 0 0 0 0 0 0) (v128.const i16x8 -32768 16384 0 0 0 0 0 0))))
              (func (export "dot") (result i64)
                (i64x2.extract_lane 0 (i16x8.relaxed_dot_i8x16_i7x16_s
                  (v128.const i8x16 -128 -128 2 3 0 0 0 0 0 0 0 0 0 0 0 0)
                  (v128.const i8x16 -128 -128 -1 -1 0 0 0 0 0 0 0 0 0 0 0 0))))
              (func (export "dotAdd") (result i64)
                (i64x2.extract_lane 0 (i32x4.relaxed_dot_i8x16_i7x16_add_s
                  (v128.const i8x16 -128 -128 -128 -128 1 1 1 1 0 0 0 0 0 0 0 0)
                  (v128.const i8x16 -128 -128 -1 -1 -1 -1 -1 -1 0 0 0 0 0 0 0 0)
                  (v128.const i32x4 10 20 0 0)))))
            """;

    private static long call(Module m, String name) {
        return m.exportedFunction(name).call()[0];
    }

    private static long lanes32(int low, int high) {
        return (low & 0xFFFF_FFFFL) | (long) high << 32;
    }

    @InBothTiers
    void eachInstructionGivesItsChosenResult(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.RELAXED_SIMD)))) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            // i8x16.swizzle: an index of 16 or more gives 0 (x86's pshufb would give 2 for 17).
            assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 2, 0}, bytes(call(m, "swizzle")));
            // trunc_sat: NaN gives 0, overflow saturates.
            assertArrayEquals(new long[] {lanes32(0, Integer.MAX_VALUE)}, new long[] {call(m, "trunc")});
            assertArrayEquals(new long[] {lanes32(0, 0)}, new long[] {call(m, "truncU")});
            // Fused: rounded once, where a multiply and an add give 0.
            float x = 0x1.000002p+0f;
            float y = 0x1.fffffcp-1f;
            assertEquals(0f, x * y - 1);
            assertEquals(-0x1p-46f, Math.fma(x, y, -1f));
            assertArrayEquals(new long[] {Float.floatToRawIntBits(-0x1p-46f) & 0xFFFF_FFFFL}, new long[] {call(m, "madd")});
            double a = 0x1.0000000000001p+0;
            double b = 0x1.fffffffffffffp-1;
            double fused = Math.fma(-a, b, 1);
            assertNotEquals(-(a * b) + 1, fused);
            assertArrayEquals(new long[] {Double.doubleToRawLongBits(fused)}, new long[] {call(m, "nmadd")});
            // Bit by bit, not by each lane's top bit.
            assertArrayEquals(new long[] {lanes32(0x0000_FFFF, 0x8000_0000)}, new long[] {call(m, "laneselect")});
            // NaN wins; -0 is below +0.
            long min = call(m, "min");
            assertTrue(Float.isNaN(Float.intBitsToFloat((int) min)), Long.toHexString(min));
            assertArrayEquals(new long[] {Float.floatToRawIntBits(-0f) & 0xFFFF_FFFFL}, new long[] {min >>> 32});
            // Saturated: -32768 squared gives 32767.
            assertArrayEquals(new long[] {32767 | 8192L << 16}, new long[] {call(m, "q15mulr")});
            // Both operands signed, wrapping: 2 * 16384 = -32768; 2 * -1 + 3 * -1 = -5.
            assertArrayEquals(new long[] {0x8000 | (-5 & 0xFFFFL) << 16}, new long[] {call(m, "dot")});
            // The two wrapped pair sums added to the lane: -32768 + 256 + 10, then -2 + -2 + 20.
            assertArrayEquals(new long[] {lanes32(-32768 + 256 + 10, 16)}, new long[] {call(m, "dotAdd")});
        }
    }

    private static byte[] bytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    @InBothTiers
    void canonicalNaNsCoverThem(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCanonicalNaNs(true).withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.RELAXED_SIMD));
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module (func (export "min") (result i32)
                      (i32x4.extract_lane 0 (f32x4.relaxed_min (v128.const i32x4 0x7fc00001 0 0 0) (v128.const f32x4 1 1 1 1)))))
                    """));
            assertArrayEquals(new long[] {0x7fc0_0000L}, m.exportedFunction("min").call());
        }
    }

    @Test
    void withoutTheFeatureTheyAreInvalid() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2))) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (func (result v128) (i8x16.relaxed_swizzle (v128.const i64x2 0 0) (v128.const i64x2 0 0))))"));
            assertTrue(e.getMessage().contains("relaxed-simd feature"), e.getMessage());
        }
    }
}
