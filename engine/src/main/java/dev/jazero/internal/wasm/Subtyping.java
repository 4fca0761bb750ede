package dev.jazero.internal.wasm;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;

/**
 * WebAssembly 3.0's subtyping of value types, as far as typed references and declared
 * supertypes go: a non-null reference is a nullable one's subtype, a function type's is
 * {@code func}'s, the bottom types ({@code nofunc}, {@code noextern}) are below everything of
 * their hierarchy, and a defined type is below itself and the types it declares above it,
 * compared by their numbers ({@link CanonicalTypes}), within a module or across two.
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
            if (y == HeapType.FUNC) {
                return CanonicalTypes.kind(number) == CanonicalTypes.FUNC;
            }
            return !y.isAbstract() && registry.isSubtype(number, bTypes[y.typeIndex()]);
        }
        if (x.equals(y)) {
            return true;
        }
        if (x == HeapType.NOFUNC) {
            return y == HeapType.FUNC || (!y.isAbstract() && CanonicalTypes.kind(bTypes[y.typeIndex()]) == CanonicalTypes.FUNC);
        }
        return x == HeapType.NOEXTERN && y == HeapType.EXTERN;
    }

    /** Whether {@code a} and {@code b} are the same type, each of its own module's numbers. */
    public static boolean isSame(ValueType a, int[] aTypes, ValueType b, int[] bTypes, CanonicalTypes registry) {
        return isSubtype(a, aTypes, b, bTypes, registry) && isSubtype(b, bTypes, a, aTypes, registry);
    }
}
