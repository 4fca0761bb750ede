package dev.jazero.internal.runtime;

import dev.jazero.sys.ExitException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A time limit on work in a module: when it passes while the work runs, the module is closed
 * with {@link ExitException#DEADLINE_EXCEEDED}, which stops its cancellable code. Closing the
 * deadline when the work ends keeps a late timer from closing a module that finished in time;
 * when the timer won, the work counts as stopped by the deadline even if it had just ended.
 */
final class Deadline implements AutoCloseable {

    private static final Deadline NONE = new Deadline(null, null, null);

    private final ModuleInstance module;
    /** True until the work ends or the deadline passes, whichever is first. */
    private final AtomicBoolean running;
    private final Future<?> timer;

    private Deadline(ModuleInstance module, AtomicBoolean running, Future<?> timer) {
        this.module = module;
        this.running = running;
        this.timer = timer;
    }

    /** Starts a deadline on {@code module}; none when {@code timeout} is null. */
    static Deadline start(ModuleInstance module, Duration timeout) {
        if (timeout == null) {
            return NONE;
        }
        if (!module.runtime().config().closeOnCancel()) {
            throw new IllegalStateException("timeouts need RuntimeConfig.withCloseOnCancel(true)");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> timer = module.runtime().schedule(() -> {
            if (running.compareAndSet(true, false)) {
                module.closeWithExitCode(ExitException.DEADLINE_EXCEEDED);
            }
        }, timeout);
        return new Deadline(module, running, timer);
    }

    /**
     * Ends the deadline.
     *
     * @throws ExitException with {@link ExitException#DEADLINE_EXCEEDED} when the deadline passed
     *         first: the module is closed, even if the work had just ended
     */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.cancel(false);
        if (!running.compareAndSet(true, false)) {
            throw new ExitException(ExitException.DEADLINE_EXCEEDED, module.name());
        }
    }
}
