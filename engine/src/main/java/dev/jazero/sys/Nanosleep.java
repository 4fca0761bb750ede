package dev.jazero.sys;

/** How a guest sleeps (wazero's {@code sys.Nanosleep}), as in WASI's {@code poll_oneoff}. */
@FunctionalInterface
public interface Nanosleep {
    /** Sleeps for this many nanoseconds (a non-positive value returns at once). */
    void nanosleep(long nanos);
}
