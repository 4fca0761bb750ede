package example.concurrent;

import dev.jazero.CompiledModule;
import dev.jazero.Runtime;
import dev.jazero.api.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiles a module once and runs an instance of it on each of eight threads. A CompiledModule
 * is safe to share; each instance has its own memory and globals, and here serves one thread.
 */
public final class Main {

    private static final String COUNTER = """
        (module
          (global $count (mut i64) (i64.const 0))
          ;; Adds 1..n to the instance's own counter and returns it.
          (func (export "count") (param $n i64) (result i64)
            (block $done
              (loop $next
                (br_if $done (i64.eqz (local.get $n)))
                (global.set $count (i64.add (global.get $count) (local.get $n)))
                (local.set $n (i64.sub (local.get $n) (i64.const 1)))
                (br $next)))
            (global.get $count)))
        """;

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (Runtime runtime = Runtime.create()) {
            CompiledModule counter = runtime.compileModule(COUNTER);
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 1; t <= 8; t++) {
                long n = t * 1_000_000L;
                results.add(threads.submit(() -> {
                    try (Module instance = runtime.instantiate(counter)) {  // one per thread
                        return instance.exportedFunction("count").call(n)[0];
                    }
                }));
            }
            for (int t = 1; t <= 8; t++) {
                System.out.println("thread " + t + ": 1.." + t + ",000,000 adds up to " + results.get(t - 1).get());
            }
        } finally {
            threads.shutdown();
        }
    }
}
