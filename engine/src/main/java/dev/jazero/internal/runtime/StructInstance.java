package dev.jazero.internal.runtime;

import dev.jazero.api.TrapKind;
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

    /**
     * A struct made at run time: an allocation the JVM cannot hold is the trap "out of memory",
     * which leaves the runtime usable.
     */
    public static StructInstance create(GcType type) {
        try {
            return new StructInstance(type);
        } catch (OutOfMemoryError e) {
            throw Traps.trap(TrapKind.OUT_OF_MEMORY);
        }
    }

    /** The struct a reference refers to, or the trap "null structure reference". */
    public static StructInstance of(Object ref) {
        if (ref == null) {
            throw Traps.trap(TrapKind.NULL_STRUCT_REFERENCE);
        }
        return (StructInstance) ref;
    }

    /** A field's value as a struct keeps it: a packed field's low bits. */
    public static long pack(int packedBits, long value) {
        return packedBits == 8 ? value & 0xFF : packedBits == 16 ? value & 0xFFFF : value;
    }

    /** A field's value as the engines have it: a packed field extended, with its sign when {@code signed}. */
    public static long unpack(int packedBits, long value, boolean signed) {
        return switch (packedBits) {
            case 8 -> signed ? (byte) value : value;
            case 16 -> signed ? (short) value : value;
            default -> value;
        };
    }

    /** The slot of field {@code field}. */
    public int slot(int field) {
        return type.slotOf[field];
    }
}
