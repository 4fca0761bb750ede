package dev.jazero.sys;

import dev.jazero.api.WasmException;

/**
 * The guest ended itself with an exit code, as WASI's {@code proc_exit} does; wazero calls this
 * {@code sys.ExitError}. Exit code 0 is a normal end that still unwinds the call. After an exit
 * the module is closed.
 */
public class ExitException extends WasmException {

    /** The exit code of a call cancelled by interrupting its thread (wazero's ExitCodeContextCanceled). */
    public static final int CONTEXT_CANCELED = 0xFFFF_FFFF;
    /** The exit code of a call stopped by its deadline (wazero's ExitCodeDeadlineExceeded). */
    public static final int DEADLINE_EXCEEDED = 0xEFFF_FFFF;

    private final int exitCode;

    /** An exit with {@code exitCode}, of no module in particular. */
    public ExitException(int exitCode) {
        this(exitCode, null);
    }

    /** Module {@code moduleName} (null if unknown) exited with {@code exitCode}. */
    public ExitException(int exitCode, String moduleName) {
        super(moduleName == null
                ? "exit code " + Integer.toUnsignedString(exitCode)
                : "module '" + moduleName + "' exited with code " + Integer.toUnsignedString(exitCode));
        this.exitCode = exitCode;
    }

    /** Returns the exit code the guest gave, as an unsigned 32-bit value in an int. */
    public int exitCode() {
        return exitCode;
    }

    @Override
    public Kind kind() {
        return Kind.EXIT;
    }
}
