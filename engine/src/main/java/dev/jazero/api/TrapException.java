package dev.jazero.api;

import java.util.List;

/**
 * Execution trapped. The message starts with the specification's text for the
 * {@linkplain #trapKind() kind} and goes on with where it happened (module, function and code
 * offset when known) and the WebAssembly stack trace, where each frame is followed by its source
 * file and line when the module has DWARF line tables and
 * {@link dev.jazero.RuntimeConfig#withDebugInfoEnabled(boolean) debug info} is on. A trap ends
 * the current call only: the runtime and other modules stay usable, and so does the trapping
 * module.
 */
public class TrapException extends WasmException {

    private final TrapKind trapKind;
    private final List<String> wasmStackTrace;

    /** A trap with the kind's message and no location yet. */
    public TrapException(TrapKind trapKind) {
        this(trapKind, trapKind.message(), null);
    }

    /** A trap with a message that starts with the kind's text, and no location yet. */
    public TrapException(TrapKind trapKind, String message, Throwable cause) {
        this(trapKind, message, cause, List.of());
    }

    /**
     * A trap located in WebAssembly code.
     *
     * @param wasmStackTrace the frames, innermost first, as {@code function NAME, offset 0xN}
     */
    public TrapException(TrapKind trapKind, String message, Throwable cause, List<String> wasmStackTrace) {
        super(message, cause);
        this.trapKind = trapKind;
        this.wasmStackTrace = List.copyOf(wasmStackTrace);
    }

    /**
     * Returns the WebAssembly frames that were running when the trap happened, innermost first;
     * empty when the trap did not happen in WebAssembly code.
     */
    public List<String> wasmStackTrace() {
        return wasmStackTrace;
    }

    /** Returns why execution trapped. */
    public TrapKind trapKind() {
        return trapKind;
    }

    @Override
    public Kind kind() {
        return Kind.TRAP;
    }
}
