package dev.jazero.internal.semantics;

import dev.jazero.api.TrapKind;
import dev.jazero.internal.runtime.Traps;

/**
 * The numeric instructions whose WebAssembly semantics differ from Java's operators: float
 * min/max/nearest/truncation, conversions with their traps, unsigned conversions. Shared by the
 * execution tiers so that they agree bit for bit. Float values travel as raw bits so that NaN
 * payloads survive wherever the specification says they must.
 */
public final class Numerics {

    private static final float TWO_31_F = 2147483648f;
    private static final float TWO_32_F = 4294967296f;
    private static final float TWO_63_F = 9223372036854775808f;
    private static final float TWO_64_F = 18446744073709551616f;
    private static final double TWO_31 = 2147483648.0;
    private static final double TWO_32 = 4294967296.0;
    private static final double TWO_63 = 9223372036854775808.0;
    private static final double TWO_64 = 18446744073709551616.0;

    private Numerics() {
    }

    // ---- canonical NaNs (RuntimeConfig#withCanonicalNaNs) ----

    /** The canonical f32 NaN, positive and quiet with an empty payload. */
    public static final int CANONICAL_NAN_F32 = 0x7FC0_0000;
    /** The canonical f64 NaN. */
    public static final long CANONICAL_NAN_F64 = 0x7FF8_0000_0000_0000L;

    public static float canonical(float a) {
        return a != a ? Float.intBitsToFloat(CANONICAL_NAN_F32) : a;
    }

    public static double canonical(double a) {
        return a != a ? Double.longBitsToDouble(CANONICAL_NAN_F64) : a;
    }

    /** An f32 as raw bits in a slot, canonical if it is a NaN. */
    public static long canonicalF32(long slot) {
        return ((int) slot & 0x7FFF_FFFF) > 0x7F80_0000 ? CANONICAL_NAN_F32 : slot;
    }

    /** An f64 as raw bits, canonical if it is a NaN. */
    public static long canonicalF64(long bits) {
        return (bits & Long.MAX_VALUE) > 0x7FF0_0000_0000_0000L ? CANONICAL_NAN_F64 : bits;
    }

    /** One half of a v128 of f32 lanes, each lane that is a NaN made canonical. */
    public static long canonicalF32Lanes(long half) {
        return (canonicalF32(half) & 0xFFFF_FFFFL) | canonicalF32(half >>> 32) << 32;
    }

    // ---- min, max, rounding ----

    public static float fmin(float a, float b) {
        // Java's Math.min returns a signalling NaN unchanged; WebAssembly wants it quieted.
        return a != a || b != b ? a + b : Math.min(a, b);
    }

    public static float fmax(float a, float b) {
        return a != a || b != b ? a + b : Math.max(a, b);
    }

    public static double fmin(double a, double b) {
        return a != a || b != b ? a + b : Math.min(a, b);
    }

    public static double fmax(double a, double b) {
        return a != a || b != b ? a + b : Math.max(a, b);
    }

    // Math.floor and friends return a NaN argument unchanged (in the JVM's interpreter; the JIT's
    // intrinsics may quiet it): WebAssembly wants an arithmetic NaN, so quiet it ourselves.

    public static float ceil(float a) {
        return a != a ? a + a : (float) Math.ceil(a);
    }

    public static float floor(float a) {
        return a != a ? a + a : (float) Math.floor(a);
    }

    public static float trunc(float a) {
        return a != a ? a + a : (float) trunc((double) a);
    }

    public static float nearest(float a) {
        return a != a ? a + a : (float) Math.rint(a);
    }

    public static double ceil(double a) {
        return a != a ? a + a : Math.ceil(a);
    }

    public static double floor(double a) {
        return a != a ? a + a : Math.floor(a);
    }

    public static double trunc(double a) {
        return a != a ? a + a : a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    public static double nearest(double a) {
        return a != a ? a + a : Math.rint(a);
    }

    public static int copysign(int a, int b) {
        return (a & 0x7FFF_FFFF) | (b & 0x8000_0000);
    }

    public static long copysign(long a, long b) {
        return (a & 0x7FFF_FFFF_FFFF_FFFFL) | (b & 0x8000_0000_0000_0000L);
    }

    // ---- trapping truncations ----

    private static RuntimeException invalidConversion() {
        return Traps.trap(TrapKind.INVALID_CONVERSION);
    }

    private static RuntimeException overflow() {
        return Traps.trap(TrapKind.INTEGER_OVERFLOW);
    }

    public static int i32TruncF32S(float x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_31_F || x < -TWO_31_F) {
            throw overflow();
        }
        return (int) x;
    }

