package dev.jazero.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks one after the other on a thread of its own, for two reasons: the thread's stack is
 * the compiled code's call-depth limit, so the CLI chooses it rather than the JVM's 1 MiB default;
 * and a task that runs past its time limit can be abandoned, so that a hang in guest code fails
 * one command instead of blocking the caller.
 *
 * <p>An abandoned task keeps running on its daemon thread (Java cannot stop it safely), so the
 * worker refuses further tasks: the state the task touches may be in use.
 */
public final class Worker implements AutoCloseable {

    /**
     * The stack size of the worker thread: twice a native Linux program's main thread. Compiled
     * code recurses on it until it runs out, so a larger stack makes runaway recursion slower to
     * end and leaves its memory committed (a one-parameter function reaches about a million calls).
     */
    public static final long STACK_SIZE = 16L << 20;

    private final ExecutorService executor;
    private boolean abandoned;

    /** Creates a worker whose thread has the given name. */
    public Worker(String threadName) {
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(null, task, threadName, STACK_SIZE);
            // A daemon, so that an abandoned task does not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code task} and returns its result, or throws what it threw (an {@link Error} too).
     *
     * @param timeout the time limit, or {@code null} for none
     * @throws TimeoutException when the task ran past the limit; the worker is then abandoned
     * @throws IllegalStateException when the worker was abandoned earlier
     */
    public <T> T call(Callable<T> task, Duration timeout) throws Exception {
        if (abandoned) {
            throw new IllegalStateException("the worker was abandoned after a task ran out of time");
        }
        Future<T> future = executor.submit(task);
        try {
            return timeout == null ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned = true;
            future.cancel(true);
            executor.shutdownNow();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw (Exception) cause;
        }
    }

    /** Returns true once a task ran out of time. */
    public boolean isAbandoned() {
        return abandoned;
    }

    /** Stops the thread once its current task, if any, ends. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
