package dev.jazero.api;

/**
 * The input is not a WebAssembly module: a binary that breaks the binary format, or text that
 * breaks the text format. The message names where (section and byte offset, or line and column)
 * and why.
 */
public class MalformedModuleException extends WasmException {

    public MalformedModuleException(String message) {
        super(message);
    }

    public MalformedModuleException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED;
    }
}
