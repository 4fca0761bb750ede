package dev.jazero.api;

/**
 * The input is not a WebAssembly module: a binary that breaks the binary format, or text that
 * breaks the text format. The message names where (section and byte offset, or line and column)
 * and why.
 */
public class MalformedModuleException extends WasmException {

    /** A module that is not well formed, for the reason {@code message} says. */
    public MalformedModuleException(String message) {
        super(message);
    }

    /** A module that is not well formed, found through {@code cause}. */
    public MalformedModuleException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED;
    }
}
