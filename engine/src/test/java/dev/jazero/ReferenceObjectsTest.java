package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void onlyFunctionsPassAsFunctionReferences(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module (func (export "isNull") (param funcref) (result i32) (ref.is_null (local.get 0))))
                    """));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.exportedFunction("isNull").callWithStack(new long[1], new Object[] {"not a function"}));
            assertTrue(e.getMessage().startsWith("parameter of "), e.getMessage());
            assertTrue(e.getMessage().endsWith("1 is funcref, which a java.lang.String is not"), e.getMessage());
        }
    }

    @InBothTiers
    void anObjectTheModuleDropsIsCollected(RuntimeConfig tier) throws InterruptedException {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            WeakReference<Object> weak = keepAndForget(m);
            assertTrue(Collection.collected(weak), "the runtime kept an object the module no longer holds");
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

    /** A Java function whose parameters and results include references, for withFunc. */
    @FunctionalInterface
    public interface Tagger {
        Object tag(Object value, int times);
    }

    /** Two results, a reference among them. */
    public record Counted(Object value, int length) {
    }

    /** A Java function with a record of results, a reference among them. */
    @FunctionalInterface
    public interface Counter {
        Counted count(Object value);
    }

    @InBothTiers
    void withFuncTakesAndReturnsReferences(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            runtime.newHostModuleBuilder("host")
                    .newFunctionBuilder()
                    .withFunc(Tagger.class, (value, times) -> String.valueOf(value).repeat(times))
                    .export("tag")
                    .newFunctionBuilder()
                    .withFunc(Counter.class, value -> new Counted(value, String.valueOf(value).length()))
                    .export("count")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "host" "tag" (func $tag (param externref i32) (result externref)))
                      (import "host" "count" (func $count (param externref) (result externref i32)))
                      (func (export "go") (param externref) (result externref i32)
                        (call $count (call $tag (local.get 0) (i32.const 3)))))
                    """));
            long[] stack = new long[2];
            Object[] refs = {"ab", null};
            m.exportedFunction("go").callWithStack(stack, refs);
            assertEquals("ababab", refs[0]);
            assertEquals(6, stack[1]);
        }
    }

    private static WeakReference<Object> keepAndForget(Module m) {
        Object value = new Object();
        m.exportedFunction("keep").callWithStack(new long[1], new Object[] {value});
        m.exportedFunction("forget").call();
        return new WeakReference<>(value);
    }
}
