package dev.jazero.internal.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.internal.ir.Op;
import dev.jazero.internal.semantics.SimdLanes;
import org.junit.jupiter.api.Test;

/**
 * The lanes that are easy to get wrong, through {@link SimdInterpreter} and {@link SimdLanes}: a v128 is two
 * slots, the low 64 bits first.
 */
class SimdInterpreterTest {

    /** Runs SIMD instruction {@code sub} without immediates on the given slots; returns the new stack. */
    private static long[] run(int sub, long... operands) {
        long[] s = new long[operands.length + 2];
        System.arraycopy(operands, 0, s, 0, operands.length);
        int sp = SimdInterpreter.execute(Op.SIMD_BASE + sub, new int[0], 0, s, operands.length, null);
        return java.util.Arrays.copyOf(s, sp);
    }

    private static long i16x4(int l0, int l1, int l2, int l3) {
        return (l0 & 0xFFFFL) | (l1 & 0xFFFFL) << 16 | (l2 & 0xFFFFL) << 32 | (l3 & 0xFFFFL) << 48;
    }

    private static long f32x2(float l0, float l1) {
        return f32x2(Float.floatToRawIntBits(l0), Float.floatToRawIntBits(l1));
    }

    private static long f32x2(int bits0, int bits1) {
        return (bits0 & 0xFFFF_FFFFL) | (long) bits1 << 32;
    }

    private static long i32x2(int l0, int l1) {
        return f32x2(l0, l1);
    }

    @Test
    void narrowingSaturatesSignedLanes() {
        long low = i16x4(300, -300, 127, -128);
        long high = i16x4(128, -129, 0, 255);
        // i8x16.narrow_i16x8_s/u: one operand (two halves) gives one half of the result.
        long s = SimdLanes.narrow(low, high, 16, true);
        byte[] expectedSigned = {127, -128, 127, -128, 127, -128, 0, 127};
        byte[] expectedUnsigned = {(byte) 255, 0, 127, 0, (byte) 128, 0, 0, (byte) 255};
        long u = SimdLanes.narrow(low, high, 16, false);
        for (int i = 0; i < 8; i++) {
            assertEquals(expectedSigned[i], (byte) (s >>> 8 * i), "signed lane " + i);
            assertEquals(expectedUnsigned[i], (byte) (u >>> 8 * i), "unsigned lane " + i);
        }
        // i16x8.narrow_i32x4_u: negative lanes become 0, large ones 0xFFFF.
        long n = SimdLanes.narrow(i32x2(-1, 70000), i32x2(65535, 32768), 32, false);
        assertEquals(i16x4(0, 0xFFFF, 0xFFFF, 0x8000), n);
        long m = SimdLanes.narrow(i32x2(-1, 70000), i32x2(-40000, 32768), 32, true);
        assertEquals(i16x4(-1, 32767, -32768, 32767), m);
    }

    @Test
    void q15MultiplicationRoundsAndSaturates() {
        assertEquals(32767, SimdLanes.op16(130, -32768, -32768));
        assertEquals(1, SimdLanes.op16(130, 1, 16384), "0.5 rounds up");
        assertEquals(0, SimdLanes.op16(130, -1, 16384), "-0.5 rounds up too");
        assertEquals(-32767, SimdLanes.op16(130, -32768, 32767));
        assertEquals(8192, SimdLanes.op16(130, 16384, 16384));
    }

    @Test
    void nearestRoundsTiesToEvenPerLane() {
        long[] r = run(106, f32x2(0.5f, 1.5f), f32x2(2.5f, -0.5f));
        assertEquals(f32x2(0.0f, 2.0f), r[0]);
        assertEquals(f32x2(2.0f, -0.0f), r[1]);
        long[] d = run(148, Double.doubleToRawLongBits(-2.5), Double.doubleToRawLongBits(3.5));
        assertEquals(-2.0, Double.longBitsToDouble(d[0]));
        assertEquals(4.0, Double.longBitsToDouble(d[1]));
    }

