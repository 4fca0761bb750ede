package dev.jazero.internal.runtime;

import dev.jazero.sys.ExitException;

/**
 * The check that cancellable code makes at every loop iteration and function entry (only when
 * {@link dev.jazero.RuntimeConfig#withCloseOnCancel} is on): small enough for the JIT to inline,
 * one volatile read and the thread's interrupt status on the fast path.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** Throws the exit of a closed module, or closes it when the thread was interrupted. */
    public static void check(ModuleInstance instance) {
        if (instance.cancelled) {
            throw new ExitException(instance.exitCode(), instance.name());
        }
        if (Thread.currentThread().isInterrupted()) {
            interrupted(instance);
        }
    }

    private static void interrupted(ModuleInstance instance) {
        // The interrupt is consumed here, as a thrown InterruptedException would consume it.
        Thread.interrupted();
        instance.closeWithExitCode(ExitException.CONTEXT_CANCELED);
        throw new ExitException(ExitException.CONTEXT_CANCELED, instance.name());
    }
}
