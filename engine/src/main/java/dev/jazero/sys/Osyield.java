package dev.jazero.sys;

/** How a guest yields the processor (wazero's {@code sys.Osyield}), as in WASI's {@code sched_yield}. */
@FunctionalInterface
public interface Osyield {
    /** Yields the processor. */
    void osyield();
}
