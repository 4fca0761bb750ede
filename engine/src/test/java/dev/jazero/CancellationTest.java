package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import dev.jazero.sys.ExitException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stopping running calls, in both tiers, even in loops without calls. */
class CancellationTest {

    private static final String SPIN = """
            (module
              (func (export "spin") (loop $l (br $l)))
              (func $fork (export "fork") (param i32)
                (if (local.get 0) (then
                  (call $fork (i32.sub (local.get 0) (i32.const 1)))
                  (call $fork (i32.sub (local.get 0) (i32.const 1))))))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            """;

    @InBothTiers
    void aDeadlineStopsALoopAndTheRuntimeStaysUsable(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(SPIN));
                ExitException e = assertThrows(ExitException.class,
                        () -> m.exportedFunction("spin").call(Duration.ofMillis(100)));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
                assertTrue(m.isClosed());
                Module other = runtime.instantiate(runtime.compileModule(SPIN));
                assertArrayEquals(new long[] {5}, other.exportedFunction("add").call(Duration.ofSeconds(10), 2, 3));
            }
        });
    }

    /** Each way back into a loop: the check rides on the back branch, so each must make it. */
    private static final String BACK_EDGES = """
            (module
              (func (export "br") (loop $l (br $l)))
              (func (export "br_if") (loop $l (br_if $l (i32.const 1))))
              (func (export "br_table") (loop $l (block $b (br_table $b $l (i32.const 1)))))
              (func (export "br_with_params") (param i32)
                (local.get 0) (loop $l (param i32) (result i32) (i32.add (i32.const 1)) (br $l)) (drop))
              (func (export "br_if_with_params") (param i32)
                (local.get 0) (loop $l (param i32) (result i32) (i32.add (i32.const 1)) (local.tee 0) (local.get 0) (br_if $l))
                (drop))
              (func (export "br_table_with_params") (param i32)
                (local.get 0)
                (loop $l (param i32) (result i32) (i32.add (i32.const 1)) (local.get 0) (br_table $l $l (i32.const 0)))
                (drop))
              (func (export "br_if_not_taken_then_br") (local i32)
                (loop $l (br_if $l (i32.const 0)) (br $l)))
              (func (export "inner_loop_exits") (local i32)
                (loop $outer
                  (local.set 0 (i32.const 0))
                  (loop $inner
                    (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                    (br_if $inner (i32.lt_u (local.get 0) (i32.const 10))))
                  (br $outer))))
            """;

    static Stream<Arguments> backEdges() {
        return Tiers.configs().stream().map(c -> c.withCloseOnCancel(true)).flatMap(config -> Stream.of("br", "br_if", "br_table", "br_with_params", "br_if_with_params",
                "br_table_with_params", "br_if_not_taken_then_br", "inner_loop_exits")
                .flatMap(name -> Stream.of(Arguments.of(config, name, false), Arguments.of(config, name, true))));
    }

    /**
     * The module with 9,000 bytes of code at the start of every exported function, so that the
     * compiler splits each one (its locals move to a frame array and its loops keep their check
     * at the header instead of counting down).
     */
    static String split(String module) {
        return module.replaceAll("\\(func \\(export \"[a-z_]+\"\\)(?: \\((?:param|result|local) [^)]*\\))*",
                "$0" + " (drop (i64.div_s (i64.const 7) (i64.const 3)))".repeat(1500));
    }

    @ParameterizedTest
    @MethodSource("backEdges")
    void everyBranchBackIntoALoopNoticesCancellation(RuntimeConfig config, String function, boolean split) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(split ? split(BACK_EDGES) : BACK_EDGES));
                dev.jazero.api.Function f = m.exportedFunction(function);
                long[] args = f.definition().paramTypes().isEmpty() ? new long[0] : new long[] {7};
                ExitException e = assertThrows(ExitException.class, () -> f.call(Duration.ofMillis(50), args));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            }
        });
    }

    /** Loops of many thousand iterations, past many checks, whose values cross the back branches. */
    private static final String COUNTING = """
            (module
              (func (export "br_if") (param i32) (result i64) (local i64)
                (loop $l
                  (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get 1))
              (func (export "br_with_params") (param i32) (result i64)
                (i64.const 0) (local.get 0)
                (loop $l (param i64 i32) (result i64)
                  (local.set 0)
                  (i64.add (i64.extend_i32_u (local.get 0)))
                  (if (param i64) (result i64) (i32.eqz (local.get 0)) (then (return)))
                  (local.get 0) (i32.const 1) (i32.sub)
                  (br $l)))
              (func (export "br_table_nested") (param i32) (result i64) (local i64 i32)
                (loop $outer
                  (local.set 2 (i32.const 3))
                  (loop $inner
                    (local.set 1 (i64.add (local.get 1) (i64.const 1)))
                    (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
                    (block $done (br_table $done $inner (local.get 2))))
                  (br_if $outer (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get 1))
              ;; A block where an earlier loop was, at the same depth: its branches are no loop's.
              (func (export "block_after_loop") (param i32) (result i64) (local i64)
                (block $once (loop $first
                  (local.set 1 (i64.add (local.get 1) (i64.const 1000000)))
                  (br_if $first (i32.const 0))))
                (loop $l
                  (block $b (br_if $b (i32.const 1)))
                  (block $c (br_if $c (i32.const 1)))
                  (local.set 1 (i64.add (local.get 1) (i64.const 1)))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get 1)))
            """;

    @InBothTiers
    void loopsComputeTheSameWithChecksOn(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        for (String module : new String[] {COUNTING, split(COUNTING)})
        for (RuntimeConfig c : new RuntimeConfig[] {config, config.withCloseOnCancel(false)}) {
            try (Runtime runtime = Runtime.create(c)) {
                CompiledModule compiled = runtime.compileModule(module);
                if (module != COUNTING && config.isCompiler()) {
                    var methods = dev.jazero.internal.compiler.SplitFunctionTest.methods(
                            (dev.jazero.internal.runtime.CompiledModuleImpl) compiled);
                    assertTrue(methods.contains("f0$1") && methods.contains("f2$1"), "split: " + methods);
                }
                Module m = runtime.instantiate(compiled);
                assertArrayEquals(new long[] {5000L * 5001 / 2}, m.exportedFunction("br_if").call(5000));
                assertArrayEquals(new long[] {5000L * 5001 / 2}, m.exportedFunction("br_with_params").call(5000));
                assertArrayEquals(new long[] {3 * 5000}, m.exportedFunction("br_table_nested").call(5000));
                assertArrayEquals(new long[] {1_000_000 + 5000}, m.exportedFunction("block_after_loop").call(5000));
            }
        }
    }

    @InBothTiers
    void aDeadlineStopsRecursionWithoutLoops(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(SPIN));
                // 2^60 calls, never deeper than 60.
                ExitException e = assertThrows(ExitException.class,
                        () -> m.exportedFunction("fork").call(Duration.ofMillis(100), 60));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            }
        });
    }

    /**
     * Compiled code: a recursion without loops needs the check at function entries, which comes
     * {@code CancellationPoint.ENTRY_GRACE} after the cancellation; a call stopped by a loop's
     * check in the meantime leaves the function entries alone, so its frames below unwind
     * without being deoptimized (a recursion 2,000 deep with a loop at the bottom: shallow enough to
     * unwind within the grace even if its frames were deoptimized).
     */
    @org.junit.jupiter.api.Test
    void functionEntriesCheckOnlyWhenLoopsDidNotStopTheCall() throws Exception {
        String wat = """
                (module
                  (func $deep (export "deep") (param i32) (result i32)
                    (if (local.get 0) (then (drop (call $deep (i32.sub (local.get 0) (i32.const 1)))))
                      (else (loop $l (br $l))))
                    (i32.const 0)))
                """;
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCloseOnCancel(true))) {
                CompiledModule compiled = runtime.compileModule(wat);
                Module m = runtime.instantiate(compiled);
                ExitException e = assertThrows(ExitException.class,
                        () -> m.exportedFunction("deep").call(Duration.ofMillis(100), 2_000));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
                assertEquals(1, point(compiled).invalidations());
                assertEquals(0, point(compiled).entryInvalidations(), "the loop's check stopped the call");

                CompiledModule spin = runtime.compileModule(SPIN);
                Module s = runtime.instantiate(spin);
                e = assertThrows(ExitException.class, () -> s.exportedFunction("fork").call(Duration.ofMillis(100), 60));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
                assertEquals(1, point(spin).entryInvalidations(), "recursion without loops needs the entry check");
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "deep", 64L << 20);
        thread.start();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> thread.join());
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @InBothTiers
    void closingTheModuleFromAnotherThreadStopsTheCall(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(SPIN));
                CompletableFuture<long[]> call = CompletableFuture.supplyAsync(() -> m.exportedFunction("spin").call());
                Thread.sleep(100);
                m.closeWithExitCode(42);
                ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
                assertEquals(42, ((ExitException) e.getCause()).exitCode());
            }
        });
    }

    @InBothTiers
    void interruptingTheThreadStopsTheCall(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(SPIN));
                ExitException[] thrown = new ExitException[1];
                Thread t = new Thread(() -> {
                    try {
                        m.exportedFunction("spin").call();
                    } catch (ExitException e) {
                        thrown[0] = e;
                    }
                });
                t.start();
                Thread.sleep(100);
                t.interrupt();
                t.join(10_000);
                assertEquals(ExitException.CONTEXT_CANCELED, thrown[0].exitCode());
                assertTrue(m.isClosed());
            }
        });
    }

    @InBothTiers
    void aCallThatEndsInTimeIsNotDisturbed(RuntimeConfig tier) throws InterruptedException {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule(SPIN));
            // Warm first, so that class loading on a busy machine cannot make the call itself late.
            m.exportedFunction("add").call(Duration.ofSeconds(10), 1, 2);
            assertArrayEquals(new long[] {3}, m.exportedFunction("add").call(Duration.ofMillis(300), 1, 2));
            Thread.sleep(600);
            assertTrue(!m.isClosed(), "the deadline of a finished call must not close the module");
        }
    }

    /** A loop that runs its parameter's number of iterations (2^64 for -1) and returns a sum. */
    private static final String LOOP = """
            (module
              (func (export "loop") (param i64) (result i64) (local i64)
                (loop $l
                  (local.set 1 (i64.add (local.get 1) (local.get 0)))
                  (br_if $l (i64.ne (local.tee 0 (i64.sub (local.get 0) (i64.const 1))) (i64.const 0))))
                (local.get 1)))
            """;

    private static dev.jazero.internal.compiler.CancellationPoint point(CompiledModule compiled) {
        return (dev.jazero.internal.compiler.CancellationPoint) ((dev.jazero.internal.runtime.CompiledModuleImpl) compiled).moduleCode().cancellation();
    }

    /** Runs the loop until the JIT has surely compiled it, with its check reduced to nothing. */
    private static void warm(Module m) {
        for (int i = 0; i < 20_000; i++) {
            assertArrayEquals(new long[] {1000L * 1001 / 2}, m.exportedFunction("loop").call(1000));
        }
    }

    /**
     * Compiled code checks nothing until a running call is cancelled; then its methods are
     * deoptimized where they run, the check stops the call, and afterwards the code checks
     * nothing again, in every instance.
     */
    @org.junit.jupiter.api.Test
    void jitCompiledCodeStopsWhenCancelledAndChecksNothingAfterwards() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCloseOnCancel(true))) {
                CompiledModule compiled = runtime.compileModule(LOOP);
                Module first = runtime.instantiate(compiled);
                Module second = runtime.instantiate(compiled);
                warm(first);
                assertTrue(!point(compiled).isChecking());
                ExitException e = assertThrows(ExitException.class,
                        () -> first.exportedFunction("loop").call(Duration.ofMillis(100), -1));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
                assertTrue(!point(compiled).isChecking(), "the check goes when the cancelled call has ended");
                // Closing a module that runs nothing changes nothing for the others.
                Module idle = runtime.instantiate(compiled);
                idle.close();
                assertTrue(!point(compiled).isChecking());
                warm(second);
                e = assertThrows(ExitException.class, () -> second.exportedFunction("loop").call(Duration.ofMillis(100), -1));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            }
        });
    }

    /** Past the limit of deoptimizations the check stays, and still stops calls. */
    @org.junit.jupiter.api.Test
    void afterManyCancellationsTheCheckStays() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCloseOnCancel(true))) {
                CompiledModule compiled = runtime.compileModule(LOOP);
                for (int i = 0; i <= dev.jazero.internal.compiler.CancellationPoint.INVALIDATION_LIMIT; i++) {
                    Module m = runtime.instantiate(compiled);
                    ExitException e = assertThrows(ExitException.class,
                            () -> m.exportedFunction("loop").call(Duration.ofMillis(20), -1));
                    assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
                    assertEquals(i >= dev.jazero.internal.compiler.CancellationPoint.INVALIDATION_LIMIT - 1,
                            point(compiled).isChecking(), "after cancellation " + (i + 1));
                }
                Module m = runtime.instantiate(compiled);
                warm(m);
                assertArrayEquals(new long[] {5000L * 5001 / 2}, m.exportedFunction("loop").call(5000));
                ExitException e = assertThrows(ExitException.class,
                        () -> m.exportedFunction("loop").call(Duration.ofMillis(100), -1));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            }
        });
    }

    /**
     * A module whose function another module imports: closing it stops its code running in the
     * other module's call, also when the call starts after the close.
     */
    @InBothTiers
    void closingAnImportedModuleStopsItsCodeInOtherModulesCalls(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module lib = runtime.instantiate(runtime.compileModule(LOOP), ModuleConfig.defaults().withName("lib"));
                Module app = runtime.instantiate(runtime.compileModule("""
                        (module
                          (import "lib" "loop" (func $loop (param i64) (result i64)))
                          (func (export "run") (param i64) (result i64) (call $loop (local.get 0))))
                        """));
                warm(lib);
                assertArrayEquals(new long[] {1000L * 1001 / 2}, app.exportedFunction("run").call(1000));
                CompletableFuture<long[]> call = CompletableFuture.supplyAsync(() -> app.exportedFunction("run").call(-1));
                Thread.sleep(100);
                lib.closeWithExitCode(42);
                ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
                assertEquals(42, ((ExitException) e.getCause()).exitCode());
                ExitException again = assertThrows(ExitException.class, () -> app.exportedFunction("run").call(-1));
                assertEquals(42, again.exitCode());
            }
        });
    }

    /**
     * A host function that closes its caller (as WASI's proc_exit does) deoptimizes nothing:
     * the call stops when the host function returns, whether it throws or not.
     */
    @InBothTiers
    void aHostFunctionClosingItsCallerStopsTheCallWithoutDeoptimizing(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                runtime.newHostModuleBuilder("env").newFunctionBuilder()
                        .withHostFunction((caller, stack) -> {
                            if (stack[0] != 0) {
                                caller.closeWithExitCode((int) stack[0]);
                            }
                        }, java.util.List.of(dev.jazero.api.ValueType.I32), java.util.List.of())
                        .export("maybe_close").instantiate();
                CompiledModule compiled = runtime.compileModule("""
                        (module
                          (import "env" "maybe_close" (func $close (param i32)))
                          (func (export "close_then_spin") (param i32)
                            (loop $l (call $close (local.get 0)) (local.set 0 (i32.const 0)) (br $l))))
                        """);
                Module m = runtime.instantiate(compiled);
                ExitException e = assertThrows(ExitException.class, () -> m.exportedFunction("close_then_spin").call(7));
                assertEquals(7, e.exitCode());
                assertTrue(m.isClosed());
                if (config.isCompiler()) {
                    assertEquals(0, point(compiled).invalidations());
                }
            }
        });
    }

    /**
     * A host function, called from another module's code inside the call, that closes the
     * calling module: the call stops when the host function returns.
     */
    @InBothTiers
    void aHostFunctionClosingTheOuterModuleStopsTheCall(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module[] app = new Module[1];
                runtime.newHostModuleBuilder("env").newFunctionBuilder()
                        .withHostFunction((caller, stack) -> app[0].closeWithExitCode(9),
                                java.util.List.of(), java.util.List.of())
                        .export("close_app").instantiate();
                runtime.instantiate(runtime.compileModule("""
                        (module
                          (import "env" "close_app" (func $close))
                          (func (export "close_app") (call $close)))
                        """), ModuleConfig.defaults().withName("lib"));
                app[0] = runtime.instantiate(runtime.compileModule("""
                        (module
                          (import "lib" "close_app" (func $close))
                          (func (export "close_then_spin") (call $close) (loop $l (br $l))))
                        """));
                ExitException e = assertThrows(ExitException.class, () -> app[0].exportedFunction("close_then_spin").call());
                assertEquals(9, e.exitCode());
            }
        });
    }

    @org.junit.jupiter.api.Test
    void timeoutsNeedCancellationToBeOn() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule(SPIN));
            assertThrows(IllegalStateException.class, () -> m.exportedFunction("add").call(Duration.ofSeconds(1), 1, 2));
        }
    }
}
