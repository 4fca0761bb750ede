package dev.jazero.internal.runtime;

import dev.jazero.sys.ExitException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The check that cancellable code makes (only when {@link dev.jazero.RuntimeConfig#withCloseOnCancel}
 * is on). The interpreter makes it at function entry and on every branch back into a loop;
 * compiled code makes it at function entries and loop headers through its module's
 * {@link dev.jazero.internal.compiler.CancellationPoint}, which does nothing until a running call
 * is cancelled and then calls {@link #countDown}. Everything that cancels a call sets the
 * module's flag: closing the module, a deadline, and the runtime's watchdog when the calling
 * thread is interrupted ({@link RuntimeImpl#watchInterrupts}).
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

    /** Checks by compiled code between two reads of the flag. */
    public static final int READ_INTERVAL = 1024;

    /**
     * Compiled code's check at function entries and loop headers, while its module's
     * {@code CancellationPoint} checks: an opaque read at every call cost recursive code (fib)
     * 40%, and at every loop header cost sieve 79%; a plain count in the instance does not stop
     * HotSpot from moving other accesses across it.
     */
    public static void countDown(ModuleInstance instance) {
        if (--instance.checksBeforeRead < 0) {
            instance.checksBeforeRead = READ_INTERVAL;
            check(instance);
        }
    }

    /**
     * The checks that a bulk instruction over {@code bytes} bytes counts as, in either tier: one
     * per 128 bytes (about what one cheap loop iteration costs), so that a loop of large
     * {@code memory.fill}s, copies or grows reads the flag as soon after a cancellation as a loop
     * of small steps does. At most one interval: the next check then reads the flag.
     */
    public static int bulkChecks(long bytes) {
        return (int) Math.min(bytes >>> 7, READ_INTERVAL + 1L);
    }

    /** Counts {@code memory.grow} by {@code pages} (unsigned) as a bulk instruction of that many bytes. */
    public static void countGrowth(ModuleInstance instance, long pages) {
        countBulk(instance, Math.multiplyHigh(pages, dev.jazero.api.Memory.PAGE_SIZE) != 0 ? Long.MAX_VALUE
                : pages * dev.jazero.api.Memory.PAGE_SIZE);
    }

    /** What an element of a table weighs in a bulk instruction's cost, as bytes: a reference. */
    public static final int ELEMENT_BYTES = 8;

    /**
     * Counts a bulk instruction of compiled code towards its next read of the flag (see
     * {@link #bulkChecks}), and reads it when the count runs out: the count never falls below
     * zero, so however many bulk instructions ran before a cancellation, the next check after it
     * reads the flag in time.
     */
    public static void countBulk(ModuleInstance instance, long bytes) {
        int left = instance.checksBeforeRead - bulkChecks(bytes);
        if (left < 0) {
            instance.checksBeforeRead = READ_INTERVAL;
            check(instance);
        } else {
            instance.checksBeforeRead = left;
        }
    }

    /**
     * Cancellable compiled code's check after a call through the engine (host functions, among
     * others) returns: a host function may have closed its caller, or the module of the call
     * running on this thread (WASI's {@code proc_exit} does), which puts no check in place
     * ({@code ModuleInstance.holdCheckIfRunning}).
     */
    public static void afterHostCall(ModuleInstance caller) {
        if (caller.cancelled) {
            stop(caller);
        }
        ModuleInstance outer = caller.runtime().innermostCall(Thread.currentThread());
        if (outer != null && outer.cancelled) {
            stop(outer);
        }
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