    @Test
    void nanLanesFollowTheSpecification() {
        int signalling = 0x7FA0_0001;
        // f32x4.add: a NaN operand gives an arithmetic NaN (quiet bit set), other lanes are exact.
        long[] sum = run(228, f32x2(signalling, Float.floatToRawIntBits(1f)), 0, f32x2(1f, 2f), 0);
        assertEquals(0x7FC0_0000, (int) sum[0] & 0x7FC0_0000);
        assertEquals(3f, Float.intBitsToFloat((int) (sum[0] >>> 32)));
        // f32x4.min: NaN wins and is quiet; -0 is below +0.
        long[] min = run(232, f32x2(Float.NaN, -0f), 0, f32x2(1f, 0f), 0);
        assertTrue(Float.isNaN(Float.intBitsToFloat((int) min[0])));
        assertEquals(Float.floatToRawIntBits(-0f), (int) (min[0] >>> 32));
        // f32x4.pmin is b < a ? b : a on the bits: a NaN in a is kept, one in b is not taken.
        long[] pmin = run(234, f32x2(signalling, Float.floatToRawIntBits(1f)), 0, f32x2(1f, Float.NaN), 0);
        assertEquals(signalling, (int) pmin[0]);
        assertEquals(1f, Float.intBitsToFloat((int) (pmin[0] >>> 32)));
        // pmax of -0 and +0 keeps the first operand: they compare equal.
        long[] pmax = run(235, f32x2(-0f, 0f), 0, f32x2(0f, -0f), 0);
        assertEquals(f32x2(-0f, 0f), pmax[0]);
        // f32x4.abs and neg only touch the sign bit, even of a NaN.
        assertEquals(signalling, (int) run(224, f32x2(signalling | 0x8000_0000, 0), 0)[0]);
    }

    @Test
    void saturatingArithmeticAndAverages() {
        assertEquals(127, (byte) SimdLanes.op8(111, 100, 100));
        assertEquals(-128, (byte) SimdLanes.op8(114, -100, 100));
        assertEquals(0xFF, SimdLanes.op8(112, -1, 1) & 0xFF);
        assertEquals(0, SimdLanes.op8(115, 1, -1));
        assertEquals(0xFF, SimdLanes.op8(123, -1, -2) & 0xFF, "avgr_u(255, 254) rounds up");
        assertEquals(-128, (byte) SimdLanes.op8(96, -128, 0), "abs(-128) wraps");
        assertEquals(0x7FFF, SimdLanes.op16(143, 0x7FFF, 1));
        assertEquals(0xFFFF, SimdLanes.op16(144, -1, -1) & 0xFFFF);
    }

    @Test
    void dotAndPairwiseAdditionAndExtendedMultiplication() {
        // Only -32768 * -32768 twice overflows the i32 lane, which wraps.
        assertEquals(Integer.MIN_VALUE, SimdLanes.op32(186, i32x2Word(-32768, -32768), i32x2Word(-32768, -32768)));
        assertEquals(3 * 5 + -4 * 6, SimdLanes.op32(186, i32x2Word(3, -4), i32x2Word(5, 6)));
        assertEquals(-2 + 0x7F, SimdLanes.op16(124, 0x7FFE, 0), "bytes -2 and 0x7f");
        assertEquals(0xFE + 0x7F, SimdLanes.op16(125, 0x7FFE, 0));
        // i16x8.extmul_high_i8x16_u: bytes 8..15 of both, as unsigned, multiplied.
        long[] r = run(159, 0, 0xFFL, 0, 0xFFL);
        assertEquals(0xFE01L, r[0]);
        assertEquals(0L, r[1]);
    }

    private static int i32x2Word(int lane0, int lane1) {
        return (lane0 & 0xFFFF) | lane1 << 16;
    }

