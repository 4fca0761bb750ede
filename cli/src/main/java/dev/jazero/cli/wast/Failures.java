package dev.jazero.cli.wast;

import dev.jazero.api.TrapException;
import dev.jazero.api.UninstantiableModuleException;
import dev.jazero.api.WasmException;

/** Describes exceptions in one line for the runner's messages. */
final class Failures {

    private Failures() {
    }

    /** Returns {@code SimpleName: message} on one line, with a trap's kind when it has one. */
    static String describe(Throwable e) {
        if (e == null) {
            return "no exception";
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replace('\n', ' ');
        String kind = e instanceof TrapException trap && trap.trapKind() != null ? " [" + trap.trapKind() + "]" : "";
        String cause = "";
        if (e instanceof UninstantiableModuleException u && u.trap() != null) {
            cause = " (trap: " + u.trap().getMessage() + ")";
        } else if (!(e instanceof WasmException) && e.getCause() != null && e.getCause() != e) {
            cause = " (caused by " + e.getCause() + ")";
        }
        return e.getClass().getSimpleName() + kind + message + cause;
    }
}
