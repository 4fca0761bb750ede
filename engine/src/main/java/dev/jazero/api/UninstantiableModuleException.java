package dev.jazero.api;

/**
 * Linking succeeded but instantiation failed: an element or data segment does not fit its table
 * or memory, or the start function trapped. The {@linkplain #getCause() cause} is the
 * {@link TrapException} when there is one.
 */
public class UninstantiableModuleException extends WasmException {

    /** Instantiation failed as {@code message} says; {@code cause} is the trap, if one stopped it. */
    public UninstantiableModuleException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.UNINSTANTIABLE;
    }

    /** Returns the trap that stopped instantiation, or {@code null} when it was not a trap. */
    public TrapException trap() {
        return getCause() instanceof TrapException t ? t : null;
    }
}