    @Test
    void carryFreeAdditionAgreesWithTheLaneByLaneCode() {
        java.util.Random random = new java.util.Random(42);
        long[] edges = {0, -1, 0x8080_8080_8080_8080L, 0x7F7F_7F7F_7F7F_7F7FL, 0x8000_7FFF_0001_FFFFL, Long.MIN_VALUE};
        for (int i = 0; i < 2000; i++) {
            long x = i < edges.length ? edges[i] : random.nextLong();
            long y = i < edges.length ? edges[edges.length - 1 - i] : random.nextLong();
            assertEquals(SimdLanes.lanes8(110, x, y), SimdLanes.addOrSubtract(110, x, y));
            assertEquals(SimdLanes.lanes8(113, x, y), SimdLanes.addOrSubtract(113, x, y));
            assertEquals(SimdLanes.lanes16(142, x, y), SimdLanes.addOrSubtract(142, x, y));
            assertEquals(SimdLanes.lanes16(145, x, y), SimdLanes.addOrSubtract(145, x, y));
            assertEquals(SimdLanes.lanes32(174, x, y), SimdLanes.addOrSubtract(174, x, y));
            assertEquals(SimdLanes.lanes32(177, x, y), SimdLanes.addOrSubtract(177, x, y));
        }
    }

    @Test
    void shiftsTakeTheCountModuloTheLaneWidth() {
        assertEquals(0x0202_0202_0202_0202L, SimdLanes.shift(107, 0x0101_0101_0101_0101L, 9));
        assertEquals(0xFFC0_FFC0_FFC0_FFC0L, SimdLanes.shift(140, 0x8000_8000_8000_8000L, 16 + 9));
        assertEquals(0x0040_0040_0040_0040L, SimdLanes.shift(141, 0x8000_8000_8000_8000L, 9));
        assertEquals(1L << 63, SimdLanes.shift(203, 1, 127));
    }

    @Test
    void swizzleZeroesOutOfRangeIndices() {
        long aLow = 0x0706_0504_0302_0100L, aHigh = 0x0F0E_0D0C_0B0A_0908L;
        // indices 15, 16, 255, 0, then 8..11 and 0x80 repeated.
        long iLow = 0x0B0A_0908_00FF_100FL, iHigh = 0x8080_8080_8080_8080L;
        long[] r = run(14, aLow, aHigh, iLow, iHigh);
        assertEquals(0x0B0A_0908_0000_000FL, r[0]);
        assertEquals(0L, r[1]);
    }

    @Test
    void bitmaskAndAllTrue() {
        assertEquals(0b1000_0000_0000_0001L, SimdLanes.test(100, 0x80L, 0xFFL << 56));
        assertEquals(0b1001L, SimdLanes.test(164, 0x8000_0000L, 0x8000_0000_0000_0000L));
        assertEquals(0L, SimdLanes.test(99, -1L, 0xFFFF_FFFF_FFFF_FF00L));
        assertEquals(1L, SimdLanes.test(131, 0x0001_0100_8000_0001L, 0x0001_0001_0001_0001L));
    }

    @Test
    void conversionsBetweenHalves() {
        // i32x4.trunc_sat_f64x2_u_zero: NaN and negatives give 0, too large saturates; lanes 2, 3 are 0.
        long[] r = run(253, Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(5e9));
        assertEquals(0xFFFF_FFFF_0000_0000L, r[0]);
        assertEquals(0L, r[1]);
        // f64x2.convert_low_i32x4_u reads lanes 0 and 1 as unsigned.
        long[] c = run(255, i32x2(-1, 7), 12345);
        assertEquals(4294967295.0, Double.longBitsToDouble(c[0]));
        assertEquals(7.0, Double.longBitsToDouble(c[1]));
        // f32x4.convert_i32x4_u rounds to nearest: 0xFFFFFFFF becomes 2^32.
        assertEquals(Float.floatToRawIntBits(4294967296f), SimdLanes.op32(251, -1, 0));
    }
}
