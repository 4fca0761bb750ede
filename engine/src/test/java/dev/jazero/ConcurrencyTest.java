package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jazero.api.Module;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * wazero's concurrency promise: a Runtime and a CompiledModule are shared by many threads, each
 * with its own instances. Every instance keeps its own memory and globals: a value written by
 * one thread must never show up in another's.
 */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 1000;

    private static final String COUNTER = """
            (module
              (memory 1)
              (global $total (mut i64) (i64.const 0))
              (func (export "add") (param i64) (result i64)
                (global.set $total (i64.add (global.get $total) (local.get 0)))
                (i64.store (i32.const 8) (global.get $total))
                (global.get $total))
              (func (export "stored") (result i64) (i64.load (i32.const 8)))
              (func $fib (export "fib") (param i32) (result i32)
                (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
                  (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                 (call $fib (i32.sub (local.get 0) (i32.const 2))))))))
            """;

    @InBothTiers
    void eightThreadsShareARuntimeAndACompiledModule(RuntimeConfig config) {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                CompiledModule compiled = runtime.compileModule(COUNTER);
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                try {
                    List<Future<?>> results = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        long id = t + 1;
                        results.add(pool.submit(() -> {
                            for (int round = 0; round < ROUNDS; round++) {
                                Module m = runtime.instantiate(compiled, ModuleConfig.defaults().withName(null));
                                // Each instance sees only its own additions.
                                assertEquals(id, m.exportedFunction("add").call(id)[0]);
                                assertEquals(2 * id, m.exportedFunction("add").call(id)[0]);
                                assertEquals(2 * id, m.exportedFunction("stored").call()[0]);
                                assertEquals(55, m.exportedFunction("fib").call(10)[0]);
                                m.close();
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : results) {
                        f.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
                // Closed instances leave nothing behind in the runtime.
                assertEquals(0, ((dev.jazero.internal.runtime.RuntimeImpl) runtime).openModuleCount());
                assertNull(runtime.module("anything"));
            }
        });
    }
}
