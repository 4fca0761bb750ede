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

    /**
     * Checks that each reference among {@code types}, laid out from slot 0, in {@code refs} may
     * stand where its type is expected (the guest relies on its types);
     * {@code typeIds} are the numbers of the types of the module that names them.
     *
     * @throws IllegalArgumentException naming the value that may not
     */
    public static void check(ValueType[] types, Object[] refs, int[] typeIds, RuntimeImpl runtime, String what) {
        int slot = 0;
        for (int i = 0; i < types.length; i++) {
            ValueType t = types[i];
            if (t.isReference() && !Casts.accepts(t, refs[slot], typeIds, runtime)) {
                Object ref = refs[slot];
                throw new IllegalArgumentException(what + " " + (i + 1) + " is " + t + ", which "
                        + (ref == null ? "null" : "a " + ref.getClass().getName()) + " is not");
            }
            slot += t.slots();
        }
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
