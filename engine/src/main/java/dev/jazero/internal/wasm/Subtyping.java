package dev.jazero.internal.wasm;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;

/**
 * WebAssembly 3.0's subtyping of value types: a non-null reference is a nullable one's subtype,
 * and heap types form four hierarchies. Under {@code any}: {@code eq}, under it {@code i31},
 * {@code struct} and {@code array}, the defined struct and array types under the last two, and
 * {@code none} at the bottom; under {@code func} the defined function types, {@code nofunc} at the
 * bottom; {@code extern} over {@code noextern}; {@code exn} over {@code noexn}. A defined type is
 * below itself and the types it declares above it, compared by their numbers
 * ({@link CanonicalTypes}), within a module or across two.
 */
public final class Subtyping {

    private Subtyping() {
    }

    /** Whether a value of type {@code a} may stand where {@code b} is expected, both of {@code module}. */
    public static boolean isSubtype(WasmModule module, ValueType a, ValueType b) {
        return a.equals(b) || isSubtype(a, module.typeClasses(), b, module.typeClasses(), module.typeRegistry());
    }

    /**
     * Whether a value of type {@code a}, whose defined types have the numbers {@code aTypes}, may
     * stand where {@code b} is expected, whose have {@code bTypes}; numbers of {@code registry}.
     */
    public static boolean isSubtype(ValueType a, int[] aTypes, ValueType b, int[] bTypes, CanonicalTypes registry) {
        if (!a.isReference() || !b.isReference()) {
            return a.equals(b);
        }
        if (a.isNullable() && !b.isNullable()) {
            return false;
        }
        HeapType x = a.heapType();
        HeapType y = b.heapType();
        if (!x.isAbstract()) {
            int number = aTypes[x.typeIndex()];
            if (!y.isAbstract()) {
                return registry.isSubtype(number, bTypes[y.typeIndex()]);
            }
            int kind = CanonicalTypes.kind(number);
            return y == HeapType.FUNC ? kind == CanonicalTypes.FUNC
                    : y == HeapType.ANY || y == HeapType.EQ ? kind != CanonicalTypes.FUNC
                    : y == HeapType.STRUCT ? kind == CanonicalTypes.STRUCT
                    : y == HeapType.ARRAY && kind == CanonicalTypes.ARRAY;
        }
        if (x.equals(y)) {
            return true;
        }
        if (!y.isAbstract()) {
            // Only a bottom type is below a defined type: nofunc below functions, none below the rest.
            boolean function = CanonicalTypes.kind(bTypes[y.typeIndex()]) == CanonicalTypes.FUNC;
            return x == (function ? HeapType.NOFUNC : HeapType.NONE);
        }
        return isAbstractSubtype(x, y);
    }

    /** Whether abstract heap type {@code x}, not {@code y}, is below {@code y}. */
    private static boolean isAbstractSubtype(HeapType x, HeapType y) {
        if (x == HeapType.NONE) {
            return y == HeapType.ANY || y == HeapType.EQ || y == HeapType.I31 || y == HeapType.STRUCT || y == HeapType.ARRAY;
        }
        if (x == HeapType.I31 || x == HeapType.STRUCT || x == HeapType.ARRAY) {
            return y == HeapType.ANY || y == HeapType.EQ;
        }
        return x == HeapType.EQ ? y == HeapType.ANY
                : x == HeapType.NOFUNC ? y == HeapType.FUNC
                : x == HeapType.NOEXTERN ? y == HeapType.EXTERN
                : x == HeapType.NOEXN && y == HeapType.EXN;
    }

    /** Whether {@code a} and {@code b} are the same type, each of its own module's numbers. */
    public static boolean isSame(ValueType a, int[] aTypes, ValueType b, int[] bTypes, CanonicalTypes registry) {
        return isSubtype(a, aTypes, b, bTypes, registry) && isSubtype(b, bTypes, a, aTypes, registry);
    }
}
