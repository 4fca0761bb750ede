package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.sys.ExitException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0's tail calls, with {@link CoreFeatures#TAIL_CALL}: ten million of them, of a
 * function itself, between two functions and through a table, finish on a thread of 256 KiB of
 * stack in both tiers, so none grows the stack; their results, of any arity, are the callee's.
 */
class TailCallTest {

    private static final String MODULE = """
            (module
              (import "env" "twice" (func $twice (param i64) (result i64)))
              (type $step (func (param i64 i64) (result i64)))
              (table $t 2 funcref)
              (elem (table $t) (i32.const 0) func $ping $pong)
              (func $count (export "count") (param $n i64) (param $acc i64) (result i64)
                (if (result i64) (i64.eqz (local.get $n))
                  (then (local.get $acc))
                  (else (return_call $count (i64.sub (local.get $n) (i64.const 1)) (i64.add (local.get $acc) (i64.const 2))))))
              (func $even (export "even") (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0))
                  (then (i32.const 1))
                  (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
              (func $odd (param i64) (result i32)
                (if (result i32) (i64.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
              (func $ping (export "ping") (type $step)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (local.get 1))
                  (else (return_call_indirect $t (type $step)
                    (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1)) (i32.const 1)))))
              (func $pong (type $step)
                (return_call_indirect $t (type $step)
                  (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1)) (i32.const 0)))
              (func $three (param i32) (result i32 i64 f64)
                (local.get 0) (i64.extend_i32_u (local.get 0)) (f64.convert_i32_u (local.get 0)))
              (func (export "three") (param i32) (result i32 i64 f64)
                (return_call $three (i32.add (local.get 0) (i32.const 1))))
              (func (export "viaHost") (param i64) (result i64)
                (return_call $twice (local.get 0)))
              (func (export "toTrap") (param i64) (result i64)
                (return_call_indirect $t (type $step) (local.get 0) (i64.const 0) (i32.const 7)))
              (func $spin (export "spin") (param i64) (result i64)
                (return_call $spinBack (i64.add (local.get 0) (i64.const 1))))
              (func $spinBack (param i64) (result i64)
                (return_call $spin (local.get 0))))
            """;

    private static Runtime runtime(RuntimeConfig tier) {
        Runtime runtime = Runtime.create(tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.TAIL_CALL)));
        runtime.newHostModuleBuilder("env").newFunctionBuilder()
                .withStackFunction(stack -> stack[0] = 2 * stack[0], List.of(ValueType.I64), List.of(ValueType.I64))
                .export("twice").instantiate();
        return runtime;
    }

    /** Runs {@code work} on a thread with a stack of 256 KiB, which ordinary calls would soon exhaust. */
    private static void onASmallStack(Runnable work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @InBothTiers
    void tenMillionTailCallsNeverGrowTheStack(RuntimeConfig tier) throws InterruptedException {
        try (Runtime runtime = runtime(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            onASmallStack(() -> {
                assertArrayEquals(new long[] {20_000_000}, m.exportedFunction("count").call(10_000_000, 0), "itself");
                assertArrayEquals(new long[] {1}, m.exportedFunction("even").call(10_000_000), "each other");
                assertArrayEquals(new long[] {0}, m.exportedFunction("even").call(10_000_001));
                assertArrayEquals(new long[] {10_000_000}, m.exportedFunction("ping").call(10_000_000, 0), "through a table");
            });
        }
    }

    @InBothTiers
    void resultsAreTheCalleesWhateverItIs(RuntimeConfig tier) {
        try (Runtime runtime = runtime(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            assertArrayEquals(new long[] {8, 8, Double.doubleToRawLongBits(8)}, m.exportedFunction("three").call(7));
            assertArrayEquals(new long[] {42}, m.exportedFunction("viaHost").call(21), "a host function");
            TrapException trap = assertThrows(TrapException.class, () -> m.exportedFunction("toTrap").call(1));
            assertEquals(TrapKind.UNDEFINED_ELEMENT, trap.trapKind());
            // The trap left no tail call behind.
            assertArrayEquals(new long[] {1}, m.exportedFunction("even").call(2));
        }
    }

    @InBothTiers
    void aDeadlineStopsEndlessTailCalls(RuntimeConfig tier) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (Runtime runtime = runtime(tier.withCloseOnCancel(true))) {
                Module m = runtime.instantiate(runtime.compileModule(MODULE));
                ExitException e = assertThrows(ExitException.class,
                        () -> m.exportedFunction("spin").call(Duration.ofMillis(100), 0));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            }
        });
    }

    @Test
    void withoutTheFeatureTheyAreInvalid() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2))) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (func $f (return_call $f)))"));
            assertTrue(e.getMessage().contains("tail-call feature"), e.getMessage());
        }
    }
}
