package dev.jazero.cli.wast;

import dev.jazero.api.ValueType;
import java.util.List;

/**
 * Values as the host ABI carries them: their types, their {@code long} slots (two per v128, low
 * half first), and the objects of references at their slots' indexes.
 *
 * @param types the value types
 * @param slots the encoded values
 * @param refs the references
 */
record Values(List<ValueType> types, long[] slots, Object[] refs) {

    /** Returns the number of values. */
    int size() {
        return types.size();
    }

    /** Returns the index of the first slot of value {@code i}. */
    int slotOf(int i) {
        int slot = 0;
        for (int k = 0; k < i; k++) {
            slot += types.get(k).slots();
        }
        return slot;
    }

    /** Returns the slot of value {@code i} (the low half of a v128). */
    long low(int i) {
        return slots[slotOf(i)];
    }

    /** Returns the object of reference value {@code i}. */
    Object ref(int i) {
        return refs[slotOf(i)];
    }

    /** Returns the high half of v128 value {@code i}, 0 for other types. */
    long high(int i) {
        return types.get(i) == ValueType.V128 ? slots[slotOf(i) + 1] : 0;
    }

    /** Formats all values as the script writes them, space-separated, or {@code nothing}. */
    String describe() {
        if (types.isEmpty()) {
            return "nothing";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(ValueText.actual(types.get(i), low(i), high(i), ref(i)));
        }
        return text.toString();
    }
}
