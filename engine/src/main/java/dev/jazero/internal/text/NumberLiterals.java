package dev.jazero.internal.text;

import java.math.BigInteger;

/**
 * Parses the numeric literal forms of the text format: integers ({@code uN}/{@code sN}, decimal or
 * hexadecimal with {@code _} separators) and floats (decimal, hexadecimal, {@code inf}, {@code nan},
 * {@code nan:0x...}).
 *
 * <p>Floats are rounded exactly (round to nearest, ties to even) with {@link BigInteger}
 * arithmetic: the JDK's {@code Double.parseDouble} mis-rounded some inputs before JDK 19, does not
 * round directly to {@code float}, and does not know the WebAssembly hexadecimal forms.
 *
 * <p>Failures are reported with two light exceptions so that callers can choose the message: a
 * token that is not a literal of the requested class at all ({@link BadSyntax}) versus one that is
 * well formed but does not fit ({@link OutOfRange}).
 */
final class NumberLiterals {

    private NumberLiterals() {}

    /** The token is not a literal of the requested kind. */
    static final class BadSyntax extends RuntimeException {
        static final BadSyntax INSTANCE = new BadSyntax();

        private BadSyntax() {
            super("bad literal syntax", null, false, false);
        }
    }

    /** The literal is well formed but its value does not fit the requested type. */
    static final class OutOfRange extends RuntimeException {
        static final OutOfRange INSTANCE = new OutOfRange();

        private OutOfRange() {
            super("constant out of range", null, false, false);
        }
    }

    // ---------------------------------------------------------------- classification

    /** Whether {@code s} is a well-formed unsigned integer token (no sign). */
    static boolean isNat(String s) {
        return s.length() > 0 && scanNat(s, 0, s.length()) == s.length();
    }

    /** Whether {@code s} is a well-formed integer token, signed or not. */
    static boolean isInt(String s) {
        int from = signLength(s);
        return s.length() > from && scanNat(s, from, s.length()) == s.length();
    }

    /** Whether {@code s} is any well-formed numeric token (every integer is also a float). */
    static boolean isNumber(String s) {
        try {
            scanFloat(s, null);
            return true;
        } catch (BadSyntax e) {
            return false;
        }
    }

    private static int signLength(String s) {
        return !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    }

    /**
     * Scans {@code num} or {@code 0x hexnum} from {@code from}; returns the end index of a valid
     * token that spans exactly to {@code to}, or -1.
     */
    private static int scanNat(String s, int from, int to) {
        if (to - from > 2 && s.charAt(from) == '0' && s.charAt(from + 1) == 'x') {
            int end = scanDigits(s, from + 2, to, true);
            return end == to ? end : -1;
        }
        int end = scanDigits(s, from, to, false);
        return end == to ? end : -1;
    }

