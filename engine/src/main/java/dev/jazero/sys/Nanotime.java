package dev.jazero.sys;

/**
 * The monotonic clock a guest reads (wazero's {@code sys.Nanotime}): nanoseconds from an
 * arbitrary origin, never decreasing.
 */
@FunctionalInterface
public interface Nanotime {
    /** Returns the current monotonic time in nanoseconds. */
    long nanotime();
}
