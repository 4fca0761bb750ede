package dev.jazero.api;

/**
 * The root of every failure Jazero reports about WebAssembly code: a module that cannot be
 * decoded, validated, linked or instantiated, a trap during execution, or a guest's exit.
 *
 * <p>The subclasses mirror the outcomes that the WebAssembly specification distinguishes, so
 * that an embedder can tell a bad module from a failing program:
 *
 * <ul>
 *   <li>{@link MalformedModuleException}: the bytes or text are not a module (decoding);
 *   <li>{@link InvalidModuleException}: the module breaks a typing rule (validation);
 *   <li>{@link UnlinkableModuleException}: an import cannot be satisfied;
 *   <li>{@link UninstantiableModuleException}: instantiation failed after linking, for example
 *       because a segment does not fit or the start function trapped;
 *   <li>{@link TrapException}: execution trapped, with a {@link TrapKind};
 *   <li>{@link dev.jazero.sys.ExitException}: the guest asked to exit with a code;
 *   <li>{@link ThrownException}: a WebAssembly exception that the guest did not catch.
 * </ul>
 *
 * <p>All are unchecked: like wazero's errors they describe what happened to the guest, and most
 * callers let them propagate.
 */
public abstract class WasmException extends RuntimeException {

    /** The outcome classes of the specification, one per subclass. */
    public enum Kind {
        /** See {@link MalformedModuleException}. */
        MALFORMED,
        /** See {@link InvalidModuleException}. */
        INVALID,
        /** See {@link UnlinkableModuleException}. */
        UNLINKABLE,
        /** See {@link UninstantiableModuleException}. */
        UNINSTANTIABLE,
        /** See {@link TrapException}. */
        TRAP,
        /** See {@link dev.jazero.sys.ExitException}. */
        EXIT,
        /** See {@link ThrownException}. */
        EXCEPTION
    }

    /** An outcome that {@code message} describes, with module, function and location where known. */
    protected WasmException(String message) {
        super(message);
    }

    /** An outcome that {@code message} describes, caused by {@code cause}. */
    protected WasmException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An outcome that {@code message} describes, caused by {@code cause}, with a Java stack trace
     * only when {@code writableStackTrace}: filling one in is most of the cost of a Java throw.
     */
    protected WasmException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, true, writableStackTrace);
    }

    /** Returns which of the specification's outcomes this exception reports. */
    public abstract Kind kind();
}
