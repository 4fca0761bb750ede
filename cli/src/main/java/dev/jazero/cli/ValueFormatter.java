package dev.jazero.cli;

import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints values of the host ABI the way {@code jazero run} shows results: i32 and i64 as signed
 * decimal, floats as Java prints finite ones and as the text format writes the others
 * ({@code inf}, {@code -inf}, {@code nan}, {@code nan:0x1}), v128 as 32 hex digits, references as
 * {@code null} or their unsigned value.
 */
public final class ValueFormatter {

    private ValueFormatter() {
    }

    /** Formats each result of a call, given the function's result types, one string per value. */
    public static List<String> format(List<ValueType> types, long[] slots) {
        List<String> values = new ArrayList<>(types.size());
        int at = 0;
        for (ValueType type : types) {
            if (type == ValueType.V128) {
                values.add(formatV128(slots[at], slots[at + 1]));
                at += 2;
            } else {
                values.add(format(type, slots[at++]));
            }
        }
        return values;
    }

    /** Formats one value of a one-slot type. */
    public static String format(ValueType type, long slot) {
        return switch (type.kind()) {
            case I32 -> Integer.toString(ValueType.decodeI32(slot));
            case I64 -> Long.toString(slot);
            case F32 -> formatF32((int) slot);
            case F64 -> formatF64(slot);
            case REF -> slot == 0 ? "null" : Long.toUnsignedString(slot);
            case V128 -> formatV128(slot, 0);
        };
    }

    /** An f32 from its bits: {@code 1.5}, {@code inf}, {@code -nan}, {@code nan:0x1}. */
    static String formatF32(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isInfinite(f)) {
            return f > 0 ? "inf" : "-inf";
        }
        if (Float.isNaN(f)) {
            return nan(bits < 0, bits & 0x7F_FFFF, 0x40_0000);
        }
        return Float.toString(f);
    }

    /** An f64 from its bits: {@code 1.5}, {@code inf}, {@code -nan}, {@code nan:0x1}. */
    static String formatF64(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return nan(bits < 0, bits & 0xF_FFFF_FFFF_FFFFL, 0x8_0000_0000_0000L);
        }
        return Double.toString(d);
    }

    private static String nan(boolean negative, long payload, long canonical) {
        return (negative ? "-" : "") + (payload == canonical ? "nan" : "nan:0x" + Long.toHexString(payload));
    }

    /** Formats a v128 as {@code 0x} and 32 hex digits, the high half first. */
    public static String formatV128(long low, long high) {
        return String.format("0x%016x%016x", high, low);
    }

    /** Formats a list of types as {@code (i32, i64)}. */
    public static String signature(List<ValueType> types) {
        return types.stream().map(ValueType::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
