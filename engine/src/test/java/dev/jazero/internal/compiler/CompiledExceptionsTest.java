package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapException;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import org.junit.jupiter.api.Test;

/**
 * Exception handling in compiled code: {@code try_table} is a range of the method's exception
 * table, {@code throw} a Java throw. Every function of these modules is compiled, and each
 * answer is checked against what the interpreter gives.
 */
class CompiledExceptionsTest {

    private static final String MODULE = """
            (module
              (tag $e (param i32))
              (tag $pair (param i64 externref))
              (tag $other)
              (func $throws (param i32) (result i32)
                (if (i32.lt_s (local.get 0) (i32.const 0)) (then (throw $e (local.get 0))))
                (local.get 0))
              (func $traps (result i32) (unreachable))
              ;; Values under the try_table survive the catch: 100 + caught value.
              (func (export "under") (param i32) (result i32)
                (i32.const 100)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h)
                    (call $throws (local.get 0))))
                (i32.add))
              ;; The inner block's handler is tried first.
              (func (export "nested") (param i32) (result i32)
                (block $outer (result i32)
                  (try_table (result i32) (catch $e $outer)
                    (block $inner (result i32)
                      (try_table (result i32) (catch $e $inner)
                        (call $throws (local.get 0))))
                    (i32.const 1000)
                    (i32.add))))
              ;; A clause that does not match lets the exception go on to the caller.
              (func (export "unmatched") (param i32) (result i32)
                (block $h
                  (try_table (catch $other $h)
                    (return (call $throws (local.get 0)))))
                (i32.const -1))
              ;; catch_ref, then throw_ref of the caught exception, caught again by catch_all_ref.
              (func (export "rethrow") (param i64 externref) (result i64 externref)
                (local $x exnref)
                (block $again (result exnref)
                  (try_table (catch_all_ref $again)
                    (block $first (result i64 externref exnref)
                      (try_table (catch_ref $pair $first)
                        (throw $pair (local.get 0) (local.get 1)))
                      (unreachable))
                    (local.set $x)
                    (drop) (drop)
                    (throw_ref (local.get $x)))
                  (unreachable))
                (local.set $x)
                (block $last (result i64 externref)
                  (try_table (catch $pair $last) (throw_ref (local.get $x)))
                  (unreachable)))
              ;; A catch to the function's own label returns the values.
              (func (export "toFunction") (result i32)
                (try_table (catch $e 0) (drop (call $throws (i32.const -7))))
                (i32.const 0))
              ;; Traps pass every catch_all.
              (func (export "trap") (result i32)
                (block $h (try_table (catch_all $h) (drop (call $traps))))
                (i32.const 1))
              ;; A loop whose body throws and catches on each iteration.
              (func (export "loop") (param i32) (result i32) (local $sum i32)
                (loop $l
                  (block $h (result i32)
                    (try_table (result i32) (catch $e $h)
                      (call $throws (i32.sub (i32.const 0) (local.get 0)))))
                  (local.set $sum (i32.add (local.get $sum)))
                  (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                (local.get $sum))
              (func (export "uncaught") (drop (call $throws (i32.const -3))))
              ;; A handler that branches below the values under its block leaves their types as they
              ;; were: the next try_table keeps them in locals of those types.
              (func (export "kept") (param i32) (result i32)
                (block $h (result exnref)
                  (i32.const 2)
                  (try_table (result i32) (catch_all_ref $h) (call $throws (local.get 0)))
                  (try_table (result i32) (catch_all_ref $h) (call $throws (local.get 0)))
                  (drop) (drop) (drop)
                  (ref.null exn))
                (ref.is_null)))
            """;

    private static Module instantiate(Runtime runtime, boolean compiled) {
        CompiledModuleImpl module = (CompiledModuleImpl) runtime.compileModule(MODULE);
        if (compiled) {
            for (int f = 0; f < module.module().functionCount(); f++) {
                assertTrue(module.isCompiled(f), "function " + f + " is compiled");
            }
        }
        return runtime.instantiate(module);
    }

