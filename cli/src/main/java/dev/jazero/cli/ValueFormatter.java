package dev.jazero.cli;

import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints values of the host ABI the way {@code jazero run} shows results: i32 and i64 as signed
 * decimal, floats as Java prints them, v128 as 32 hex digits, references as {@code null} or
 * their unsigned value.
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
        return switch (type) {
            case I32 -> Integer.toString(ValueType.decodeI32(slot));
            case I64 -> Long.toString(slot);
            case F32 -> Float.toString(ValueType.decodeF32(slot));
            case F64 -> Double.toString(ValueType.decodeF64(slot));
            case FUNCREF, EXTERNREF -> slot == 0 ? "null" : Long.toUnsignedString(slot);
            case V128 -> formatV128(slot, 0);
        };
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
