package dev.jazero.sys;

/**
 * The wall clock a guest reads (wazero's {@code sys.Walltime}): nanoseconds since the Unix epoch.
 */
@FunctionalInterface
public interface Walltime {
    /** Returns the current time in nanoseconds since 1970-01-01T00:00:00Z. */
    long walltime();
}
