package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functions whose signatures hold references are compiled: references travel as {@code Object}
 * parameters and results between methods, in the reference buffers beside the numbers' (several
 * results, tail calls) and through the bridges from the engine's stack convention.
 */
class CompiledReferencesTest {

    private static final String MODULE = """
            (module
              (type $pair (func (param externref i32) (result i32 externref)))
              (import "host" "echo" (func $echo (param externref) (result externref)))
              (table $t 2 funcref)
              (elem (table $t) (i32.const 0) func $swap $echo)
              (func $swap (type $pair) (local.get 1) (local.get 0))
              (func $id (param externref) (result externref) (local.get 0))
              (func $tail (param externref i32) (result i32 externref)
                (return_call $swap (local.get 0) (local.get 1)))
              (func $tailIndirect (param externref) (result externref)
                (return_call_indirect $t (param externref) (result externref) (local.get 0) (i32.const 1)))
              (func (export "direct") (param externref) (result externref)
                (call $id (local.get 0)))
              (func (export "pair") (param externref i32) (result i32 externref)
                (call $swap (local.get 0) (local.get 1)))
              (func (export "indirect") (param externref i32) (result i32 externref)
                (call_indirect $t (type $pair) (local.get 0) (local.get 1) (i32.const 0)))
              (func (export "viaRef") (param externref i32) (result i32 externref)
                (call_ref $pair (local.get 0) (local.get 1) (ref.func $swap)))
              (func (export "host") (param externref) (result externref)
                (call $echo (local.get 0)))
              (func (export "tail") (param externref i32) (result i32 externref)
                (call $tail (local.get 0) (local.get 1)))
              (func (export "tailIndirect") (param externref) (result externref)
                (call $tailIndirect (local.get 0)))
              (func (export "tailExport") (param externref i32) (result i32 externref)
                (return_call $tail (local.get 0) (local.get 1))))
            """;

    private static Module instantiate(Runtime runtime) {
        runtime.newHostModuleBuilder("host")
                .newFunctionBuilder()
                .withReferenceFunction((caller, stack, refs) -> { }, List.of(ValueType.EXTERNREF), List.of(ValueType.EXTERNREF))
                .export("echo")
                .instantiate();
        CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(MODULE);
        for (int f = 1; f < compiled.module().functionCount(); f++) {
            assertTrue(compiled.isCompiled(f), "function " + f + " is compiled");
        }
        return runtime.instantiate(compiled);
    }

    @Test
    void referencesTravelThroughEveryKindOfCall() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = instantiate(runtime);
            Object value = new Object();
            for (String name : new String[] {"direct", "host", "tailIndirect"}) {
                Object[] refs = {value};
                m.exportedFunction(name).callWithStack(new long[1], refs);
                assertSame(value, refs[0], name);
            }
            for (String name : new String[] {"pair", "indirect", "viaRef", "tail", "tailExport"}) {
                long[] stack = {0, 42};
                Object[] refs = {value, null};
                m.exportedFunction(name).callWithStack(stack, refs);
                assertEquals(42, stack[0], name);
                assertSame(value, refs[1], name);
            }
        }
    }

    /** A reference passed back through a result buffer is not kept there once read. */
    @Test
    void resultBuffersKeepNothingAlive() throws InterruptedException {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = instantiate(runtime);
            WeakReference<Object> weak = passThrough(m);
            for (int i = 0; i < 50 && weak.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(weak.get(), "collected once the call returned");
            long[] stack = {0, 7};
            Object[] refs = {null, null};
            m.exportedFunction("tail").callWithStack(stack, refs);
            assertArrayEquals(new Object[] {null, null}, refs);
        }
    }

    /**
     * A chain of tail calls that starts in a module without reference types and ends in a function
     * whose parameters are references: nothing to hand back but numbers.
     */
    @Test
    void tailCallsIntoAFunctionWithReferenceParameters() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            runtime.instantiate(runtime.compileModule("""
                    (module
                      (func $h (param externref) (result i32) (i32.const 7))
                      (func (export "g") (result i32) (return_call $h (ref.null extern))))
                    """), dev.jazero.ModuleConfig.defaults().withName("b"));
            Module a = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "b" "g" (func $g (result i32)))
                      (func (export "f") (result i32) (return_call $g)))
                    """));
            assertArrayEquals(new long[] {7}, a.exportedFunction("f").call());
        }
    }

    private static WeakReference<Object> passThrough(Module m) {
        Object value = new Object();
        for (String name : new String[] {"pair", "tail", "tailExport", "indirect"}) {
            m.exportedFunction(name).callWithStack(new long[] {0, 1}, new Object[] {value, null});
        }
        return new WeakReference<>(value);
    }
}
