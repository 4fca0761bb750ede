package dev.jazero.api;

/**
 * An import of the module cannot be satisfied: the module or export is unknown, or its kind or
 * type does not match what the import declares.
 */
public class UnlinkableModuleException extends WasmException {

    /** An import that could not be resolved, as {@code message} says. */
    public UnlinkableModuleException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.UNLINKABLE;
    }
}
