package dev.jazero.internal.runtime;

import dev.jazero.api.ValueType;

/**
 * Moves references between their two forms (docs/references.md): objects, in an {@code Object[]}
 * beside the value slots, as the engines pass them; and slot numbers in the {@code long[]} alone,
 * as the host ABI and compiled code pass functions and external references.
 */
public final class ReferenceSlots {

    private ReferenceSlots() {
    }

    /** Writes the slot number of each reference among {@code types}, laid out from slot 0, from {@code refs} into {@code stack}. */
    public static void toSlots(ValueType[] types, Object[] refs, long[] stack, RuntimeImpl runtime) {
        int slot = 0;
        for (ValueType t : types) {
            if (t.isReference()) {
                stack[slot] = runtime.referenceSlot(refs[slot]);
            }
            slot += t.slots();
        }
    }

    /**
     * The objects of the references among {@code types}, laid out from slot 0 in {@code stack},
     * at their slots' indexes in a new array as long as it.
     */
    public static Object[] toObjects(ValueType[] types, long[] stack, RuntimeImpl runtime) {
        Object[] refs = new Object[stack.length];
        toObjects(types, stack, refs, runtime);
        return refs;
    }

    /** Writes the objects of the references among {@code types}, laid out from slot 0 in {@code stack}, into {@code refs}. */
    public static void toObjects(ValueType[] types, long[] stack, Object[] refs, RuntimeImpl runtime) {
        int slot = 0;
        for (ValueType t : types) {
            if (t.isReference()) {
                refs[slot] = runtime.referenceEntry(t, stack[slot]);
            }
            slot += t.slots();
        }
    }
}
