package dev.jazero.internal.runtime;

import dev.jazero.sys.ExitException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The check that cancellable code makes (only when {@link dev.jazero.RuntimeConfig#withCloseOnCancel}
 * is on): compiled code once per 1,024 function entries and once per 1,024 iterations of a loop, the interpreter
 * at function entry and on every branch back into a loop. Compiled code reads the module's flag
 * with an opaque read, which HotSpot can neither hoist out of a loop nor drop, but which also keeps
 * other memory accesses from moving across it; the compiler therefore puts it on an outer header
 * of its own, off the loop's hot path. Everything that cancels a call sets that flag: closing the
 * module, a deadline, and the runtime's watchdog when the calling thread is interrupted
 * ({@link RuntimeImpl#watchInterrupts}).
 */
public final class Cancellation {

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

    /** Throws the exit of a cancelled module. */
    public static void check(ModuleInstance instance) {
        if ((boolean) CANCELLED.getOpaque(instance)) {
            stop(instance);
        }
    }

    /** Function entries between two reads of the flag by compiled code. */
    public static final int ENTRY_INTERVAL = 1024;

    /**
     * Compiled code's check at a function entry, when its countdown ran out: an opaque read at
     * every call cost recursive code (fib) 40%, a plain count in the instance does not stop
     * HotSpot from moving other accesses across it.
     */
    public static void checkEntries(ModuleInstance instance) {
        instance.entriesBeforeCheck = ENTRY_INTERVAL;
        check(instance);
    }

    /**
     * Throws the exit of a cancelled module. The interpreter reads the flag itself, a plain
     * volatile read: in its one huge method, HotSpot may run out of inlining budget before
     * it reaches the check's VarHandle, and a call per check would cost more than the read's
     * barrier.
     */
    public static void stop(ModuleInstance instance) {
        if (instance.exitCode() == ExitException.CONTEXT_CANCELED) {
            // The interrupt that cancelled the call is consumed here, as a thrown
            // InterruptedException would consume it.
            Thread.interrupted();
        }
        throw new ExitException(instance.exitCode(), instance.name());
    }
}