    public static int i32TruncF32U(float x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_32_F || x <= -1f) {
            throw overflow();
        }
        return (int) (long) x;
    }

    public static int i32TruncF64S(double x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_31 || x <= -TWO_31 - 1) {
            throw overflow();
        }
        return (int) x;
    }

    public static int i32TruncF64U(double x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_32 || x <= -1.0) {
            throw overflow();
        }
        return (int) (long) x;
    }

    public static long i64TruncF32S(float x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_63_F || x < -TWO_63_F) {
            throw overflow();
        }
        return (long) x;
    }

    public static long i64TruncF32U(float x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_64_F || x <= -1f) {
            throw overflow();
        }
        return unsignedLong(x);
    }

    public static long i64TruncF64S(double x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_63 || x < -TWO_63) {
            throw overflow();
        }
        return (long) x;
    }

    public static long i64TruncF64U(double x) {
        if (x != x) {
            throw invalidConversion();
        }
        if (x >= TWO_64 || x <= -1.0) {
            throw overflow();
        }
        return unsignedLong(x);
    }

    /** Truncates a value in (-1, 2^64) to an unsigned 64-bit integer. */
    private static long unsignedLong(double x) {
        if (x < TWO_63) {
            return (long) x;
        }
        // Exact: x is a multiple of 2^11 at least, so x - 2^63 loses nothing.
        return (long) (x - TWO_63) ^ Long.MIN_VALUE;
    }

    // ---- saturating truncations (Java's casts already saturate the signed ones) ----

    public static int i32TruncSatF32U(float x) {
        if (x != x || x <= 0) {
            return 0;
        }
        return x >= TWO_32_F ? -1 : (int) (long) x;
    }

    public static int i32TruncSatF64U(double x) {
        if (x != x || x <= 0) {
            return 0;
        }
        return x >= TWO_32 ? -1 : (int) (long) x;
    }

    public static long i64TruncSatF32U(float x) {
        return i64TruncSatF64U(x);
    }

    public static long i64TruncSatF64U(double x) {
        if (x != x || x <= 0) {
            return 0;
        }
        return x >= TWO_64 ? -1L : unsignedLong(x);
    }

    // ---- unsigned integer to float, correctly rounded ----

    public static float f32ConvertI64U(long x) {
        if (x >= 0) {
            return (float) x;
        }
        // Halve with the lost bit kept sticky, so that the one rounding is the right one.
        return (float) ((x >>> 1) | (x & 1)) * 2f;
    }

    public static double f64ConvertI64U(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }

    // ---- integer division with its traps ----
    // The unsigned ones are written out instead of calling Integer/Long.divideUnsigned and
    // remainderUnsigned: from JDK 19, C2 turns those into an unsigned divide instruction even
    // when the divisor is a constant, where a signed division by a constant becomes a multiply.
    // i64.rem_u by a constant took 1.6 times as long on JDK 25 for that (docs/compiler.md).

    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw overflow();
        }
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return (int) (Integer.toUnsignedLong(a) / Integer.toUnsignedLong(b));
    }

    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return (int) (Integer.toUnsignedLong(a) % Integer.toUnsignedLong(b));
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw overflow();
        }
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (b > 0) {
            // Hacker's Delight 9.3: halve the dividend to divide signed, then correct by one.
            long q = ((a >>> 1) / b) << 1;
            long r = a - q * b;
            return q + ((r | ~(r - b)) >>> 63);
        }
        // A divisor of 2^63 or more goes into the dividend at most once.
        return (a & ~(a - b)) >>> 63;
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw Traps.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (b > 0) {
            long q = ((a >>> 1) / b) << 1;
            long r = a - q * b;
            // 0 <= r < 2b: subtract b once when r >= b, without a branch.
            return r - ((~(r - b) >> 63) & b);
        }
        return a - (((a & ~(a - b)) >> 63) & b);
    }
}
