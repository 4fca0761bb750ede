package dev.jazero.internal.runtime;

import dev.jazero.api.HeapType;
import dev.jazero.api.TrapKind;

/**
 * {@code ref.test} and {@code ref.cast}, the same code in both tiers. A heap type is passed as an
 * int ({@code Op.heapType}): a type index of the module, or minus an abstract heap type's code.
 * The operands come in compiled code's order, the instance last. The references there
 * are yet are functions and external references: a non-null function is of a defined type when
 * its own type is that type or below it; of {@code func} and {@code extern} every non-null value
 * of the hierarchy is, of their bottoms none.
 */
public final class Casts {

    private Casts() {
    }

    /** Whether the reference in {@code slot} is of the heap type, or null and {@code nullable}. */
    public static boolean test(long slot, int heapType, boolean nullable, ModuleInstance inst) {
        if (slot == 0) {
            return nullable;
        }
        if (heapType >= 0) {
            return inst.runtime().function(slot).hasType(inst.typeIds[heapType]);
        }
        int code = -heapType;
        return code == HeapType.FUNC.code() || code == HeapType.EXTERN.code();
    }

    /** The reference in {@code slot}, when it is of the type; else the trap "cast failure". */
    public static long cast(long slot, int heapType, boolean nullable, ModuleInstance inst) {
        if (!test(slot, heapType, nullable, inst)) {
            throw Traps.trap(TrapKind.CAST_FAILURE);
        }
        return slot;
    }
}
