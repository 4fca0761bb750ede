package dev.jazero.internal.runtime;

import dev.jazero.api.MutableGlobal;
import dev.jazero.api.ValueType;

/**
 * A global's storage, shared by the module that defines it and every module that imports it. A
 * reference global holds its reference as an object ({@link #ref}) and the number of its pair
 * ({@link #value}: an {@code i31}'s value, {@link I31Pairs}); the API's {@code long} form is its
 * slot number, its object form an {@code I31} for an {@code i31} (docs/references.md).
 */
public final class GlobalInstance implements MutableGlobal {

    private final ValueType type;
    /** The runtime's numbers of the defining module's types, which a typed reference's index names. */
    final int[] typeIds;
    private final boolean mutable;
    /** The value (for v128, its low half). Public for the interpreter's direct access. */
    public long value;
    /** The high half of a v128 value. */
    public long high;
    /** The object of a reference global's pair. Public for the interpreter's direct access. */
    public Object ref;
    private final RuntimeImpl runtime;

    public GlobalInstance(RuntimeImpl runtime, ValueType type, int[] typeIds, boolean mutable, long value, long high,
            Object ref) {
        this.runtime = runtime;
        this.type = type;
        this.typeIds = typeIds;
        this.mutable = mutable;
        this.value = value;
        this.high = high;
        if (type.isReference()) {
            this.ref = I31Pairs.unboxRef(ref);
            this.value = I31Pairs.unboxValue(ref);
        }
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public boolean isMutable() {
        return mutable;
    }

    @Override
    public long get() {
        if (type.isReference()) {
            return runtime.referenceSlot(getReference());
        }
        return type == ValueType.I32 || type == ValueType.F32 ? value & 0xFFFF_FFFFL : value;
    }

    @Override
    public long getHigh() {
        return high;
    }

    @Override
    public void set(long value) {
        checkMutable();
        if (type.isReference()) {
            setStored(runtime.referenceEntry(type, value));
            return;
        }
        this.value = value;
    }

    @Override
    public void set(long low, long high) {
        checkMutable();
        this.value = low;
        this.high = high;
    }

    @Override
    public Object getReference() {
        checkReference();
        return I31Pairs.box(ref, value);
    }

    @Override
    public void setReference(Object value) {
        checkMutable();
        checkReference();
        setStored(value);
    }

    /** Sets a reference global to the pair of a reference in its object form. */
    private void setStored(Object reference) {
        this.ref = I31Pairs.unboxRef(reference);
        this.value = I31Pairs.unboxValue(reference);
    }

    private void checkReference() {
        if (!type.isReference()) {
            throw new IllegalStateException("the global holds a " + type + ", not a reference");
        }
    }

    private void checkMutable() {
        if (!mutable) {
            throw new UnsupportedOperationException("the global is immutable");
        }
    }
}
