package dev.jazero.cli.wast;

/**
 * The NaN result patterns of the spec scripts, on raw bits. {@code nan:canonical} is a NaN whose
 * payload is exactly the canonical one (only the quiet bit), {@code nan:arithmetic} a NaN whose
 * quiet bit is set; either may have either sign.
 */
final class FloatPatterns {

    private static final int F32_ABS = 0x7FFF_FFFF;
    private static final int F32_CANONICAL = 0x7FC0_0000;
    private static final long F64_ABS = 0x7FFF_FFFF_FFFF_FFFFL;
    private static final long F64_CANONICAL = 0x7FF8_0000_0000_0000L;

    private FloatPatterns() {
    }

    static boolean isCanonicalNan32(int bits) {
        return (bits & F32_ABS) == F32_CANONICAL;
    }

    static boolean isArithmeticNan32(int bits) {
        return (bits & F32_CANONICAL) == F32_CANONICAL;
    }

    static boolean isCanonicalNan64(long bits) {
        return (bits & F64_ABS) == F64_CANONICAL;
    }

    static boolean isArithmeticNan64(long bits) {
        return (bits & F64_CANONICAL) == F64_CANONICAL;
    }
}
