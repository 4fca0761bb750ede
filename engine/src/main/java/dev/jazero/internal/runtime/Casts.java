package dev.jazero.internal.runtime;

import dev.jazero.api.HeapType;
import dev.jazero.api.TrapKind;

/**
 * {@code ref.test} and {@code ref.cast}, the same code in both tiers. A heap type is passed as an
 * int ({@code Op.heapType}): a type index of the module, or minus an abstract heap type's code.
 * The references there are yet are functions and external references: a non-null function is of
 * a defined type when its own type is that type or below it; of {@code func} and {@code extern}
 * every non-null value of the hierarchy is, of their bottoms none.
 */
public final class Casts {

    private Casts() {
    }

    /** Whether {@code ref} is of the heap type, or null and {@code nullable}. */
    public static boolean test(Object ref, int heapType, boolean nullable, ModuleInstance inst) {
        if (ref == null) {
            return nullable;
        }
        if (heapType >= 0) {
            return ref instanceof FunctionInstance f && f.hasType(inst.typeIds[heapType]);
        }
        int code = -heapType;
        return code == HeapType.FUNC.code() || code == HeapType.EXTERN.code();
    }

    /** {@code ref}, when it is of the type; else the trap "cast failure". */
    public static Object cast(Object ref, int heapType, boolean nullable, ModuleInstance inst) {
        if (!test(ref, heapType, nullable, inst)) {
            throw Traps.trap(TrapKind.CAST_FAILURE);
        }
        return ref;
    }
}
