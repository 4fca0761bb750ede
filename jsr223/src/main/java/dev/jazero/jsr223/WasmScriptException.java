package dev.jazero.jsr223;

import dev.jazero.api.WasmException;
import javax.script.ScriptException;

/**
 * A {@link ScriptException} from WebAssembly: a module that does not decode, validate, link or
 * instantiate, a trap, or a guest's exit with a non-zero code. It carries the engine's exception as
 * its cause, the WebAssembly failure kind, the function that was called (if any), and where the
 * error is in the source: the line and column of text (WAT) in {@link #getLineNumber()} and
 * {@link #getColumnNumber()}, the byte offset in a binary module in {@link #byteOffset()}.
 */
public class WasmScriptException extends ScriptException {

    private static final long serialVersionUID = 1L;

    private final WasmException.Kind kind;
    private final String functionName;
    private final long byteOffset;

    WasmScriptException(String message, String fileName, int line, int column, long byteOffset, WasmException.Kind kind,
            String functionName, Throwable cause) {
        super(message, fileName, line, column);
        this.kind = kind;
        this.functionName = functionName;
        this.byteOffset = byteOffset;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** What failed, or null when the cause is not a {@link WasmException}. */
    public WasmException.Kind kind() {
        return kind;
    }

    /** The exported function that was called when it failed, or null. */
    public String functionName() {
        return functionName;
    }

    /** The offset in a binary module of the malformed or invalid byte, or -1. */
    public long byteOffset() {
        return byteOffset;
    }
}
