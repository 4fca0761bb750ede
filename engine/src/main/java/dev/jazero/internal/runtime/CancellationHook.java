package dev.jazero.internal.runtime;

import java.time.Duration;

/**
 * How a module's compiled code is made to check for cancellation while one of its calls is
 * cancelled: its loop headers at once, its function entries if the call still runs
 * {@link #ENTRY_GRACE} later (the compiler's {@code CancellationPoint} says why).
 */
public interface CancellationHook {

    /** How long after a cancellation, if the call still runs, function entries check too. */
    Duration ENTRY_GRACE = Duration.ofMillis(100);

    /** A call that may be running the module's code was cancelled: loop headers check. */
    void hold();

    /** The cancelled calls still run after the grace: function entries check too. */
    void holdEntries();

    /** A cancelled call ended: when it was the last, the checks go. */
    void release();
}
