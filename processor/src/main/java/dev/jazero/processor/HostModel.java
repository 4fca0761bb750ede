package dev.jazero.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.jazero.api.ValueType;
import dev.jazero.internal.hostfunc.HostTypes;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** What the processor found in a valid {@code @HostModule} class: the input of {@link HostModuleGenerator}. */
record HostModel(TypeElement element, TypeName hostType, ClassName generated, boolean isPublic, String moduleName,
        List<Function> functions) {

    /** One {@code @WasmExport} method. */
    record Function(ExecutableElement method, String exportName, List<Param> params, Result result) {

        /** The Wasm parameter types, in order (a {@code @PtrLen} string takes two). */
        List<ValueType> wasmParams() {
            return params.stream().flatMap(p -> p.wasmTypes().stream()).toList();
        }

        /** Whether a parameter or result is a reference: the function then takes its references as objects. */
        boolean usesReferences() {
            return wasmParams().stream().anyMatch(ValueType::isReference)
                    || result.values().stream().anyMatch(v -> v.wasmType().isReference());
        }

        /** The Wasm parameter names, in order. */
        List<String> wasmParamNames() {
            return params.stream().flatMap(p -> p.wasmNames().stream()).toList();
        }
    }

    /** How a Java parameter gets its value. */
    enum ParamKind {
        /** A value of {@link Param#type}, decoded from one slot. */
        VALUE,
        /** A reference, the object at its slot ({@code HostTypes.referenceType}). */
        REFERENCE,
        /** The calling module. */
        MODULE,
        /** The calling module's memory. */
        MEMORY,
        /** A UTF-8 string from a pointer slot and a length slot. */
        PTR_LEN,
        /** A UTF-8 string from a pointer slot to NUL-terminated bytes. */
        C_STRING
    }

    /**
     * A Java parameter.
     *
     * @param javaType for {@link ParamKind#VALUE}: {@code int}, {@code long}, {@code float},
     *     {@code double} or {@code boolean}; for {@link ParamKind#REFERENCE} the reference's class
     */
    record Param(ParamKind kind, String name, String javaType) {

        List<ValueType> wasmTypes() {
            switch (kind) {
                case VALUE:
                case REFERENCE:
                    return List.of(HostTypes.valueOrReference(javaType));
                case PTR_LEN:
                    return List.of(ValueType.I32, ValueType.I32);
                case C_STRING:
                    return List.of(ValueType.I32);
                default:
                    return List.of();
            }
        }

        List<String> wasmNames() {
            switch (kind) {
                case VALUE:
                case REFERENCE:
                case C_STRING:
                    return List.of(name);
                case PTR_LEN:
                    return List.of(name, name + "_len");
                default:
                    return List.of();
            }
        }
    }

    /** A value written to a result slot: a single result, or a record component. */
    record ResultValue(String name, String javaType) {
        ValueType wasmType() {
            return HostTypes.valueOrReference(javaType);
        }
    }

    /**
     * What the method returns: nothing ({@code values} empty, {@code record} null), one value
     * ({@code record} null), or a record ({@code record} its type, {@code values} its components
     * with their accessor names).
     */
    record Result(TypeName record, List<ResultValue> values) {
    }
}