    /**
     * Scans {@code d ('_'? d)*} from {@code from}; returns the index after the last digit, or -1 if
     * there is no digit or an underscore is not between two digits.
     */
    private static int scanDigits(String s, int from, int to, boolean hex) {
        int i = from;
        if (i >= to || digitValue(s.charAt(i), hex) < 0) {
            return -1;
        }
        i++;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '_') {
                if (i + 1 >= to || digitValue(s.charAt(i + 1), hex) < 0) {
                    return -1;
                }
                i += 2;
            } else if (digitValue(c, hex) >= 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int digitValue(char c, boolean hex) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (hex) {
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- integers

    /**
     * Parses an unsigned natural number with at most {@code bits} bits (used for indices, limits,
     * memarg offsets and lane indices).
     */
    static long parseUnsigned(String s, int bits) {
        if (s.isEmpty() || scanNat(s, 0, s.length()) != s.length()) {
            throw BadSyntax.INSTANCE;
        }
        long v = magnitude(s, 0, s.length());
        if (bits < 64 && Long.compareUnsigned(v, 1L << bits) >= 0) {
            throw OutOfRange.INSTANCE;
        }
        return v;
    }

    /**
     * Parses {@code iN}: an unsigned literal below 2^N or a signed one within the signed range.
     * Returns the two's complement bits in the low {@code bits} bits (sign-extended for
     * convenience).
     */
    static long parseInt(String s, int bits) {
        int from = signLength(s);
        if (s.length() <= from || scanNat(s, from, s.length()) != s.length()) {
            throw BadSyntax.INSTANCE;
        }
        long m = magnitude(s, from, s.length());
        if (from == 0) {
            if (bits < 64 && Long.compareUnsigned(m, 1L << bits) >= 0) {
                throw OutOfRange.INSTANCE;
            }
            return bits < 64 ? signExtend(m, bits) : m;
        }
        long half = 1L << (bits - 1); // 2^(N-1), as unsigned for N = 64
        if (s.charAt(0) == '-') {
            if (Long.compareUnsigned(m, half) > 0) {
                throw OutOfRange.INSTANCE;
            }
            return -m;
        }
        if (Long.compareUnsigned(m, half) >= 0) {
            throw OutOfRange.INSTANCE;
        }
        return m;
    }

    private static long signExtend(long v, int bits) {
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }

    /**
     * The value of an already validated nat as an unsigned long; throws {@link OutOfRange} past
     * 2^64 - 1 (syntax is checked first so that malformed tokens are never reported as out of
     * range).
     */
    private static long magnitude(String s, int from, int to) {
        boolean hex = to - from > 2 && s.charAt(from) == '0' && s.charAt(from + 1) == 'x';
        long v = 0;
        for (int i = hex ? from + 2 : from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                continue;
            }
            int d = digitValue(c, hex);
            if (hex) {
                if ((v >>> 60) != 0) {
                    throw OutOfRange.INSTANCE;
                }
                v = (v << 4) | d;
            } else {
                if (Long.compareUnsigned(v, 0x1999999999999999L) > 0) {
                    throw OutOfRange.INSTANCE;
                }
                long r = v * 10 + d;
                if (Long.compareUnsigned(r, v * 10) < 0) {
                    throw OutOfRange.INSTANCE;
                }
                v = r;
            }
        }
        return v;
    }

    // ---------------------------------------------------------------- floats

    /** Parses an {@code f32} literal to its IEEE 754 bit pattern. */
    static int parseF32(String s) {
        return (int) scanFloat(s, FloatFormat.F32);
    }

    /** Parses an {@code f64} literal to its IEEE 754 bit pattern. */
    static long parseF64(String s) {
        return scanFloat(s, FloatFormat.F64);
    }

    /** The parameters of a binary interchange format. */
    enum FloatFormat {
        F32(24, -126, 127, 8),
        F64(53, -1022, 1023, 11);

        final int precision;
        final int minExp;
        final int maxExp;
        final int expBits;

        FloatFormat(int precision, int minExp, int maxExp, int expBits) {
            this.precision = precision;
            this.minExp = minExp;
            this.maxExp = maxExp;
            this.expBits = expBits;
        }

        long signBit() {
            return 1L << (precision - 1 + expBits);
        }

        long infinity() {
            return ((1L << expBits) - 1) << (precision - 1);
        }

        long quietBit() {
            return 1L << (precision - 2);
        }
    }

    /**
     * Validates {@code s} as a float token and, when {@code f} is not null, converts it. With a
     * null format only the syntax is checked and 0 is returned.
     */
    private static long scanFloat(String s, FloatFormat f) {
        int n = s.length();
        int i = signLength(s);
        boolean negative = i == 1 && s.charAt(0) == '-';
        if (i >= n) {
            throw BadSyntax.INSTANCE;
        }
        long sign = negative && f != null ? f.signBit() : 0;
        if (s.startsWith("inf", i) && n == i + 3) {
            return f == null ? 0 : sign | f.infinity();
        }
        if (s.startsWith("nan", i)) {
            if (n == i + 3) {
                return f == null ? 0 : sign | f.infinity() | f.quietBit();
            }
            if (s.startsWith(":0x", i + 3)) {
                int from = i + 6;
                if (scanDigits(s, from, n, true) != n) {
                    throw BadSyntax.INSTANCE;
                }
                if (f == null) {
                    return 0;
                }
                BigInteger payload = new BigInteger(strip(s, from, n), 16);
                if (payload.signum() == 0 || payload.bitLength() > f.precision - 1) {
                    throw OutOfRange.INSTANCE;
                }
                return sign | f.infinity() | payload.longValue();
            }
            throw BadSyntax.INSTANCE;
        }
        boolean hex = n - i > 2 && s.charAt(i) == '0' && s.charAt(i + 1) == 'x';
        int intStart = hex ? i + 2 : i;
        int intEnd = scanDigits(s, intStart, n, hex);
        if (intEnd < 0) {
            throw BadSyntax.INSTANCE;
        }
        int fracStart = intEnd;
        int fracEnd = intEnd;
        int p = intEnd;
        if (p < n && s.charAt(p) == '.') {
            p++;
            fracStart = p;
            fracEnd = p;
            if (p < n && digitValue(s.charAt(p), hex) >= 0) {
                fracEnd = scanDigits(s, p, n, hex);
                if (fracEnd < 0) {
                    throw BadSyntax.INSTANCE;
                }
                p = fracEnd;
            }
        }
        long exp = 0;
        if (p < n) {
            char c = s.charAt(p);
            if (hex ? (c != 'p' && c != 'P') : (c != 'e' && c != 'E')) {
                throw BadSyntax.INSTANCE;
            }
            p++;
            boolean expNeg = false;
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                expNeg = s.charAt(p) == '-';
                p++;
            }
            int expEnd = scanDigits(s, p, n, false);
            if (expEnd != n) {
                throw BadSyntax.INSTANCE;
            }
            for (int k = p; k < n; k++) {
                char d = s.charAt(k);
                if (d != '_') {
                    // Saturate: anything this large is far outside every format anyway.
                    exp = Math.min(exp * 10 + (d - '0'), 1_000_000_000L);
                }
            }
            if (expNeg) {
                exp = -exp;
            }
        }
        if (f == null) {
            return 0;
        }
        String digits = strip(s, intStart, intEnd) + strip(s, fracStart, fracEnd);
        int fracDigits = strip(s, fracStart, fracEnd).length();
        long bits;
        if (hex) {
            BigInteger mant = new BigInteger(digits, 16);
            bits = round(mant, exp - 4L * fracDigits, 0, f);
        } else {
            bits = decimal(digits, exp - fracDigits, f);
        }
        return sign | bits;
    }

