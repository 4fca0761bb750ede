package dev.jazero.internal.runtime;

import dev.jazero.sys.ExitException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The check that cancellable code makes at every loop iteration and function entry (only when
 * {@link dev.jazero.RuntimeConfig#withCloseOnCancel} is on). The fast path must stay cheap in
 * tight loops: an opaque read of the module's flag, which unlike a volatile read is no barrier
 * that HotSpot must keep code from crossing, yet cannot be hoisted out of the loop; and a
 * countdown, after which the slow path also looks at the thread's interrupt status.
 */
public final class Cancellation {

    /** Checks between two looks at the thread's interrupt status. */
    static final int INTERRUPT_POLL = 4096;

    private static final VarHandle CANCELLED;

    static {
        try {
            CANCELLED = MethodHandles.lookup().findVarHandle(ModuleInstance.class, "cancelled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Cancellation() {
    }

    /** Throws the exit of a closed module, or closes it when the thread was interrupted. */
    public static void check(ModuleInstance instance) {
        if ((boolean) CANCELLED.getOpaque(instance) || --instance.interruptPoll < 0) {
            slowCheck(instance);
        }
    }

    private static void slowCheck(ModuleInstance instance) {
        if (instance.cancelled) {
            throw new ExitException(instance.exitCode(), instance.name());
        }
        instance.interruptPoll = INTERRUPT_POLL;
        if (Thread.currentThread().isInterrupted()) {
            // The interrupt is consumed here, as a thrown InterruptedException would consume it.
            Thread.interrupted();
            instance.closeWithExitCode(ExitException.CONTEXT_CANCELED);
            throw new ExitException(ExitException.CONTEXT_CANCELED, instance.name());
        }
    }
}
