package dev.jazero.internal.runtime;

import dev.jazero.api.HeapType;
import dev.jazero.api.I31;
import dev.jazero.api.ValueType;

/**
 * An {@code i31} without an allocation (docs/references.md, "i31 without allocation"): where the
 * engines keep a reference, in frames, on operand stacks and in the arrays of their calling
 * convention, it is a pair of an object and a number. An {@code i31} is the pair ({@link #TAG},
 * its value sign-extended from 31 bits); any other reference is (the object, a number nobody
 * reads). Where references are stored (struct fields, array elements, tables, globals, exceptions)
 * and where the embedder and host functions see them, an {@code i31} is an {@link I31} object:
 * {@link #box} and {@link #unboxRef}/{@link #unboxValue} move between the two forms.
 */
public final class I31Pairs {

    /** The object half of an {@code i31} pair; never seen outside the engines. */
    public static final Object TAG = new Object() {
        @Override
        public String toString() {
            return "i31 (its value in the slot beside)";
        }
    };

    private I31Pairs() {
    }

    /**
     * Whether a reference of type {@code t} may be an {@code i31}, and so needs converting between
     * the forms: those of {@code any}, {@code eq} and {@code i31}, and external references, which
     * {@code extern.convert_any} makes of any reference and which an embedder may pass as an
     * {@link I31}.
     */
    public static boolean mayHold(ValueType t) {
        if (!t.isReference()) {
            return false;
        }
        HeapType h = t.heapType();
        return h.equals(HeapType.ANY) || h.equals(HeapType.EQ) || h.equals(HeapType.I31) || h.equals(HeapType.EXTERN);
    }

    /** The sign-extended value of {@code ref.i31}'s operand. */
    public static int value(int operand) {
        return operand << 1 >> 1;
    }

    /** The stored form of the pair ({@code ref}, {@code value}): an {@link I31} for an {@code i31}, else {@code ref}. */
    public static Object box(Object ref, long value) {
        return ref == TAG ? I31.of((int) value) : ref;
    }

    /** The object half of a stored reference's pair. */
    public static Object unboxRef(Object stored) {
        return stored instanceof I31 ? TAG : stored;
    }

    /** The number half of a stored reference's pair: an {@code i31}'s value, else 0. */
    public static int unboxValue(Object stored) {
        return stored instanceof I31 i ? i.value() : 0;
    }

    /**
     * Turns the {@code i31} pairs among {@code types}, laid out from slot 0 in {@code stack} and
     * {@code refs}, into {@link I31} objects: before the embedder or a host function sees them.
     */
    public static void box(ValueType[] types, long[] stack, Object[] refs) {
        int slot = 0;
        for (ValueType t : types) {
            if (t.isReference() && refs[slot] == TAG) {
                refs[slot] = I31.of((int) stack[slot]);
            }
            slot += t.slots();
        }
    }

    /** Clears the slots of {@code refs} below {@code n} that still hold {@link #TAG}, so that it never leaves the engines. */
    public static void scrub(Object[] refs, int n) {
        for (int i = 0; i < n; i++) {
            if (refs[i] == TAG) {
                refs[i] = null;
            }
        }
    }

    /**
     * Turns the {@link I31} objects among {@code types}, laid out from slot 0 in {@code stack} and
     * {@code refs}, into pairs: as references from the embedder or a host function come in.
     */
    public static void unbox(ValueType[] types, long[] stack, Object[] refs) {
        int slot = 0;
        for (ValueType t : types) {
            if (mayHold(t) && refs[slot] instanceof I31 i) {
                refs[slot] = TAG;
                stack[slot] = i.value();
            }
            slot += t.slots();
        }
    }
}