    private static String strip(String s, int from, int to) {
        if (s.indexOf('_', from) < 0 || s.indexOf('_', from) >= to) {
            return s.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '_') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static final float[] FLOAT_POW10 = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final double[] DOUBLE_POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };

    /** Converts {@code digits × 10^exp10}, a non-negative decimal, with correct rounding. */
    private static long decimal(String digits, long exp10, FloatFormat f) {
        // Fast path (Clinger): when the digits and the power of ten are both exact in the target
        // format, one IEEE multiplication or division rounds correctly by itself.
        if (digits.length() <= 18) {
            long m = Long.parseLong(digits);
            if (f == FloatFormat.F64 && m < (1L << 53) && Math.abs(exp10) <= 22) {
                double d = exp10 >= 0 ? m * DOUBLE_POW10[(int) exp10] : m / DOUBLE_POW10[(int) -exp10];
                return Double.doubleToRawLongBits(d);
            }
            if (f == FloatFormat.F32 && m < (1L << 24) && Math.abs(exp10) <= 10) {
                float x = exp10 >= 0 ? m * FLOAT_POW10[(int) exp10] : m / FLOAT_POW10[(int) -exp10];
                return Float.floatToRawIntBits(x) & 0xFFFFFFFFL;
            }
        }
        return round(new BigInteger(digits), 0, exp10, f);
    }

    private static final double LOG2_10 = 3.321928094887362;

    /**
     * Rounds {@code mant × 2^exp2 × 10^exp10} (mant ≥ 0) to the nearest value of format {@code f},
     * ties to even, and returns its bits without sign; throws {@link OutOfRange} when the result
     * would be infinite.
     */
    static long round(BigInteger mant, long exp2, long exp10, FloatFormat f) {
        if (mant.signum() == 0) {
            return 0;
        }
        double log2 = mant.bitLength() + exp2 + exp10 * LOG2_10;
        if (log2 > f.maxExp + 8) {
            throw OutOfRange.INSTANCE;
        }
        if (log2 < f.minExp - f.precision - 8) {
            return 0; // far below half the smallest subnormal
        }
        BigInteger num = mant;
        BigInteger den = BigInteger.ONE;
        if (exp10 >= 0) {
            num = num.multiply(BigInteger.TEN.pow((int) exp10));
        } else {
            den = den.multiply(BigInteger.TEN.pow((int) -exp10));
        }
        if (exp2 >= 0) {
            num = num.shiftLeft((int) exp2);
        } else {
            den = den.shiftLeft((int) -exp2);
        }
        // e = floor(log2(num / den))
        long e = (long) num.bitLength() - den.bitLength();
        if (compareScaled(num, den, e) < 0) {
            e--;
        }
        long q = Math.max(e, f.minExp) - (f.precision - 1); // exponent of one unit in the last place
        BigInteger n2 = num;
        BigInteger d2 = den;
        if (q >= 0) {
            d2 = d2.shiftLeft((int) q);
        } else {
            n2 = n2.shiftLeft((int) -q);
        }
        BigInteger[] qr = n2.divideAndRemainder(d2);
        BigInteger m = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(d2);
        if (cmp > 0 || (cmp == 0 && m.testBit(0))) {
            m = m.add(BigInteger.ONE);
        }
        if (m.bitLength() > f.precision) { // rounded up to 2^precision
            m = m.shiftRight(1);
            q++;
        }
        long mantissa = m.longValue();
        long hidden = 1L << (f.precision - 1);
        if (mantissa >= hidden) {
            long exponent = q + f.precision - 1;
            if (exponent > f.maxExp) {
                throw OutOfRange.INSTANCE;
            }
            long biased = exponent + f.maxExp;
            return (biased << (f.precision - 1)) | (mantissa - hidden);
        }
        return mantissa; // subnormal or zero
    }

    /** Compares num/den with 2^e. */
    private static int compareScaled(BigInteger num, BigInteger den, long e) {
        if (e >= 0) {
            return num.compareTo(den.shiftLeft((int) e));
        }
        return num.shiftLeft((int) -e).compareTo(den);
    }
}
