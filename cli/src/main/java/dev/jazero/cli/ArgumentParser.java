package dev.jazero.cli;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Turns command-line arguments into the {@code long} slots of the host ABI, by the parameter
 * types of the function they are for (see {@link ValueType}).
 *
 * <ul>
 *   <li>i32 and i64: decimal or {@code 0x} hex, with an optional sign, signed or unsigned
 *       ({@code -1} and {@code 4294967295} are the same i32), underscores between digits allowed;
 *   <li>f32 and f64: Java or WebAssembly float text: decimal, hex ({@code 0x1.8p3}, the
 *       exponent optional), {@code inf}, {@code infinity}, {@code nan}, {@code nan:0xPAYLOAD},
 *       each with an optional sign; f32 text is rounded once, straight to f32;
 *   <li>v128: one integer of up to 128 bits, usually hex;
 *   <li>funcref and externref: {@code null}; an externref also takes a non-negative integer,
 *       the host value itself.
 * </ul>
 */
public final class ArgumentParser {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private ArgumentParser() {
    }

    /**
     * Parses one argument per parameter.
     *
     * @throws IllegalArgumentException when the count differs or an argument does not parse,
     *     with a message that names the argument
     */
    public static long[] parse(List<ValueType> params, List<String> args) {
        if (params.size() != args.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + " " + ValueFormatter.signature(params)
                    + ", got " + args.size());
        }
        int slots = params.stream().mapToInt(ValueType::slots).sum();
        long[] stack = new long[slots];
        int at = 0;
        for (int i = 0; i < params.size(); i++) {
            ValueType type = params.get(i);
            String arg = args.get(i);
            try {
                if (type == ValueType.V128) {
                    long[] halves = parseV128(arg);
                    stack[at++] = halves[0];
                    stack[at++] = halves[1];
                } else {
                    stack[at++] = parse(type, arg);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument " + (i + 1) + " '" + arg + "' is not a valid "
                        + type + ": " + e.getMessage(), e);
            }
        }
        return stack;
    }

    /** Parses one value of a one-slot type. */
    public static long parse(ValueType type, String text) {
        return switch (type.kind()) {
            case I32 -> ValueType.encodeI32((int) parseInteger(text, 32).longValue());
            case I64 -> parseInteger(text, 64).longValue();
            case F32 -> ValueType.encodeF32(Float.intBitsToFloat(parseF32Bits(text)));
            case F64 -> parseF64Bits(text);
            case REF -> type.heapType() == HeapType.EXTERN ? parseExternref(text) : parseFuncref(text);
            case V128 -> throw new IllegalArgumentException("v128 takes two slots");
        };
    }

    /** Parses a v128 as its low and high 64 bits. */
    public static long[] parseV128(String text) {
        BigInteger value = parseInteger(text, 128);
        return new long[] {value.longValue(), value.shiftRight(64).longValue()};
    }

    /**
     * Parses an integer of {@code bits} bits, accepting the signed and the unsigned range, and
     * returns it as a non-negative or negative BigInteger whose low bits are the value.
     */
    static BigInteger parseInteger(String text, int bits) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            s = s.substring(2);
        }
        String digits = withoutUnderscores(s);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0 && Character.digit(c, 16) < 16)) {
            throw new IllegalArgumentException("not an integer");
        }
        BigInteger magnitude;
        try {
            magnitude = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
        BigInteger value = negative ? magnitude.negate() : magnitude;
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger maxUnsigned = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(maxUnsigned) > 0) {
            throw new IllegalArgumentException("out of range for " + bits + " bits");
        }
        return value;
    }

    /** Returns the raw bits of f32 text. */
    public static int parseF32Bits(String text) {
        Special special = Special.of(text, 23);
        if (special != null) {
            int exponentAndPayload = special.nan ? 0x7F80_0000 | (int) special.payload : 0x7F80_0000;
            return special.negative ? exponentAndPayload | 0x8000_0000 : exponentAndPayload;
        }
        return Float.floatToRawIntBits(Float.parseFloat(javaFloatText(text)));
    }

    /** Returns the raw bits of f64 text. */
    public static long parseF64Bits(String text) {
        Special special = Special.of(text, 52);
        if (special != null) {
            long exponentAndPayload = special.nan ? 0x7FF0_0000_0000_0000L | special.payload : 0x7FF0_0000_0000_0000L;
            return special.negative ? exponentAndPayload | Long.MIN_VALUE : exponentAndPayload;
        }
        return Double.doubleToRawLongBits(Double.parseDouble(javaFloatText(text)));
    }

    /** Rewrites WebAssembly float text that Java does not read (underscores, hex without p). */
    private static String javaFloatText(String text) {
        String s = withoutUnderscores(text.trim());
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        boolean hex = unsigned.startsWith("0x") || unsigned.startsWith("0X");
        if (hex && unsigned.indexOf('p') < 0 && unsigned.indexOf('P') < 0) {
            s = s + "p0";
        }
        try {
            // Parse once to reject what Java would read differently later (the parse is cheap).
            Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
        return s;
    }

    private static long parseFuncref(String text) {
        if (isNull(text)) {
            return 0;
        }
        throw new IllegalArgumentException("a funcref argument can only be null");
    }

    private static long parseExternref(String text) {
        if (isNull(text)) {
            return 0;
        }
        BigInteger value = parseInteger(text, 64);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("an externref is null or a non-negative integer");
        }
        return value.longValue();
    }

    private static boolean isNull(String text) {
        String s = text.trim();
        return s.equals("null") || s.equals("ref.null");
    }

    private static String withoutUnderscores(String s) {
        if (s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            throw new IllegalArgumentException("misplaced underscore");
        }
        return s.replace("_", "");
    }

    /** An infinity or NaN in float text, which Java's parsers do not read the wasm way. */
    private record Special(boolean negative, boolean nan, long payload) {

        static Special of(String text, int payloadBits) {
            String s = text.trim().toLowerCase(Locale.ROOT);
            boolean negative = s.startsWith("-");
            if (negative || s.startsWith("+")) {
                s = s.substring(1);
            }
            if (s.equals("inf") || s.equals("infinity")) {
                return new Special(negative, false, 0);
            }
            long canonical = 1L << (payloadBits - 1);
            if (s.equals("nan")) {
                return new Special(negative, true, canonical);
            }
            if (s.startsWith("nan:0x")) {
                BigInteger payload = parseInteger(s.substring(4), 64);
                if (payload.signum() <= 0 || payload.bitLength() > payloadBits) {
                    throw new IllegalArgumentException("NaN payload must be between 1 and 2^" + payloadBits + "-1");
                }
                return new Special(negative, true, payload.longValue());
            }
            return null;
        }
    }
}
