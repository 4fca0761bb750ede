package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jazero.api.Module;
import dev.jazero.sys.ExitException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile module can make the host pay, in both tiers: each test is an attack, bounded by
 * the time (and for the compiler's work, the memory) it may take.
 */
class HostileModuleTest {

    /**
     * Grows its memory one page at a time, {@code n} times, writing the page number into each new
     * page, then sums what it wrote: what a C program does that mallocs 64 KiB blocks.
     */
    private static final String GROW_BY_PAGES = """
            (module
              (memory 1)
              (func (export "grow") (param $n i32) (result i32) (local $i i32) (local $sum i32)
                (loop $l
                  (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (unreachable)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (i32.store (i32.mul (local.get $i) (i32.const 65536)) (local.get $i))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (local.set $i (i32.const 0))
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (local.set $sum (i32.add (local.get $sum) (i32.load (i32.mul (local.get $i) (i32.const 65536)))))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $sum)))
            """;

    /** 256 MiB in 4,096 one-page grows, in amortised constant time per grow (docs/memory.md). */
    /** Each tier's configuration, closing the module a cancelled call ran in. */
    static Stream<RuntimeConfig> closingTiers() {
        return Tiers.configs().stream().map(c -> c.withCloseOnCancel(true));
    }

    @InBothTiers
    void manySmallGrowsTakeLinearTime(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        int pages = 4096;
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule(GROW_BY_PAGES));
            long sum = (long) pages * (pages + 1) / 2;
            long[] result = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> m.exportedFunction("grow").call(pages));
            assertArrayEquals(new long[] {sum & 0xFFFF_FFFFL}, result);
            assertEquals((pages + 1L) * 65536, m.memory().size());
        }
    }

    /** A start section whose function never returns, and a {@code _start} that never returns. */
    private static final String LOOPING_START = "(module (func $spin (loop $l (br $l))) (start $spin))";
    private static final String LOOPING_UNDERSCORE_START = "(module (func (export \"_start\") (loop $l (br $l))))";

    static Stream<org.junit.jupiter.params.provider.Arguments> loopingStarts() {
        return closingTiers().flatMap(config -> Stream.of(LOOPING_START, LOOPING_UNDERSCORE_START)
                .map(wat -> org.junit.jupiter.params.provider.Arguments.of(config, wat)));
    }

    @ParameterizedTest
    @MethodSource("loopingStarts")
    void aLoopingStartFunctionEndsAtTheInstantiationDeadline(RuntimeConfig config, String wat) {
        try (Runtime runtime = Runtime.create(config)) {
            CompiledModule compiled = runtime.compileModule(wat);
            long start = System.nanoTime();
            ExitException e = assertThrows(ExitException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> runtime.instantiate(compiled, ModuleConfig.defaults().withInstantiationTimeout(Duration.ofSeconds(1)))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            assertTrue(millis >= 1000 && millis < 1100, "stopped after " + millis + " ms");
            assertEquals(0, ((dev.jazero.internal.runtime.RuntimeImpl) runtime).openModuleCount(), "nothing is registered");
            // The runtime stays usable, and the module can be instantiated again.
            assertThrows(ExitException.class, () -> runtime.instantiate(compiled,
                    ModuleConfig.defaults().withInstantiationTimeout(Duration.ofMillis(50))));
        }
    }

    @ParameterizedTest
    @MethodSource("loopingStarts")
    void interruptingTheInstantiatingThreadStopsTheStartFunction(RuntimeConfig config, String wat) throws Exception {
        try (Runtime runtime = Runtime.create(config)) {
            CompiledModule compiled = runtime.compileModule(wat);
            Thread[] thread = new Thread[1];
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            thread[0] = new Thread(() -> {
                try {
                    runtime.instantiate(compiled);
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            thread[0].start();
            Thread.sleep(200);
            assertFalse(ended.isDone(), "the start function runs");
            thread[0].interrupt();
            Throwable t = ended.get(5, TimeUnit.SECONDS);
            assertEquals(ExitException.CONTEXT_CANCELED, assertInstanceOf(ExitException.class, t).exitCode());
            thread[0].join(1000);
            assertFalse(thread[0].isAlive(), "no thread is left running");
        }
    }

    @ParameterizedTest
    @MethodSource("loopingStarts")
    void closingTheRuntimeStopsAStartFunction(RuntimeConfig config, String wat) throws Exception {
        try (Runtime runtime = Runtime.create(config)) {
            closeDuringTheStartFunction(runtime, runtime.compileModule(wat));
        }
    }

    private static void closeDuringTheStartFunction(Runtime runtime, CompiledModule compiled) throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                runtime.instantiate(compiled);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        thread.start();
        Thread.sleep(200);
        assertFalse(ended.isDone(), "the start function runs");
        runtime.closeWithExitCode(3);
        Throwable t = ended.get(5, TimeUnit.SECONDS);
        assertEquals(3, assertInstanceOf(ExitException.class, t).exitCode());
        thread.join(1000);
        assertFalse(thread.isAlive(), "no thread is left running");
    }

    /** Loops whose every iteration fills or copies 32 MiB, or fills a table of a million elements: each counts by its cost. */
    private static final String BULK_LOOPS = """
            (module
              (memory 1024)
              (table 1000000 funcref)
              (data $d "x")
              (elem $e func $f)
              (func $f)
              (func (export "fill") (loop $l (memory.fill (i32.const 0) (i32.const 7) (i32.const 0x2000000)) (br $l)))
              (func (export "copy")
                (loop $l (memory.copy (i32.const 0) (i32.const 0x2000000) (i32.const 0x2000000)) (br $l)))
              (func (export "table_fill") (loop $l (table.fill (i32.const 0) (ref.null func) (i32.const 1000000)) (br $l))))
            """;

    static Stream<org.junit.jupiter.params.provider.Arguments> bulkLoops() {
        return closingTiers().flatMap(config -> Stream.of("fill", "copy", "table_fill")
                .map(name -> org.junit.jupiter.params.provider.Arguments.of(config, name)));
    }

    @ParameterizedTest
    @MethodSource("bulkLoops")
    void aLoopOfBulkInstructionsStopsAtItsDeadline(RuntimeConfig config, String function) {
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule(BULK_LOOPS));
            long start = System.nanoTime();
            ExitException e = assertThrows(ExitException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> m.exportedFunction(function).call(Duration.ofMillis(500))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            assertTrue(millis < 700, "stopped after " + millis + " ms");
        }
    }

    /** A function that pushes {@code n} constants, then adds them up: an operand stack {@code n} deep. */
    private static String deepStack(int n) {
        StringBuilder wat = new StringBuilder("(module (func (export \"f\") (result i32)");
        wat.append(" (i32.const 1)".repeat(n));
        wat.append(" i32.add".repeat(n - 1));
        return wat.append("))").toString();
    }

    /** A function of {@code n} locals that calls itself without end. */
    private static String manyLocalsRecursion(int n) {
        return "(module (func $f (export \"f\") (result i32) (local" + " i32".repeat(n) + ") (call $f)))";
    }

    /** Bytes allocated by every live thread so far. */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    /** An operand stack 100,000 deep: under 2 s and 1 GiB however the tier handles it (docs/compiler.md). */
    @InBothTiers
    void aHundredThousandDeepOperandStackIsCheap(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        String wat = deepStack(100_000);
        long before = allocatedBytes();
        long[] result = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                return runtime.instantiate(runtime.compileModule(wat)).exportedFunction("f").call();
            }
        });
        long allocated = allocatedBytes() - before;
        assertArrayEquals(new long[] {100_000}, result);
        assertTrue(allocated < 1L << 30, "allocated " + (allocated >> 20) + " MiB");
    }

    /** 50,000 locals in a recursive function: the trap in under 2 s and 1 GiB. */
    @InBothTiers
    void aRecursiveFunctionOfFiftyThousandLocalsTrapsQuickly(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCloseOnCancel(true);
        String wat = manyLocalsRecursion(50_000);
        long before = allocatedBytes();
        dev.jazero.api.TrapException trap = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(wat));
                return assertThrows(dev.jazero.api.TrapException.class, () -> m.exportedFunction("f").call());
            }
        });
        long allocated = allocatedBytes() - before;
        assertEquals(dev.jazero.api.TrapKind.CALL_STACK_EXHAUSTED, trap.trapKind());
        assertTrue(allocated < 1L << 30, "allocated " + (allocated >> 20) + " MiB");
    }

    /** Within the limits, deep stacks and many locals are still compiled, and compute the same. */
    @org.junit.jupiter.api.Test
    void functionsWithinTheLimitsAreCompiled() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            dev.jazero.internal.runtime.CompiledModuleImpl compiled =
                    (dev.jazero.internal.runtime.CompiledModuleImpl) runtime.compileModule(deepStack(1500));
            assertArrayEquals(new long[] {1500}, runtime.instantiate(compiled).exportedFunction("f").call());
            assertTrue(compiled.isCompiled(0), "1,500 operands are compiled");
            compiled = (dev.jazero.internal.runtime.CompiledModuleImpl) runtime.compileModule(deepStack(5000));
            assertArrayEquals(new long[] {5000}, runtime.instantiate(compiled, ModuleConfig.defaults().withName("deep"))
                    .exportedFunction("f").call());
            assertFalse(compiled.isCompiled(0), "5,000 operands are interpreted");
        }
    }

    /**
     * {@code array.new_fixed} of 2^32 - 1 elements in unreachable code, where popping past the
     * operands gives unknown types without end: validation takes no longer than for a few.
     */
    @Test
    void aHugeFixedArrayCountInUnreachableCodeValidatesAtOnce() {
        String wat = "(module (type $a (array i32)) (func unreachable"
                + " (array.new_fixed $a 4294967295) drop (array.new_fixed $a 4294967295) drop))";
        try (Runtime runtime = Runtime.create()) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> runtime.compileModule(wat));
        }
    }
}