    @Test
    void compiledCodeCatchesAsTheInterpreterDoes() {
        try (Runtime compiler = Runtime.create(RuntimeConfig.compiler());
                Runtime interpreter = Runtime.create(RuntimeConfig.interpreter())) {
            Module c = instantiate(compiler, true);
            Module i = instantiate(interpreter, false);
            for (String name : new String[] {"under", "nested", "loop", "kept"}) {
                for (long arg : name.equals("loop") ? new long[] {1, 5} : new long[] {5, -5}) {
                    long[] expected = i.exportedFunction(name).call(arg);
                    assertArrayEquals(expected, c.exportedFunction(name).call(arg), name + "(" + arg + ")");
                }
            }
            assertArrayEquals(new long[] {95}, c.exportedFunction("under").call(-5));
            assertArrayEquals(new long[] {995}, c.exportedFunction("nested").call(-5), "the inner handler caught it");
            assertArrayEquals(new long[] {-7L & 0xFFFF_FFFFL}, c.exportedFunction("toFunction").call());
            assertArrayEquals(new long[] {-15L & 0xFFFF_FFFFL}, c.exportedFunction("loop").call(5));
            assertArrayEquals(new long[] {4}, c.exportedFunction("unmatched").call(4));
            assertArrayEquals(new long[] {1}, c.exportedFunction("kept").call(5));
            assertArrayEquals(new long[] {0}, c.exportedFunction("kept").call(-5L & 0xFFFF_FFFFL));
        }
    }

