package dev.jazero.internal.runtime;

import dev.jazero.sys.ExitException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A time limit on work in a module: when it passes while the work runs, the module is closed
 * with {@link ExitException#DEADLINE_EXCEEDED}, which stops its cancellable code. Closing the
 * deadline when the work ends keeps a late timer from closing a module that finished in time.
 */
final class Deadline implements AutoCloseable {

    private static final Deadline NONE = new Deadline(null, null);

    private final AtomicBoolean running;
    private final Future<?> timer;

    private Deadline(AtomicBoolean running, Future<?> timer) {
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
            if (running.get()) {
                module.closeWithExitCode(ExitException.DEADLINE_EXCEEDED);
            }
        }, timeout);
        return new Deadline(running, timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            running.set(false);
            timer.cancel(false);
        }
    }
}
