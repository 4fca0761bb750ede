package dev.jazero.internal.hostfunc;

import dev.jazero.api.ValueType;

/**
 * Which Java types a host function may take and return, and the messages for those it may not.
 * Types are named as in Java source: {@code int}, {@code java.lang.String},
 * {@code com.example.Outer.Inner}, so that the annotation processor (which sees
 * {@code TypeMirror}s) and {@code withFunc} (which sees {@code Class}es) apply one rule set.
 *
 * <p>The mapping, as {@link ValueType} documents the slots:
 * <ul>
 *   <li>{@code int} and {@code boolean}: i32; {@code long}: i64; {@code float}: f32;
 *       {@code double}: f64; as parameters and as results;
 *   <li>references ({@link #referenceType}), passed as objects: {@code Object} for an
 *       {@code externref}, and the guest's structs, arrays, {@code i31}s and exceptions;
 *   <li>{@link #MODULE} and {@link #MEMORY}: injected parameters, the caller and its memory;
 *   <li>{@code String} with {@code @PtrLen} (two i32) or {@code @CString} (one i32), in
 *       {@code @HostModule} classes only, since only they carry parameter annotations;
 *   <li>{@code void}: no result; a record of the value and reference types: one result per component.
 * </ul>
 */
public final class HostTypes {

    /** The injected calling module. */
    public static final String MODULE = "dev.jazero.api.Module";
    /** The injected memory of the calling module. */
    public static final String MEMORY = "dev.jazero.api.Memory";
    /** Strings, which need {@code @PtrLen} or {@code @CString}. */
    public static final String STRING = "java.lang.String";

    private static final String VALUE_TYPES = "int, long, float, double, boolean or a reference (java.lang.Object"
            + " for externref, dev.jazero.api.WasmStruct, WasmArray, I31 or ThrownException)";

    private HostTypes() {
    }

    /**
     * Returns the Wasm type of a value parameter or single result of Java type {@code javaType},
     * or {@code null} when it is not one of {@code int}, {@code long}, {@code float},
     * {@code double}, {@code boolean}.
     */
    public static ValueType valueType(String javaType) {
        switch (javaType) {
            case "int":
            case "boolean":
                return ValueType.I32;
            case "long":
                return ValueType.I64;
            case "float":
                return ValueType.F32;
            case "double":
                return ValueType.F64;
            default:
                return null;
        }
    }

    /**
     * Returns the reference type of a parameter or result of Java type {@code javaType}, or
     * {@code null} when it is none: {@code Object} is an {@code externref},
     * and the guest's objects are the nullable references to their kind ({@code WasmStruct}
     * {@code structref}, {@code WasmArray} {@code arrayref}, {@code I31} {@code i31ref},
     * {@code ThrownException} {@code exnref}).
     */
    public static ValueType referenceType(String javaType) {
        return switch (javaType) {
            case "java.lang.Object" -> ValueType.EXTERNREF;
            case "dev.jazero.api.WasmStruct" -> ValueType.ref(dev.jazero.api.HeapType.STRUCT, true);
            case "dev.jazero.api.WasmArray" -> ValueType.ref(dev.jazero.api.HeapType.ARRAY, true);
            case "dev.jazero.api.I31" -> ValueType.ref(dev.jazero.api.HeapType.I31, true);
            case "dev.jazero.api.ThrownException" -> ValueType.ref(dev.jazero.api.HeapType.EXN, true);
            default -> null;
        };
    }

    /** The Wasm type of a parameter, result or record component of Java type {@code javaType}, a number or a reference; else null. */
    public static ValueType valueOrReference(String javaType) {
        ValueType t = referenceType(javaType);
        return t != null ? t : valueType(javaType);
    }

    /** Returns true for the parameter types that are injected rather than passed by the guest. */
    public static boolean isInjected(String javaType) {
        return MODULE.equals(javaType) || MEMORY.equals(javaType);
    }

    /** The error for a parameter of a type that is not allowed. */
    public static String unsupportedParameter(String javaType) {
        return "unsupported parameter type " + javaType + ": a host function parameter is " + VALUE_TYPES
                + ", the calling " + MODULE + " or its " + MEMORY
                + ", or (in a @HostModule class) a String annotated @PtrLen or @CString";
    }

    /** The error for a return type that is not allowed. */
    public static String unsupportedResult(String javaType) {
        return "unsupported result type " + javaType + ": a host function returns void, " + VALUE_TYPES
                + ", or a record of such components for several results";
    }

    /** The error for a record result with a component of a type that is not allowed. */
    public static String unsupportedRecordComponent(String record, String component, String javaType) {
        return "unsupported result type " + record + ": its component " + component + " is " + javaType
                + ", but the components of a record result are " + VALUE_TYPES;
    }

    /** The error for a record result without components. */
    public static String emptyRecord(String record) {
        return "unsupported result type " + record
                + ": a record result needs at least one component; return void for no result";
    }

    /** The error for a checked exception in a host function's {@code throws} clause. */
    public static String checkedException(String exceptionType) {
        return "a host function may not throw checked exception " + exceptionType
                + ": catch it, or rethrow it unchecked (an unchecked exception traps the guest, with the"
                + " exception as the trap's cause)";
    }
}
