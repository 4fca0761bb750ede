package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jazero.api.Function;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.util.List;
import java.lang.ref.WeakReference;

/**
 * References are objects in the engines (docs/references.md): an external reference passed as an
 * object keeps its identity through locals, globals, tables, blocks, calls and results, in both
 * tiers; one that the module no longer holds is collected by the JVM's collector; the
 * {@code long} form of calls keeps working for the references it can number.
 */
class ReferenceObjectsTest {

    private static final String MODULE = """
            (module
              (global $kept (mut externref) (ref.null extern))
              (table $t 2 externref)
              (func $id (param externref) (result externref) (local externref)
                (local.set 1 (local.get 0))
                (block (result externref) (local.get 1)))
              (func (export "keep") (param externref)
                (global.set $kept (call $id (local.get 0)))
                (table.set $t (i32.const 1) (local.get 0)))
              (func (export "kept") (result externref externref i32)
                (global.get $kept)
                (table.get $t (i32.const 1))
                (ref.is_null (select (result externref) (ref.null extern) (global.get $kept) (i32.const 0))))
              (func (export "forget")
                (global.set $kept (ref.null extern))
                (table.fill $t (i32.const 0) (ref.null extern) (i32.const 2))))
            """;

    @InBothTiers
    void anObjectKeepsItsIdentity(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            Object value = new StringBuilder("held by the guest");
            m.exportedFunction("keep").callWithStack(new long[1], new Object[] {value});
            long[] stack = new long[3];
            Object[] refs = new Object[3];
            m.exportedFunction("kept").callWithStack(stack, refs);
            assertSame(value, refs[0]);
            assertSame(value, refs[1]);
            assertEquals(0, stack[2], "select picked the global's non-null value");
        }
    }

    @InBothTiers
    void theLongFormNumbersExternalReferences(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            m.exportedFunction("keep").call(42);
            assertArrayEquals(new long[] {42, 42, 0}, m.exportedFunction("kept").call());
            Function keep = m.exportedFunction("keep");
            keep.callWithStack(new long[1], new Object[] {"not a number"});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.exportedFunction("kept").call());
            assertEquals("a reference to a java.lang.String has no slot number: pass it with "
                    + "Function.callWithStack(long[], Object[])", e.getMessage());
        }
    }

    @InBothTiers
    void anObjectTheModuleDropsIsCollected(RuntimeConfig tier) throws InterruptedException {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            WeakReference<Object> weak = keepAndForget(m);
            for (int i = 0; i < 100 && weak.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(weak.get(), "the runtime kept an object the module no longer holds");
        }
    }

    @InBothTiers
    void aHostFunctionTakesAndReturnsObjects(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            runtime.newHostModuleBuilder("host")
                    .newFunctionBuilder()
                    .withReferenceFunction((caller, stack, refs) -> {
                        refs[0] = refs[0] + "!" + stack[1];
                    }, List.of(ValueType.EXTERNREF, ValueType.I32), List.of(ValueType.EXTERNREF))
                    .export("shout")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "host" "shout" (func $shout (param externref i32) (result externref)))
                      (func (export "twice") (param externref) (result externref)
                        (call $shout (call $shout (local.get 0) (i32.const 1)) (i32.const 2))))
                    """));
            Object[] refs = {"hello"};
            m.exportedFunction("twice").callWithStack(new long[1], refs);
            assertEquals("hello!1!2", refs[0]);
        }
    }

    private static WeakReference<Object> keepAndForget(Module m) {
        Object value = new Object();
        m.exportedFunction("keep").callWithStack(new long[1], new Object[] {value});
        m.exportedFunction("forget").call();
        return new WeakReference<>(value);
    }
}
