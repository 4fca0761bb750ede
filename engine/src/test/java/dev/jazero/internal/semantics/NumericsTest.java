package dev.jazero.internal.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import org.junit.jupiter.api.Test;

/** The numeric semantics that differ from Java's operators, at their boundaries. */
class NumericsTest {

    private static TrapKind trapOf(Runnable r) {
        return assertThrows(TrapException.class, r::run).trapKind();
    }

    @Test
    void truncationsTrapAtTheirExactBoundaries() {
        assertEquals(Integer.MIN_VALUE, Numerics.i32TruncF64S(-2147483648.9));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trapOf(() -> Numerics.i32TruncF64S(-2147483649.0)));
        assertEquals(Integer.MAX_VALUE, Numerics.i32TruncF64S(2147483647.9));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trapOf(() -> Numerics.i32TruncF64S(2147483648.0)));
        assertEquals(0, Numerics.i32TruncF32U(-0.9f));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trapOf(() -> Numerics.i32TruncF32U(-1f)));
        assertEquals(-1, Numerics.i32TruncF64U(4294967295.9));
        assertEquals(TrapKind.INVALID_CONVERSION, trapOf(() -> Numerics.i64TruncF64S(Double.NaN)));
        assertEquals(0x8000_0000_0000_0000L, Numerics.i64TruncF64U(9223372036854775808.0));
        assertEquals(-2048L, Numerics.i64TruncF64U(18446744073709549568.0));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trapOf(() -> Numerics.i64TruncF32U(18446744073709551616f)));
    }

    @Test
    void saturatingTruncationsClamp() {
        assertEquals(0, Numerics.i32TruncSatF32U(Float.NaN));
        assertEquals(0, Numerics.i32TruncSatF64U(-5.0));
        assertEquals(-1, Numerics.i32TruncSatF64U(1e20));
        assertEquals(-1L, Numerics.i64TruncSatF64U(Double.POSITIVE_INFINITY));
        assertEquals(0x8000_0000_0000_0000L, Numerics.i64TruncSatF32U(9223372036854775808f));
    }

    @Test
    void unsignedConversionsRoundOnce() {
        // 2^64 - 1 rounds up to 2^64 in both formats.
        assertEquals(18446744073709551616f, Numerics.f32ConvertI64U(-1L));
        assertEquals(18446744073709551616.0, Numerics.f64ConvertI64U(-1L));
        // Just above halfway needs the sticky bit: 2^63 + 2^39 + 1 rounds up to 2^63 + 2^40 in f32,
        // while exactly halfway, 2^63 + 2^39, rounds to even, down to 2^63.
        assertEquals(9223373136366403584f, Numerics.f32ConvertI64U(0x8000_0080_0000_0001L));
        assertEquals(9223372036854775808f, Numerics.f32ConvertI64U(0x8000_0080_0000_0000L));
    }

    @Test
    void minMaxQuietNaNsAndOrderZeros() {
        float sNaN = Float.intBitsToFloat(0x7FA0_0000);
        int bits = Float.floatToRawIntBits(Numerics.fmin(sNaN, 1f));
        assertTrue((bits & 0x0040_0000) != 0, "the result NaN is quiet");
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Numerics.fmin(0f, -0f)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Numerics.fmax(-0.0, 0.0)));
    }

    @Test
    void roundingQuietsNaNsAndRoundsTiesToEven() {
        double sNaN = Double.longBitsToDouble(0x7FF4_0000_0000_0000L);
        assertTrue((Double.doubleToRawLongBits(Numerics.floor(sNaN)) & 0x0008_0000_0000_0000L) != 0);
        assertEquals(2.0, Numerics.nearest(2.5));
        assertEquals(-0.0, Numerics.nearest(-0.5));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Numerics.trunc(-0.7)));
    }

    @Test
    void divisionTraps() {
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trapOf(() -> Numerics.i32RemU(1, 0)));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trapOf(() -> Numerics.i64DivS(Long.MIN_VALUE, -1)));
        assertEquals(0, Numerics.i32RemS(Integer.MIN_VALUE, -1));
        assertEquals(1, Numerics.i32DivU(-1, -2));
    }

    /** The unsigned divisions are written out (see Numerics): they agree with the JDK's. */
    @Test
    void unsignedDivisionAgreesWithTheJdkOnBoundariesAndRandomValues() {
        long[] edges = {0, 1, 2, 3, 7, 1_000_003, Integer.MAX_VALUE, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L,
            Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -3, -2, -1};
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        long[] values = new long[edges.length + 200];
        System.arraycopy(edges, 0, values, 0, edges.length);
        for (int i = edges.length; i < values.length; i++) {
            // Random magnitudes: a random value shifted right by 0 to 63 bits.
            values[i] = random.nextLong() >>> random.nextInt(64);
        }
        for (long a : values) {
            for (long b : values) {
                if (b != 0) {
                    assertEquals(Long.divideUnsigned(a, b), Numerics.i64DivU(a, b), a + " / " + b);
                    assertEquals(Long.remainderUnsigned(a, b), Numerics.i64RemU(a, b), a + " % " + b);
                }
                int x = (int) a;
                int y = (int) b;
                if (y != 0) {
                    assertEquals(Integer.divideUnsigned(x, y), Numerics.i32DivU(x, y), x + " / " + y);
                    assertEquals(Integer.remainderUnsigned(x, y), Numerics.i32RemU(x, y), x + " % " + y);
                }
            }
        }
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trapOf(() -> Numerics.i64RemU(5, 0)));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trapOf(() -> Numerics.i32DivU(5, 0)));
    }
}