    @Test
    void exceptionsKeepTheirValuesAndIdentityThroughRethrows() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = instantiate(runtime, true);
            Object value = new Object();
            long[] stack = {42, 0};
            Object[] refs = {null, value};
            m.exportedFunction("rethrow").callWithStack(stack, refs);
            assertEquals(42, stack[0]);
            assertSame(value, refs[1]);
        }
    }

    @Test
    void trapsAndUncaughtExceptionsLeaveCompiledCode() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = instantiate(runtime, true);
            assertThrows(TrapException.class, () -> m.exportedFunction("trap").call());
            ThrownException e = assertThrows(ThrownException.class, () -> m.exportedFunction("uncaught").call());
            assertArrayEquals(new long[] {-3L & 0xFFFF_FFFFL}, e.values(), "the host ABI zero-extends an i32");
            ThrownException unmatched = assertThrows(ThrownException.class,
                    () -> m.exportedFunction("unmatched").call(-4));
            assertArrayEquals(new long[] {-4L & 0xFFFF_FFFFL}, unmatched.values());
            assertArrayEquals(new long[] {101}, m.exportedFunction("under").call(1), "the runtime goes on");
        }
    }

    private static final String LEGACY = """
            (module
              (tag $e (param i32))
              (tag $f)
              (func $throws (param i32) (result i32)
                (if (i32.lt_s (local.get 0) (i32.const 0)) (then (throw $e (local.get 0))))
                (if (i32.eqz (local.get 0)) (then (throw $f)))
                (local.get 0))
              ;; catch with values under the try, catch_all, and a value from each part.
              (func (export "parts") (param i32) (result i32)
                (i32.const 1000)
                (try (result i32)
                  (do (call $throws (local.get 0)))
                  (catch $e (i32.add (i32.const 100)))
                  (catch_all (i32.const 7)))
                (i32.add))
              ;; rethrow from a nested catch body reaches the outer try.
              (func (export "rethrow") (param i32) (result i32)
                (try (result i32)
                  (do
                    (try (result i32)
                      (do (call $throws (local.get 0)))
                      (catch_all (rethrow 0))))
                  (catch $e (drop) (i32.const 1))
                  (catch $f (i32.const 2))))
              ;; delegate skips the try around it to the one it names.
              (func (export "delegate") (param i32) (result i32)
                (try $outer (result i32)
                  (do
                    (try (result i32)
                      (do
                        (try (result i32)
                          (do (call $throws (local.get 0)))
                          (delegate $outer)))
                      (catch_all (i32.const 20))))
                  (catch_all (i32.const 30))))
              ;; delegate to the function's label: the exception leaves it.
              (func (export "leaves") (param i32) (result i32)
                (try (result i32)
                  (do
                    (try (result i32)
                      (do (call $throws (local.get 0)))
                      (delegate 1)))
                  (catch_all (i32.const 40))))
              ;; A throw in a catch body is not caught by that try's other catches.
              (func (export "inCatch") (param i32) (result i32)
                (try (result i32)
                  (do
                    (try (result i32)
                      (do (call $throws (local.get 0)))
                      (catch $e (throw $f))
                      (catch $f (i32.const 50))))
                  (catch $f (i32.const 60)))))
            """;

    @Test
    void legacyInstructionsAreCompiled() {
        try (Runtime compiler = Runtime.create(RuntimeConfig.compiler());
                Runtime interpreter = Runtime.create(RuntimeConfig.interpreter())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) compiler.compileModule(LEGACY);
            for (int f = 0; f < compiled.module().functionCount(); f++) {
                assertTrue(compiled.isCompiled(f), "function " + f + " is compiled");
            }
            Module c = compiler.instantiate(compiled);
            Module i = interpreter.instantiate(interpreter.compileModule(LEGACY));
            for (String name : new String[] {"parts", "rethrow", "delegate", "inCatch"}) {
                for (long arg : new long[] {5, 0, -5L & 0xFFFF_FFFFL}) {
                    assertArrayEquals(i.exportedFunction(name).call(arg), c.exportedFunction(name).call(arg),
                            name + "(" + (int) arg + ")");
                }
            }
            assertArrayEquals(new long[] {1095}, c.exportedFunction("parts").call(-5L & 0xFFFF_FFFFL));
            assertArrayEquals(new long[] {1007}, c.exportedFunction("parts").call(0));
            assertArrayEquals(new long[] {1}, c.exportedFunction("rethrow").call(-5L & 0xFFFF_FFFFL));
            assertArrayEquals(new long[] {2}, c.exportedFunction("rethrow").call(0));
            assertArrayEquals(new long[] {30}, c.exportedFunction("delegate").call(0), "the middle try is skipped");
            assertArrayEquals(new long[] {60}, c.exportedFunction("inCatch").call(-5L & 0xFFFF_FFFFL));
            assertArrayEquals(new long[] {50}, c.exportedFunction("inCatch").call(0));
            assertArrayEquals(new long[] {5}, c.exportedFunction("leaves").call(5));
            assertThrows(ThrownException.class, () -> c.exportedFunction("leaves").call(0));
            assertThrows(ThrownException.class, () -> i.exportedFunction("leaves").call(0));
        }
    }

    /**
     * A listened tail call is made as a call: inside a try_table its callee's exceptions would be
     * caught, so such a function runs in the interpreter, which leaves the frame as a tail call does.
     */
    @Test
    void aListenedTailCallInsideTryTableIsInterpreted() {
        String wat = """
                (module
                  (tag $e)
                  (func $throws (result i32) (throw $e))
                  (func (export "f") (result i32)
                    (block $h (try_table (catch $e $h) (return_call $throws)))
                    (i32.const 1)))
                """;
        RuntimeConfig listened = RuntimeConfig.compiler()
                .withFunctionListenerFactory(definition -> new dev.jazero.experimental.FunctionListener() { });
        try (Runtime runtime = Runtime.create(listened)) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat);
            Module m = runtime.instantiate(compiled);
            assertThrows(ThrownException.class, () -> m.exportedFunction("f").call());
            assertFalse(compiled.isCompiled(1));
        }
    }
}
