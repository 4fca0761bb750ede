package dev.jazero.processor;

/**
 * The processor's own error messages: about declarations. The messages about types are
 * {@code dev.jazero.internal.hostfunc.HostTypes}', shared with {@code HostFunctionBuilder.withFunc}.
 */
final class Messages {

    private Messages() {
    }

    static String missingProvides(String module, String service, String provider) {
        return "the script engine finds this host module only if module " + module + " provides it; add to its"
                + " module-info.java:\n    provides " + service + " with " + provider + ";";
    }

    static String blankModuleName() {
        return "@HostModule needs a module name, as in @HostModule(\"env\")";
    }

    static String annotationType() {
        return "@HostModule applies to a class or an interface, not to an annotation type";
    }

    static String notTopLevelOrStatic(String generated) {
        return "a @HostModule class must be a top-level class or a static nested class, so that the generated "
                + generated + " can reach it";
    }

    static String privateClass(String generated, String privateType) {
        return "a @HostModule class must not be private or nested in a private class (" + privateType
                + " is), so that the generated " + generated + " can reach it";
    }

    static String notPublic() {
        return "a @WasmExport method must be public";
    }

    static String staticMethod() {
        return "a @WasmExport method must be an instance method, not static: the generated code calls it on the"
                + " object given to newBuilder";
    }

    static String outsideHostModule() {
        return "a @WasmExport method must be declared in a class annotated @HostModule";
    }

    static String duplicateExport(String name, String firstMethod) {
        return "duplicate export name \"" + name + "\": method " + firstMethod
                + " already exports it; give one of them another name with @WasmExport(\"...\")";
    }

    static String stringAnnotationOnNonString(String annotation, String javaType) {
        return "@" + annotation + " applies to String parameters only, not to " + javaType;
    }

    static String bothStringAnnotations() {
        return "a String parameter is either @PtrLen or @CString, not both";
    }

    static String unannotatedString() {
        return "a String parameter needs @PtrLen (an i32 pointer and an i32 length in bytes) or @CString"
                + " (an i32 pointer to NUL-terminated bytes) to say how the guest passes it";
    }

    static String stringAnnotationOutsideExport(String annotation) {
        return "@" + annotation + " applies to parameters of @WasmExport methods";
    }

    static String unreachableRecord(String record, String generated) {
        return "unsupported result type " + record + ": the generated " + generated
                + " cannot reach it; make the record public, or package-private in the same package and not"
                + " nested in a private class";
    }
}
