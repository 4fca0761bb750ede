package dev.jazero.internal.runtime;

import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.ArrayType;
import dev.jazero.internal.wasm.CompositeType;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.StructType;

/**
 * A struct or array type as its objects use it: its runtime-wide number (for casts), and the
 * layout of a struct's fields in slots (one each, two for a v128, references beside them) or an
 * array's element storage. One per type of a module instance, made at instantiation.
 */
public final class GcType {

    /**
     * Element storage of arrays: {@code byte[]}, {@code short[]}, {@code int[]}, {@code long[]},
     * two longs per v128, {@code Object[]}, and for references that may be {@code i31}s pairs: an
     * {@code Object[]} and an {@code int[]} ({@link I31Pairs}).
     */
    static final int I8 = 0;
    static final int I16 = 1;
    static final int I32 = 2;
    static final int I64 = 3;
    static final int V128 = 4;
    static final int REF = 5;
    static final int PAIR = 6;

    /** The runtime-wide number of the type ({@code CanonicalTypes}). */
    public final int typeId;
    /** The struct's fields, or the array's element alone. */
    public final FieldType[] fields;
    /** A struct's slot of each field. */
    final int[] slotOf;
    /** A struct's slot count; an array's element storage. */
    final int slots;
    /** Whether a struct has reference fields. */
    final boolean hasReferences;
    /** Whether each field of a struct is a reference that may be an {@code i31}: a pair, the number in its slot's number. */
    private final boolean[] pairs;
    /** Whether this is an array type. */
    public final boolean isArray;
    /**
     * Makes a struct of this type: a {@link SlotStruct}, unless the module's compiled code has a
     * class for the type's layout ({@code ModuleCode.structFactory}), set before the instance runs.
     */
    private java.util.function.Function<GcType, StructInstance> factory = SlotStruct::new;

    GcType(int typeId, CompositeType composite) {
        this.typeId = typeId;
        if (composite instanceof ArrayType a) {
            isArray = true;
            fields = new FieldType[] {a.element()};
            slotOf = null;
            slots = storage(a.element());
            hasReferences = slots == REF || slots == PAIR;
            pairs = null;
        } else {
            isArray = false;
            fields = ((StructType) composite).fields().toArray(new FieldType[0]);
            slotOf = slotsOf((StructType) composite);
            boolean refs = false;
            pairs = new boolean[fields.length];
            for (int i = 0; i < fields.length; i++) {
                refs |= fields[i].type().isReference();
                pairs[i] = I31Pairs.mayHold(fields[i].type());
            }
            slots = fields.length == 0 ? 0 : slotOf[fields.length - 1] + fields[fields.length - 1].type().slots();
            hasReferences = refs;
        }
    }

    /**
     * Where a struct type's fields are: the slot of each, one per field, two for a v128, a
     * reference at its slot of the struct's {@code Object[]}.
     */
    public static int[] slotsOf(StructType struct) {
        int[] slotOf = new int[struct.fields().size()];
        int slot = 0;
        for (int i = 0; i < slotOf.length; i++) {
            slotOf[i] = slot;
            slot += struct.fields().get(i).type().slots();
        }
        return slotOf;
    }

    /** Whether field {@code field} of a struct is a reference pair: its object a reference slot, its number the slot's number. */
    public boolean isPair(int field) {
        return pairs[field];
    }

    /** Makes this type's structs with {@code factory} from now on; at instantiation, before the instance runs. */
    void makeStructsWith(java.util.function.Function<GcType, StructInstance> factory) {
        this.factory = factory;
    }

    /** A struct's slot count: one per field, two per v128. */
    public int slotCount() {
        return slots;
    }

    /** A struct of this type with every field zero or null; see {@link StructInstance#create}, which traps on exhaustion. */
    public StructInstance newStruct() {
        return factory.apply(this);
    }

    /** The bytes an array element takes in a data segment; 0 for references. */
    public int elementBytes() {
        return switch (slots) {
            case I8 -> 1;
            case I16 -> 2;
            case I32 -> 4;
            case I64 -> 8;
            case V128 -> 16;
            default -> 0;
        };
    }

    private static int storage(FieldType element) {
        if (element.packedBits() != 0) {
            return element.packedBits() == 8 ? I8 : I16;
        }
        ValueType t = element.type();
        return switch (t.kind()) {
            case I32, F32 -> I32;
            case I64, F64 -> I64;
            case V128 -> V128;
            case REF -> I31Pairs.mayHold(t) ? PAIR : REF;
        };
    }
}
