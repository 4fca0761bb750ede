package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.internal.runtime.ModuleInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tiered compilation: functions start in the interpreter, a hot one is compiled, and a call in a
 * long loop carries on in compiled code from the loop's header (its loop entry). Each loop below
 * runs long enough to be sampled, and its results must be the interpreter tier's.
 */
class TieringTest {

    private static final RuntimeConfig TIERED = RuntimeConfig.compiler().withTieredCompilation(true);

    /** Iterations enough for a loop's function to be sampled hot: samples come every 1,024 checks. */
    private static final int LONG = 200_000;

    /** Runs {@code export} of {@code wat} with {@code args} in the interpreter tier and tiered, and checks they agree. */
    private static long[] agree(String wat, String export, long... args) {
        long[] expected;
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
            expected = runtime.instantiate(runtime.compileModule(wat)).exportedFunction(export).call(args);
        }
        try (Runtime runtime = Runtime.create(TIERED)) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            long[] actual = m.exportedFunction(export).call(args);
            assertArrayEquals(expected, actual, export);
            assertTrue(loopEntries(m) > 0, "the call carried on from a loop's header in compiled code");
            return actual;
        }
    }

    private static int loopEntries(Module m) {
        return ((Tiering) ((ModuleInstance) m).tierUp).loopEntries();
    }

    @Test
    void aFunctionCalledAFewTimesStaysInTheInterpreterAndAHotOneIsCompiled() {
        try (Runtime runtime = Runtime.create(TIERED)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                      (func (export "once") (result i32) (call $inc (i32.const 1)))
                      (func (export "many") (param i32) (result i32) (local $s i32)
                        (loop $l
                          (local.set $s (call $inc (local.get $s)))
                          (br_if $l (i32.lt_u (local.get $s) (local.get 0))))
                        (local.get $s)))
                    """));
            ModuleInstance instance = (ModuleInstance) m;
            assertArrayEquals(new long[] {2}, m.exportedFunction("once").call());
            assertNull(instance.functions[0].compiled, "one call is interpreted");
            assertNotNull(instance.functions[0].code);
            assertArrayEquals(new long[] {LONG}, m.exportedFunction("many").call(LONG));
            assertNotNull(instance.functions[2].compiled, "a function sampled hot is compiled");
            assertTrue(((Tiering) instance.tierUp).classes().isLoaded(0), "what its compiled code calls is compiled");
            assertArrayEquals(new long[] {LONG}, m.exportedFunction("many").call(LONG));
        }
    }

    @Test
    void withoutTieringAFunctionIsCompiledAtItsFirstCall() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = runtime.instantiate(runtime.compileModule(
                    "(module (func (export \"f\") (result i32) (i32.const 7)))"));
            assertArrayEquals(new long[] {7}, m.exportedFunction("f").call());
            assertNull(((ModuleInstance) m).tierUp);
            assertNotNull(((ModuleInstance) m).functions[0].compiled);
        }
    }

    @Test
    void aLoopOverLocalsOfEveryNumericTypeCarriesOn() {
        agree("""
                (module
                  (func (export "f") (param $n i32) (param $x i64) (result i64)
                    (local $i i32) (local $f f32) (local $d f64) (local $v v128)
                    (loop $l
                      (local.set $x (i64.add (local.get $x) (i64.extend_i32_u (local.get $i))))
                      (local.set $f (f32.add (local.get $f) (f32.const 0.5)))
                      (local.set $d (f64.add (local.get $d) (f64.const 0.25)))
                      (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $i))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (i64.add (local.get $x)
                      (i64.add (i64.trunc_f32_s (local.get $f))
                        (i64.add (i64.trunc_f64_s (local.get $d))
                          (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $v))))))))
                """, "f", LONG, 5);
    }

    @Test
    void aLoopWithValuesUnderItAndParametersCarriesOn() {
        // The loop is entered with values on the stack: a free loop, whose values wait in locals.
        agree("""
                (module
                  (func (export "f") (param $n i32) (result i32 i32)
                    (i32.const 1000)
                    (i32.const 0)
                    (loop $l (param i32) (result i32)
                      (i32.add (i32.const 1))
                      (br_if $l (i32.lt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 1_000_000_000)))
                      (i32.const 3)
                      (i32.add))))
                """, "f", LONG);
    }

    @Test
    void anInnerLoopCarriesOnInsideItsOuterLoopAndABlock() {
        agree("""
                (module
                  (func (export "f") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $s i32)
                    (block $done
                      (loop $outer
                        (local.set $j (i32.const 0))
                        (if (i32.ge_u (local.get $i) (i32.const 3)) (then (br $done)))
                        (block $inner_done
                          (loop $inner
                            (local.set $s (i32.add (local.get $s) (i32.xor (local.get $i) (local.get $j))))
                            (local.set $j (i32.add (local.get $j) (i32.const 1)))
                            (br_if $inner (i32.lt_u (local.get $j) (local.get $n)))))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br $outer)))
                    (local.get $s)))
                """, "f", LONG);
    }

    @Test
    void aLoopOverReferencesCarriesOn() {
        agree("""
                (module
                  (type $box (struct (field (mut i32))))
                  (type $ft (func (result i32)))
                  (func $id (type $ft) (i32.const 9))
                  (elem declare func $id)
                  (func (export "f") (param $n i32) (result i32) (local $b (ref null $box)) (local $g funcref)
                    (local.set $b (struct.new $box (i32.const 0)))
                    (local.set $g (ref.func $id))
                    (loop $l
                      (struct.set $box 0 (local.get $b) (i32.add (struct.get $box 0 (local.get $b)) (i32.const 1)))
                      (br_if $l (i32.lt_u (struct.get $box 0 (local.get $b)) (local.get $n))))
                    (i32.add (struct.get $box 0 (local.get $b)) (call_ref $ft (ref.cast (ref $ft) (local.get $g))))))
                """, "f", LONG);
    }

    @Test
    void aLoopInsideATryTableCarriesOnAndItsHandlerStillCatches() {
        agree("""
                (module
                  (tag $t (param i32))
                  (func $maybe (param i32) (if (i32.eq (local.get 0) (i32.const 150000)) (then (throw $t (local.get 0)))))
                  (func (export "f") (param $n i32) (result i32 i32) (local $i i32)
                    (i32.const 77)
                    (block $caught (result i32)
                      (try_table (catch $t $caught)
                        (loop $l
                          (call $maybe (local.get $i))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
                      (i32.const -1))))
                """, "f", LONG);
    }

    @Test
    void anExceptionLeavingACarriedOnCallIsCaughtByItsInterpretedCaller() {
        agree("""
                (module
                  (tag $t (param i32))
                  (func $spin (param $n i32) (local $i i32)
                    (loop $l
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (throw $t (local.get $i)))
                  (func (export "f") (param $n i32) (result i32)
                    (block $caught (result i32)
                      (try_table (catch $t $caught) (call $spin (local.get $n)))
                      (i32.const -1))))
                """, "f", LONG);
    }

    @Test
    void aTrapInACarriedOnCallNamesEachFunctionOnce() {
        String wat = """
                (module
                  (func $spin (param $n i32) (local $i i32)
                    (loop $l
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                    (unreachable))
                  (func (export "f") (param $n i32) (call $spin (local.get $n))))
                """;
        TrapException expected;
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            expected = assertThrows(TrapException.class, () -> m.exportedFunction("f").call(LONG));
        }
        try (Runtime runtime = Runtime.create(TIERED)) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("f").call(LONG));
            assertEquals(TrapKind.UNREACHABLE, e.trapKind());
            assertEquals(expected.getMessage(), e.getMessage());
            assertEquals(expected.wasmStackTrace(), e.wasmStackTrace());
            assertTrue(loopEntries(m) > 0);
            // The module stays usable.
            assertThrows(TrapException.class, () -> m.exportedFunction("f").call(3));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2_000, 100_000_000})
    void recursionPastTheInterpretersDepthLimitCarriesOnCompiled(int depth) {
        try (Runtime runtime = Runtime.create(TIERED.withMaxCallDepth(500))) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (func $f (export "f") (param i32) (result i32)
                        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                          (else (i32.add (i32.const 1) (call $f (i32.sub (local.get 0) (i32.const 1))))))))
                    """));
            if (depth == 2_000) {
                assertArrayEquals(new long[] {2_000}, m.exportedFunction("f").call(depth));
            } else {
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("f").call(depth));
                assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.trapKind());
                assertArrayEquals(new long[] {10}, m.exportedFunction("f").call(10));
            }
        }
    }

    @Test
    void withFunctionListenersNothingStartsInTheInterpreter() {
        RuntimeConfig config = TIERED.withFunctionListenerFactory(definition -> null);
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule(
                    "(module (func (export \"f\") (result i32) (i32.const 7)))"));
            assertArrayEquals(new long[] {7}, m.exportedFunction("f").call());
            assertNull(((ModuleInstance) m).tierUp);
        }
    }
}
