package dev.jazero.internal.validation;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.WasmModule;

/** What makes a reference type that a module names invalid, once for module and code validation. */
final class ReferenceTypes {

    private ReferenceTypes() {
    }

    /**
     * Why {@code t} is not a type {@code module} may use with {@code features}, or null when it
     * is: a typed reference needs typed function references, its type index a type of the
     * module, exception references the exceptions feature, and the other abstract heap types
     * ({@code any}, {@code eq}, {@code i31}, {@code struct}, {@code array}, {@code none}) garbage
     * collection.
     */
    static String problem(WasmModule module, CoreFeatures features, ValueType t) {
        if (!t.isReference() || t == ValueType.FUNCREF || t == ValueType.EXTERNREF) {
            return null;
        }
        if (!features.isEnabled(CoreFeatures.FUNCTION_REFERENCES)) {
            return t + " needs the function-references feature, which is disabled";
        }
        HeapType h = t.heapType();
        if (!h.isAbstract() && h.typeIndex() >= module.types.size()) {
            return "unknown type " + h.typeIndex();
        }
        if (h == HeapType.EXN || h == HeapType.NOEXN) {
            return features.isEnabled(CoreFeatures.EXCEPTIONS) ? null
                    : t + " needs the exceptions feature, which is disabled";
        }
        if (h.isAbstract() && h != HeapType.FUNC && h != HeapType.EXTERN && h != HeapType.NOFUNC && h != HeapType.NOEXTERN
                && !features.isEnabled(CoreFeatures.GC)) {
            return t + " needs the gc feature, which is disabled";
        }
        return null;
    }
}
