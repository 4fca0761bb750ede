package dev.jazero.internal.validation;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.WasmModule;

/**
 * WebAssembly 3.0's subtyping of value types, as far as typed function references go: a
 * non-null reference is a nullable one's subtype, a function type's is {@code func}'s, and the
 * bottom types ({@code nofunc}, {@code noextern}) are below everything of their hierarchy.
 */
final class Subtyping {

    private Subtyping() {
    }

    /** Whether a value of type {@code a}, of {@code module}, may stand where {@code b} is expected. */
    static boolean isSubtype(WasmModule module, ValueType a, ValueType b) {
        if (a.equals(b)) {
            return true;
        }
        if (!a.isReference() || !b.isReference() || (a.isNullable() && !b.isNullable())) {
            return false;
        }
        return isSubtype(module, a.heapType(), b.heapType());
    }

    private static boolean isSubtype(WasmModule module, HeapType a, HeapType b) {
        if (a.equals(b)) {
            return true;
        }
        if (!a.isAbstract()) {
            // A function type (the only concrete kind without garbage collection).
            return b == HeapType.FUNC || (!b.isAbstract() && sameType(module, a.typeIndex(), b.typeIndex()));
        }
        if (a == HeapType.NOFUNC) {
            return b == HeapType.FUNC || !b.isAbstract();
        }
        if (a == HeapType.NOEXTERN) {
            return b == HeapType.EXTERN;
        }
        return false;
    }

    /** Whether types {@code i} and {@code j} of the module are the same function type. */
    private static boolean sameType(WasmModule module, int i, int j) {
        return i < module.types.size() && j < module.types.size() && module.types.get(i).equals(module.types.get(j));
    }
}
