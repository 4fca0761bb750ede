package dev.jazero.internal.runtime;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.CanonicalTypes;
import dev.jazero.api.TrapKind;

/**
 * {@code ref.test}, {@code ref.cast} and {@code br_on_cast}'s test, the same code in both tiers. A
 * heap type is passed as an int ({@code Op.heapType}): a type index of the module, or minus an
 * abstract heap type's code. A function, struct or array is of a defined type when its own type
 * is that type or below it; of an abstract type by its kind ({@code i31}, {@code struct},
 * {@code array}, both and {@code i31} for {@code eq}); of a hierarchy's top every non-null value
 * is, of its bottom none.
 */
public final class Casts {

    private Casts() {
    }

    /** Whether {@code ref} is of the heap type, or null and {@code nullable}. */
    public static boolean test(Object ref, int heapType, boolean nullable, ModuleInstance inst) {
        return test(ref, heapType, nullable, inst.typeIds, inst.runtime().types());
    }

    /**
     * Whether {@code ref}, an object from outside the guest (the embedder, a host function), may
     * stand where a value of {@code type} is expected; a defined type's index is one of the module
     * whose numbers {@code typeIds} are.
     */
    public static boolean accepts(ValueType type, Object ref, int[] typeIds, RuntimeImpl runtime) {
        return test(I31Pairs.unboxRef(ref), dev.jazero.internal.ir.Op.heapType(type.heapType()), type.isNullable(), typeIds,
                runtime.types());
    }

    private static boolean test(Object ref, int heapType, boolean nullable, int[] typeIds, CanonicalTypes types) {
        if (ref == null) {
            return nullable;
        }
        if (heapType >= 0) {
            int expected = typeIds[heapType];
            int actual;
            if (ref instanceof FunctionInstance f) {
                return f.hasType(expected);
            } else if (ref instanceof StructInstance s) {
                actual = s.type.typeId;
            } else if (ref instanceof ArrayInstance a) {
                actual = a.type.typeId;
            } else {
                return false;
            }
            return actual == expected || types.isSubtype(actual, expected);
        }
        int code = -heapType;
        if (code == HeapType.EQ.code()) {
            return ref == I31Pairs.TAG || ref instanceof StructInstance || ref instanceof ArrayInstance;
        } else if (code == HeapType.I31.code()) {
            return ref == I31Pairs.TAG;
        } else if (code == HeapType.STRUCT.code()) {
            return ref instanceof StructInstance;
        } else if (code == HeapType.ARRAY.code()) {
            return ref instanceof ArrayInstance;
        }
        if (code == HeapType.FUNC.code()) {
            return ref instanceof FunctionInstance;
        } else if (code == HeapType.EXN.code()) {
            return ref instanceof dev.jazero.api.ThrownException;
        }
        return code == HeapType.ANY.code() || code == HeapType.EXTERN.code();
    }

    /** {@code ref}, when it is of the type; else the trap "cast failure". */
    public static Object cast(Object ref, int heapType, boolean nullable, ModuleInstance inst) {
        if (!test(ref, heapType, nullable, inst)) {
            throw Traps.trap(TrapKind.CAST_FAILURE);
        }
        return ref;
    }

    /**
     * {@code i31.get_s} ({@code signed}) and {@code i31.get_u} of the pair ({@code ref},
     * {@code value}): the value, or the trap "null i31 reference".
     */
    public static int i31Value(Object ref, int value, boolean signed) {
        if (ref == null) {
            throw Traps.trap(TrapKind.NULL_I31_REFERENCE);
        }
        return signed ? value : value & 0x7FFF_FFFF;
    }

    /** {@code ref.eq} of the pairs ({@code a}, {@code aValue}) and ({@code b}, {@code bValue}): the same object, or i31s of one value. */
    public static boolean same(Object a, int aValue, Object b, int bValue) {
        return a == b && (a != I31Pairs.TAG || aValue == bValue);
    }
}
