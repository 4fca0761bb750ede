package dev.jazero.jsr223;

import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.script.ScriptException;

/**
 * Conversions between Java values and the stack ABI's slots, for Invocable: numbers in the
 * {@code long} slots, references as the objects themselves beside them (an external reference
 * is any object; the guest's structs, arrays, i31s and functions are the engine's).
 */
final class Values {

    private Values() {
    }

    /** The slots that values of {@code types} take. */
    static int slots(List<ValueType> types) {
        int slots = 0;
        for (ValueType t : types) {
            slots += t.slots();
        }
        return slots;
    }

    /**
     * Encodes {@code args} as the parameters {@code types} into {@code stack} from slot 0, their
     * references into {@code refs}; a ScriptException says what does not fit.
     */
    static void encode(String function, List<ValueType> types, Object[] args, long[] stack, Object[] refs)
            throws ScriptException {
        Object[] a = args == null ? new Object[0] : args;
        if (a.length != types.size()) {
            throw new ScriptException(function + " takes " + types.size() + " argument" + (types.size() == 1 ? "" : "s")
                    + " " + signature(types) + ", not " + a.length);
        }
        int s = 0;
        for (int i = 0; i < a.length; i++) {
            ValueType t = types.get(i);
            Object v = a[i];
            try {
                if (t == ValueType.V128) {
                    long[] pair = (long[]) v;
                    if (pair.length != 2) {
                        throw new ClassCastException();
                    }
                    stack[s++] = pair[0];
                    stack[s++] = pair[1];
                } else if (t.isReference()) {
                    refs[s++] = v;
                } else {
                    stack[s++] = encode(t, v);
                }
            } catch (ClassCastException | NullPointerException | ArithmeticException e) {
                throw new ScriptException(function + ": argument " + (i + 1) + " (" + t + ") cannot be "
                        + describe(v) + "; expected " + expected(t));
            }
        }
    }

    private static long encode(ValueType t, Object v) {
        switch (t.kind()) {
            case I32 -> {
                if (v instanceof Boolean b) {
                    return ValueType.encodeBoolean(b);
                }
                if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ValueType.encodeI32(((Number) v).intValue());
                }
                if (v instanceof Character c) {
                    return ValueType.encodeI32(c);
                }
                if (v instanceof Long l) {
                    if (l < Integer.MIN_VALUE || l > 0xFFFF_FFFFL) {
                        throw new ArithmeticException();
                    }
                    return ValueType.encodeI32(l.intValue());
                }
                throw new ClassCastException();
            }
            case I64 -> {
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                if (v instanceof Boolean b) {
                    return ValueType.encodeBoolean(b);
                }
                throw new ClassCastException();
            }
            case F32 -> {
                return ValueType.encodeF32(number(v).floatValue());
            }
            case F64 -> {
                return ValueType.encodeF64(number(v).doubleValue());
            }
            default -> throw new ClassCastException();
        }
    }

    private static Number number(Object v) {
        if (v instanceof Double || v instanceof Float || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte) {
            return (Number) v;
        }
        throw new ClassCastException();
    }

    private static String expected(ValueType t) {
        return switch (t.kind()) {
            case I32 -> "Integer, Short, Byte, Character, Boolean or a Long in the 32-bit range";
            case I64 -> "Long, Integer, Short, Byte or Boolean";
            case F32, F64 -> "Float, Double, Integer, Long, Short or Byte";
            case V128 -> "long[2] (low, high)";
            default -> "any object, or null";
        };
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    }

    static String signature(List<ValueType> types) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < types.size(); i++) {
            s.append(i == 0 ? "" : " ").append(types.get(i));
        }
        return s.append(')').toString();
    }

    /** Decodes results: null for none, the value for one, an unmodifiable List for several. */
    static Object decode(List<ValueType> types, long[] stack, Object[] refs) {
        if (types.isEmpty()) {
            return null;
        }
        List<Object> values = new ArrayList<>(types.size());
        int s = 0;
        for (ValueType t : types) {
            switch (t.kind()) {
                case I32 -> values.add(ValueType.decodeI32(stack[s++]));
                case I64 -> values.add(stack[s++]);
                case F32 -> values.add(ValueType.decodeF32(stack[s++]));
                case F64 -> values.add(ValueType.decodeF64(stack[s++]));
                case V128 -> {
                    values.add(new long[] {stack[s], stack[s + 1]});
                    s += 2;
                }
                default -> values.add(refs[s++]);
            }
        }
        return values.size() == 1 ? values.get(0) : Collections.unmodifiableList(values);
    }

    /** The same as the annotation processor's: {@code fdWrite} is {@code fd_write}, {@code getHTTPStatus} {@code get_http_status}. */
    static String snakeCase(String name) {
        StringBuilder s = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                char prev = i > 0 ? name.charAt(i - 1) : '_';
                boolean afterWord = Character.isLowerCase(prev) || Character.isDigit(prev);
                boolean endOfAcronym = Character.isUpperCase(prev) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if ((afterWord || endOfAcronym) && s.length() > 0 && s.charAt(s.length() - 1) != '_') {
                    s.append('_');
                }
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
