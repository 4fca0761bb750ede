package dev.jazero.internal.compiler;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that generate a module's code, one per core at most, daemons that end when idle.
 * Splitting a function recurses over its block structure, so it never runs on the thread that
 * needs the code, which may be deep in a WebAssembly call stack when a first call reaches a
 * function: whether a deeply nested function can be split would depend on the caller's stack.
 * Here every function is split with the same stack. (Only {@link ModuleCompiler#compileAll} lets
 * the calling thread generate too, and hands back whatever needs splitting.)
 */
final class GeneratorThreads {

    /** Enough for the deepest block nesting the validator's limits let through to be split or refused cleanly. */
    private static final long STACK_BYTES = 16L << 20;
    private static final long IDLE_SECONDS = 2;

    private final ThreadPoolExecutor executor;

    GeneratorThreads() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(null, task, "jazero-compiler", STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * The task's result. Waiting is not interruptible, as generation always ends soon: an
     * interrupt is kept for the caller, whose cancellation check sees it.
     */
    static <T> T await(Future<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
