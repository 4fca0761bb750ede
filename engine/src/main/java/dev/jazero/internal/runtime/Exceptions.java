package dev.jazero.internal.runtime;

import dev.jazero.api.ThrownException;
import dev.jazero.api.ValueType;
import java.util.List;

/**
 * WebAssembly exceptions between the engines' slots and {@link ThrownException}, which carries
 * its values in the host ABI's encoding (32-bit values zero-extended; inside the engines they are
 * kept sign-extended) and an {@code i31} as an {@link dev.jazero.api.I31} (a pair inside, {@link I31Pairs}).
 */
public final class Exceptions {

    private Exceptions() {
    }

    /** An exception of {@code tag} carrying the values in slots {@code [base, base + n)}, their references beside them. */
    public static ThrownException create(TagInstance tag, long[] s, Object[] refs, int base) {
        int n = tag.type.paramSlots();
        long[] values = new long[n];
        int slot = 0;
        for (ValueType t : tag.type.params()) {
            long v = s[base + slot];
            // A reference's slot says nothing: its value is in the references.
            values[slot] = t.isReference() ? 0 : t == ValueType.I32 || t == ValueType.F32 ? v & 0xFFFF_FFFFL : v;
            if (t == ValueType.V128) {
                values[slot + 1] = s[base + slot + 1];
            }
            slot += t.slots();
        }
        Object[] references = null;
        if (tag.type.hasReferences()) {
            references = new Object[n];
            slot = 0;
            for (ValueType t : tag.type.params()) {
                if (t.isReference()) {
                    references[slot] = I31Pairs.box(refs[base + slot], s[base + slot]);
                }
                slot += t.slots();
            }
        }
        return new ThrownException(tag, values, references);
    }

    /** Writes the exception's values from slot {@code at} on, as the engines keep them; returns how many slots they take. */
    public static int push(ThrownException e, long[] s, Object[] refs, int at) {
        long[] values = e.values();
        Object[] references = e.references();
        List<ValueType> types = e.tag().paramTypes();
        int slot = 0;
        for (ValueType t : types) {
            long v = values[slot];
            s[at + slot] = t == ValueType.I32 || t == ValueType.F32 ? (int) v : v;
            refs[at + slot] = references[slot];
            if (t.isReference()) {
                refs[at + slot] = I31Pairs.unboxRef(references[slot]);
                s[at + slot] = I31Pairs.unboxValue(references[slot]);
            }
            if (t == ValueType.V128) {
                s[at + slot + 1] = values[slot + 1];
                refs[at + slot + 1] = null;
            }
            slot += t.slots();
        }
        return slot;
    }
}
