package dev.jazero.internal.wasm;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;

/**
 * WebAssembly 3.0's subtyping of value types, as far as typed function references go: a
 * non-null reference is a nullable one's subtype, a function type's is {@code func}'s, the bottom
 * types ({@code nofunc}, {@code noextern}) are below everything of their hierarchy, and defined
 * types are compared by their numbers ({@link CanonicalTypes}), within a module or across two.
 */
public final class Subtyping {

    private Subtyping() {
    }

    /** Whether a value of type {@code a} may stand where {@code b} is expected, both of {@code module}. */
    public static boolean isSubtype(WasmModule module, ValueType a, ValueType b) {
        return a.equals(b) || isSubtype(a, module.typeClasses(), b, module.typeClasses());
    }

    /**
     * Whether a value of type {@code a}, whose defined types have the numbers {@code aTypes}, may
     * stand where {@code b} is expected, whose have {@code bTypes}; the numbers of one registry.
     */
    public static boolean isSubtype(ValueType a, int[] aTypes, ValueType b, int[] bTypes) {
        if (!a.isReference() || !b.isReference()) {
            return a.equals(b);
        }
        if (a.isNullable() && !b.isNullable()) {
            return false;
        }
        HeapType x = a.heapType();
        HeapType y = b.heapType();
        if (!x.isAbstract()) {
            // A function type (the only concrete kind without garbage collection).
            return y == HeapType.FUNC || (!y.isAbstract() && aTypes[x.typeIndex()] == bTypes[y.typeIndex()]);
        }
        if (x.equals(y)) {
            return true;
        }
        if (x == HeapType.NOFUNC) {
            return y == HeapType.FUNC || !y.isAbstract();
        }
        return x == HeapType.NOEXTERN && y == HeapType.EXTERN;
    }

    /** Whether {@code a} and {@code b} are the same type, each of its own module's numbers. */
    public static boolean isSame(ValueType a, int[] aTypes, ValueType b, int[] bTypes) {
        return isSubtype(a, aTypes, b, bTypes) && isSubtype(b, bTypes, a, aTypes);
    }
}
