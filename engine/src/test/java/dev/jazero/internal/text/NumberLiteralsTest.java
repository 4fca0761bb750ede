package dev.jazero.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberLiteralsTest {

    @Test
    void integersAcceptUnsignedAndSignedRanges() {
        assertEquals(-1, NumberLiterals.parseInt("0xffffffff", 32));
        assertEquals(-1, NumberLiterals.parseInt("4294967295", 32));
        assertEquals(Integer.MIN_VALUE, NumberLiterals.parseInt("-2147483648", 32));
        assertEquals(Integer.MIN_VALUE, NumberLiterals.parseInt("-0x8000_0000", 32));
        assertEquals(Integer.MAX_VALUE, NumberLiterals.parseInt("+2_147_483_647", 32));
        assertEquals(0, NumberLiterals.parseInt("-0", 32));
        assertEquals(-1L, NumberLiterals.parseInt("18446744073709551615", 64));
        assertEquals(-1L, NumberLiterals.parseInt("0xffff_ffff_ffff_ffff", 64));
        assertEquals(Long.MIN_VALUE, NumberLiterals.parseInt("-9223372036854775808", 64));
        assertEquals(-128, NumberLiterals.parseInt("-128", 8));
        assertEquals(-1, NumberLiterals.parseInt("255", 8));
    }

    @Test
    void integersOutOfRange() {
        for (String s : new String[] {"4294967296", "0x100000000", "-2147483649", "-0x80000001", "+2147483648"}) {
            assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseInt(s, 32), s);
        }
        for (String s : new String[] {"18446744073709551616", "0x1_0000_0000_0000_0000", "-9223372036854775809"}) {
            assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseInt(s, 64), s);
        }
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseInt("256", 8));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseInt("-129", 8));
    }

    @Test
    void integerSyntax() {
        for (String s : new String[] {"", "_1", "1_", "1__0", "0x", "0x_1", "0xg", "1x", "- 1", "+", "0_x1", "1.0", "nan", "1e3"}) {
            assertThrows(NumberLiterals.BadSyntax.class, () -> NumberLiterals.parseInt(s, 32), s);
        }
        assertTrue(NumberLiterals.isNat("1_000"));
        assertFalse(NumberLiterals.isNat("+1"));
        assertTrue(NumberLiterals.isInt("-0x1F"));
    }

    private static float f32(String s) {
        return Float.intBitsToFloat(NumberLiterals.parseF32(s));
    }

    private static double f64(String s) {
        return Double.longBitsToDouble(NumberLiterals.parseF64(s));
    }

    @Test
    void floatSpecialForms() {
        assertEquals(0x7fc00000, NumberLiterals.parseF32("nan"));
        assertEquals(0xffc00000, NumberLiterals.parseF32("-nan"));
        assertEquals(0x7f800001, NumberLiterals.parseF32("nan:0x1"));
        assertEquals(0x7fffffff, NumberLiterals.parseF32("+nan:0x7f_ffff"));
        assertEquals(0x7ff8000000000000L, NumberLiterals.parseF64("nan"));
        assertEquals(0xfff0000000000001L, NumberLiterals.parseF64("-nan:0x1"));
        assertEquals(0x7f800000, NumberLiterals.parseF32("inf"));
        assertEquals(0xff800000, NumberLiterals.parseF32("-inf"));
        assertEquals(0x80000000, NumberLiterals.parseF32("-0"));
        assertEquals(0x8000000000000000L, NumberLiterals.parseF64("-0.0"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF32("nan:0x0"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF32("nan:0x80_0000"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF64("nan:0x10_0000_0000_0000"));
        assertThrows(NumberLiterals.BadSyntax.class, () -> NumberLiterals.parseF32("nan:1"));
        assertThrows(NumberLiterals.BadSyntax.class, () -> NumberLiterals.parseF32("nan:canonical"));
        assertThrows(NumberLiterals.BadSyntax.class, () -> NumberLiterals.parseF32("infinity"));
    }

    @Test
    void floatSyntax() {
        assertEquals(1.0f, f32("1."));
        assertEquals(100.0f, f32("1.e2"));
        assertEquals(1000.0f, f32("1_000"));
        assertEquals(0.5, f64("0x.8p0".replace("0x.", "0x0.")));
        assertEquals(1.5, f64("0x1.8"));
        assertEquals(3.0, f64("0x1.8p1"));
        assertEquals(2.0, f64("0X1p1".toLowerCase()));
        assertEquals(1e10, f64("1E10"));
        for (String s : new String[] {".0", ".0e0", "0e", "0e+", "0.0e-", "0x", "0x.", "0x0.g", "0x0p", "0x0p+",
                "0x0pA", "1._0", "1.0_", "1e_1", "_1.0", "0x_1", "0x1_.0", "1__0", "+_1", "0_x1", "1e1_"}) {
            assertThrows(NumberLiterals.BadSyntax.class, () -> NumberLiterals.parseF64(s), s);
            assertFalse(NumberLiterals.isNumber(s), s);
        }
    }

    @Test
    void floatRangeLimits() {
        assertEquals(Float.MAX_VALUE, f32("0x1.fffffep127"));
        // Just below the midpoint between MAX_VALUE and 2^128 rounds down; the midpoint rounds up.
        assertEquals(Float.MAX_VALUE, f32("0x1.fffffefffffffffffp127"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF32("0x1.ffffffp127"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF32("0x1p128"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF32("1e39"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF32("340282356779733661637539395458142568448"));
        assertEquals(Float.MAX_VALUE, f32("340282356779733661637539395458142568447"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF64("0x1.fffffffffffff8p1023"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF64("1e309"));
        assertEquals(Double.MAX_VALUE, f64("0x1.fffffffffffff7ffffffp1023"));
        assertEquals(Float.MIN_VALUE, f32("0x1p-149"));
        assertEquals(Float.MIN_VALUE, f32("1e-45"));
        assertEquals(0, NumberLiterals.parseF32("0x1p-150")); // tie to even: zero
        assertEquals(1, NumberLiterals.parseF32("0x1.000001p-150"));
        assertEquals(Double.MIN_VALUE, f64("4.9406564584124654e-324"));
        assertEquals(0L, NumberLiterals.parseF64("1e-400"));
        assertEquals(0L, NumberLiterals.parseF64("0x1p-100000000000"));
        assertThrows(NumberLiterals.OutOfRange.class, () -> NumberLiterals.parseF64("1e100000000000000"));
    }

    @Test
    void roundsTiesToEven() {
        // 2^24 + 1 lies halfway between two floats and rounds to the even one.
        assertEquals(16777216f, f32("16777217"));
        assertEquals(16777220f, f32("16777219"));
        assertEquals(0x3f800000, NumberLiterals.parseF32("0x1.000001p0"));
        assertEquals(0x3f800002, NumberLiterals.parseF32("0x1.000003p0"));
        assertEquals(0x3f800001, NumberLiterals.parseF32("0x1.00000100000000000001p0"));
        // The const.wast cases: decimal values a hair around a tie.
        assertEquals(0x3f800000, NumberLiterals.parseF32("1.000000059604644775390625"));
        assertEquals(0x3f800001, NumberLiterals.parseF32("1.00000005960464477539062500000000000001"));
        assertEquals(0x3ff0000000000000L, NumberLiterals.parseF64("1.00000000000000011102230246251565404236316680908203125"));
        assertEquals(0x3ff0000000000001L, NumberLiterals.parseF64("1.000000000000000111022302462515654042363166809082031251"));
        // The value that hung Java's parser in 2011: it rounds to the smallest normal double.
        assertEquals(0x0010000000000000L, NumberLiterals.parseF64("2.2250738585072012e-308"));
    }

    @Test
    void decimalRoundingMatchesBigDecimalReference() {
        Random r = new Random(42);
        for (int i = 0; i < 20000; i++) {
            String digits = Long.toString(r.nextLong() & Long.MAX_VALUE) + Long.toString(r.nextInt(1_000_000));
            String mantissa = digits.charAt(0) + "." + digits.substring(1);
            // BigDecimal.floatValue/doubleValue round correctly (to nearest, ties to even) here.
            String s32 = mantissa + "e" + (r.nextInt(80) - 50);
            assertEquals(Float.floatToRawIntBits(new BigDecimal(s32).floatValue()), NumberLiterals.parseF32(s32), s32);
            String s64 = mantissa + "e" + (r.nextInt(630) - 330);
            assertEquals(Double.doubleToRawLongBits(new BigDecimal(s64).doubleValue()), NumberLiterals.parseF64(s64), s64);
        }
    }

    @Test
    void hexFloatsMatchJavaForExactlyRepresentableForms() {
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String hex = Double.toHexString(d); // e.g. -0x1.8p3, exact
            assertEquals(Double.doubleToRawLongBits(d), NumberLiterals.parseF64(hex), hex);
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isNaN(f) && !Float.isInfinite(f)) {
                String fh = Float.toHexString(f);
                assertEquals(Float.floatToRawIntBits(f), NumberLiterals.parseF32(fh), fh);
            }
        }
    }
}
