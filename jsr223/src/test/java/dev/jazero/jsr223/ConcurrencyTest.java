package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.api.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;

/** What THREADING = MULTITHREADED promises, with concurrent callers. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 2_000;

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");

    @Test
    void threadingIsMultithreaded() {
        assertEquals("MULTITHREADED", engine.getFactory().getParameter("THREADING"));
    }

    /** Calls into one instance from many threads are serialized: no increment is lost. */
    @Test
    void concurrentCallsIntoOneInstance() throws Exception {
        engine.eval(Modules.COUNTER);
        Invocable invocable = (Invocable) engine;
        InvocableTest.Counter proxy = invocable.getInterface(InvocableTest.Counter.class);
        runConcurrently(t -> {
            for (int i = 0; i < CALLS; i++) {
                invocable.invokeFunction("inc");
                invocable.invokeFunction("bump_memory");
                proxy.inc();
            }
            return null;
        });
        assertEquals(2 * THREADS * CALLS + 1, invocable.invokeFunction("inc"));
        assertEquals(THREADS * CALLS, invocable.invokeFunction("memory_count"));
    }

    /** Evaluations in separate contexts run at the same time on instances of their own. */
    @Test
    void concurrentEvaluationsAreIsolated() throws Exception {
        WasmCompiledScript script = ((WasmScriptEngine) engine).compile(Modules.COUNTER);
        runConcurrently(t -> {
            for (int round = 0; round < 20; round++) {
                ScriptContext ctx = new SimpleScriptContext();
                ctx.setBindings(engine.createBindings(), ScriptContext.ENGINE_SCOPE);
                Module m = (Module) script.eval(ctx);
                for (int i = 0; i < 100; i++) {
                    ((Invocable) engine).invokeMethod(m, "inc");
                }
                assertEquals(101, ((Invocable) engine).invokeMethod(m, "inc"));
            }
            return null;
        });
    }

    /** Evaluations and calls on the engine's own context from many threads leave it consistent. */
    @Test
    void concurrentEvaluationsInTheEngineContext() throws Exception {
        runConcurrently(t -> {
            for (int i = 0; i < 20; i++) {
                engine.eval(Modules.COUNTER);
                Object r = ((Invocable) engine).invokeFunction("add", t, i);
                assertEquals(t + i, r);
            }
            return null;
        });
    }

    private interface Task {
        Object run(int thread) throws Exception;
    }

    private static void runConcurrently(Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Object> c = () -> {
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            for (Future<Object> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
