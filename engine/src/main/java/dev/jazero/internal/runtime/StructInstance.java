package dev.jazero.internal.runtime;

import dev.jazero.api.WasmStruct;

/**
 * A struct: its fields' values in slots as the engines keep values (a packed field holds its
 * low bits), its references beside them at the same indexes.
 */
public final class StructInstance extends WasmStruct {

    public final GcType type;
    public final long[] values;
    /** The reference fields' values, or null when it has none. */
    public final Object[] refs;

    public StructInstance(GcType type) {
        this.type = type;
        this.values = new long[type.slots];
        this.refs = type.hasReferences ? new Object[type.slots] : null;
    }

    /** The slot of field {@code field}. */
    public int slot(int field) {
        return type.slotOf[field];
    }
}
