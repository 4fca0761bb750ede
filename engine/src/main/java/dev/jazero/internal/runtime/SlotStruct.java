package dev.jazero.internal.runtime;

/**
 * A struct whose slots are arrays: numbers in a {@code long[]}, references in an
 * {@code Object[]} at the same indexes (only when the type has references). What the interpreter
 * makes, and what a layout too large for a class of its own uses.
 */
public final class SlotStruct extends StructInstance {

    private final long[] values;
    private final Object[] refs;

    public SlotStruct(GcType type) {
        super(type);
        this.values = new long[type.slots];
        this.refs = type.hasReferences ? new Object[type.slots] : null;
    }

    @Override
    public long getSlot(int slot) {
        return values[slot];
    }

    @Override
    public Object getRef(int slot) {
        return refs == null ? null : refs[slot];
    }

    @Override
    public void setSlot(int slot, long value) {
        values[slot] = value;
    }

    @Override
    public void setRef(int slot, Object value) {
        refs[slot] = value;
    }
}
