package dev.jazero.api;

/**
 * The module decodes but breaks a validation rule of the specification, such as a type mismatch
 * on the operand stack or an unknown index. The message names the function and byte offset.
 */
public class InvalidModuleException extends WasmException {

    /** A module that failed validation, for the reason {@code message} says. */
    public InvalidModuleException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
