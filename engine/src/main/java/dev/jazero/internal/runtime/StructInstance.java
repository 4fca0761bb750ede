package dev.jazero.internal.runtime;

import dev.jazero.api.TrapKind;
import dev.jazero.api.WasmStruct;

/**
 * A struct: its runtime type, and its fields as slots the engines read and write by index (one
 * per field, two for a v128; a packed field holds its low bits; a reference field has its slot
 * among the references). {@link SlotStruct} keeps them in arrays; compiled code defines a class
 * per field layout with a JVM field per slot (docs/references.md, "Structs and arrays"), which it
 * reads and writes directly and which implements these accessors for everything else.
 */
public abstract class StructInstance extends WasmStruct {

    public final GcType type;

    protected StructInstance(GcType type) {
        this.type = type;
    }

    /** The number in slot {@code slot}, as the engines keep it; 0 for a reference's slot. */
    public abstract long getSlot(int slot);

    /** The reference in slot {@code slot}; null for a number's slot. */
    public abstract Object getRef(int slot);

    /** Sets the number in slot {@code slot}, packed already for a packed field. */
    public abstract void setSlot(int slot, long value);

    /** Sets the reference in slot {@code slot}. */
    public abstract void setRef(int slot, Object value);

    /**
     * A struct made at run time, of the class its type's module makes them of
     * ({@link GcType#newStruct}): an allocation the JVM cannot hold is the trap "out of memory",
     * which leaves the runtime usable.
     */
    public static StructInstance create(GcType type) {
        try {
            return type.newStruct();
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
