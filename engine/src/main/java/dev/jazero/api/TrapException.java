package dev.jazero.api;

/**
 * Execution trapped. The message starts with the specification's text for the
 * {@linkplain #trapKind() kind} and goes on with where it happened (module, function and code
 * offset when known). A trap ends the current call only: the runtime and other modules stay
 * usable, and so does the trapping module.
 */
public class TrapException extends WasmException {

    private final TrapKind trapKind;

    public TrapException(TrapKind trapKind) {
        this(trapKind, trapKind.message(), null);
    }

    public TrapException(TrapKind trapKind, String message, Throwable cause) {
        super(message, cause);
        this.trapKind = trapKind;
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
