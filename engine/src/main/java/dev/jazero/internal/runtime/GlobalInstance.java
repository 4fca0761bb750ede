package dev.jazero.internal.runtime;

import dev.jazero.api.MutableGlobal;
import dev.jazero.api.ValueType;

/**
 * A global's storage, shared by the module that defines it and every module that imports it. A
 * reference global holds its reference as an object ({@link #ref}); the API's {@code long} form
 * is its slot number (docs/references.md).
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
    /** The value of a reference global. Public for the interpreter's direct access. */
    public Object ref;
    private final RuntimeImpl runtime;

    public GlobalInstance(RuntimeImpl runtime, ValueType type, int[] typeIds, boolean mutable, long value, long high,
            Object ref) {
        this.runtime = runtime;
        this.ref = ref;
        this.type = type;
        this.typeIds = typeIds;
        this.mutable = mutable;
        this.value = value;
        this.high = high;
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
            return runtime.referenceSlot(ref);
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
            this.ref = runtime.referenceEntry(type, value);
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
        return ref;
    }

    @Override
    public void setReference(Object value) {
        checkMutable();
        checkReference();
        this.ref = value;
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
