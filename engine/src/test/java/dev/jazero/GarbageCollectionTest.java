package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.HeapType;
import dev.jazero.api.I31;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmArray;
import dev.jazero.api.WasmStruct;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Garbage collection's structs, arrays and {@code i31} references, in both tiers: made and read by
 * the guest, handed to the embedder as {@link WasmStruct}, {@link WasmArray} and {@link I31} and
 * back, cast, collected by the JVM once nothing holds them, and allocations that cannot fit trap
 * and leave the runtime usable.
 */
class GarbageCollectionTest {

    private static final String MODULE = """
            (module
              (type $point (struct (field $x (mut i32)) (field $y i64) (field $tag (mut i8)) (field $next (mut (ref null $point)))))
              (type $bytes (array (mut i8)))
              (type $longs (array (mut i64)))
              (global $kept (mut anyref) (ref.null any))
              (func $point (export "point") (param i32 i64) (result (ref $point))
                (struct.new $point (local.get 0) (local.get 1) (i32.const 200) (ref.null $point)))
              (func (export "sum") (param (ref null $point)) (result i64)
                (i64.add (i64.extend_i32_s (struct.get $point $x (local.get 0))) (struct.get $point $y (local.get 0))))
              (func (export "tag") (param (ref $point)) (result i32 i32)
                (struct.get_s $point $tag (local.get 0)) (struct.get_u $point $tag (local.get 0)))
              (func (export "chain") (param $n i32) (result i32) (local $p (ref null $point)) (local $len i32)
                (loop $make
                  (local.set $p (struct.new $point (local.get $n) (i64.const 0) (i32.const 0) (local.get $p)))
                  (br_if $make (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (block $done
                  (loop $walk
                    (br_on_null $done (local.get $p))
                    (local.set $p (struct.get $point $next))
                    (local.set $len (i32.add (local.get $len) (i32.const 1)))
                    (br $walk)))
                (local.get $len))
              (func (export "bytes") (param $n i32) (result i32) (local $a (ref $bytes))
                (local.set $a (array.new $bytes (i32.const 7) (local.get $n)))
                (array.set $bytes (local.get $a) (i32.const 0) (i32.const -1))
                (array.fill $bytes (local.get $a) (i32.const 1) (i32.const 2) (i32.const 1))
                (i32.add (array.get_u $bytes (local.get $a) (i32.const 0))
                  (i32.add (array.get_s $bytes (local.get $a) (i32.const 1)) (array.len (local.get $a)))))
              (func (export "huge") (param i32) (result (ref $longs)) (array.new_default $longs (local.get 0)))
              (func (export "i31") (param i32) (result i31ref i32) (ref.i31 (local.get 0)) (i31.get_s (ref.i31 (local.get 0))))
              (func (export "isPoint") (param anyref) (result i32) (ref.test (ref $point) (local.get 0)))
              (func (export "keep") (param anyref) (global.set $kept (local.get 0)))
              (func (export "kept") (result anyref) (global.get $kept)))
            """;

    @InBothTiers
    void structsArraysAndI31sWork(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            long[] stack = new long[2];
            Object[] refs = new Object[2];
            stack[0] = 40;
            stack[1] = 2;
            m.exportedFunction("point").callWithStack(stack, refs);
            WasmStruct point = assertInstanceOf(WasmStruct.class, refs[0]);
            stack[0] = 0;
            m.exportedFunction("sum").callWithStack(stack, refs);
            assertEquals(42, stack[0]);
            refs[0] = point;
            m.exportedFunction("tag").callWithStack(stack, refs);
            assertEquals(-56, (int) stack[0], "200 read back as a signed byte");
            assertEquals(200, stack[1]);
            assertEquals(100_000, m.exportedFunction("chain").call(100_000)[0]);
            assertEquals(255 + 2 + 10, m.exportedFunction("bytes").call(10)[0]);
            refs = new Object[2];
            stack[0] = 0x7FFF_FFFF;
            m.exportedFunction("i31").callWithStack(stack, refs);
            assertEquals(I31.of(-1), refs[0]);
            assertEquals(-1, (int) stack[1]);
            stack[0] = 0;
            m.exportedFunction("isPoint").callWithStack(stack, new Object[] {point});
            assertEquals(1, stack[0]);
            m.exportedFunction("isPoint").callWithStack(stack, new Object[] {I31.of(3)});
            assertEquals(0, stack[0]);
        }
    }

    @InBothTiers
    void referencesFromOutsideAreCheckedAgainstTheirTypes(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            runtime.newHostModuleBuilder("host")
                    .newFunctionBuilder()
                    .withReferenceFunction((caller, stack, refs) -> refs[0] = 5L,
                            List.of(), List.of(ValueType.ref(HeapType.I31, true)))
                    .export("notAnI31")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule(MODULE.replace("(module", """
                    (module
                      (import "host" "notAnI31" (func $notAnI31 (result i31ref)))
                      (func (export "badHost") (result i32) (i31.get_s (call $notAnI31)))""")));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.exportedFunction("sum").callWithStack(new long[1], new Object[] {"not a struct"}));
            assertTrue(e.getMessage().contains("is not"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> m.exportedFunction("sum").callWithStack(new long[1], new Object[] {I31.of(1)}));
            TrapException trap = assertThrows(TrapException.class, () -> m.exportedFunction("badHost").call());
            assertEquals(TrapKind.HOST_FUNCTION_FAILED, trap.trapKind());
            assertThrows(IllegalArgumentException.class, () -> m.exportedFunction("isPoint").call(7));
        }
    }

    @InBothTiers
    void aGlobalThatCannotBeBuiltMakesTheModuleUninstantiable(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            assertThrows(dev.jazero.api.UninstantiableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module (type $a (array i64)) (global (ref $a) (array.new_default $a (i32.const -1))))")));
        }
    }

    @InBothTiers
    void whatAReturnedFrameHeldIsCollected(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            List<WeakReference<Object>> made = new java.util.ArrayList<>();
            boolean[] collected = new boolean[1];
            runtime.newHostModuleBuilder("host")
                    .newFunctionBuilder()
                    .withReferenceFunction((caller, stack, refs) -> {
                        Object value = new Object();
                        made.add(new WeakReference<>(value));
                        refs[0] = value;
                    }, List.of(), List.of(ValueType.EXTERNREF))
                    .export("make")
                    .newFunctionBuilder()
                    .withStackFunction(stack -> {
                        try {
                            collected[0] = Collection.collected(made.get(0));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, List.of(), List.of())
                    .export("check")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "host" "make" (func $make (result externref)))
                      (import "host" "check" (func $check))
                      (type $box (struct (field externref)))
                      (func $hold (param externref) (local (ref null $box))
                        (local.set 1 (struct.new $box (local.get 0))))
                      (func (export "run") (call $hold (call $make)) (call $check)))
                    """));
            m.exportedFunction("run").call();
            assertTrue(collected[0], "the slots of a frame that returned kept what it held");
        }
    }

    @InBothTiers
    void misusedReferenceApisEndInClearErrors(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (global (export "number") (mut i32) (i32.const 1))
                      (global (export "fixed") externref (ref.null extern))
                      (func (export "pair") (param externref externref)))
                    """));
            assertThrows(IllegalArgumentException.class,
                    () -> m.exportedFunction("pair").callWithStack(new long[2], new Object[1]));
            assertThrows(IllegalStateException.class, () -> m.exportedGlobal("number").getReference());
            assertThrows(IllegalStateException.class,
                    () -> ((dev.jazero.api.MutableGlobal) m.exportedGlobal("number")).setReference("x"));
            assertEquals(null, m.exportedGlobal("fixed").getReference());
            byte[] badFlags = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0,
                (byte) 0xD0, 0x6E, (byte) 0xFB, 0x18, 0x04, 0x00, 0x6E, 0x6E, 0x0B};
            dev.jazero.api.MalformedModuleException e = assertThrows(dev.jazero.api.MalformedModuleException.class,
                    () -> runtime.compileModule(badFlags));
            assertTrue(e.getMessage().contains("malformed cast flags"), e.getMessage());
        }
    }

    @InBothTiers
    void aNullStructTraps(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            TrapException e = assertThrows(TrapException.class,
                    () -> m.exportedFunction("sum").callWithStack(new long[1], new Object[1]));
            assertEquals(TrapKind.NULL_STRUCT_REFERENCE, e.trapKind());
        }
    }

    @InBothTiers
    void anAllocationTooLargeTrapsAndTheRuntimeGoesOn(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            for (long length : new long[] {0xFFFF_FFFFL, 0x7FFF_FFF0L}) {
                TrapException e = assertThrows(TrapException.class,
                        () -> m.exportedFunction("huge").callWithStack(new long[] {length}, new Object[1]));
                assertEquals(TrapKind.OUT_OF_MEMORY, e.trapKind());
            }
            Object[] refs = new Object[1];
            m.exportedFunction("huge").callWithStack(new long[] {3}, refs);
            assertEquals(3, assertInstanceOf(WasmArray.class, refs[0]).length());
        }
    }

    @InBothTiers
    void whatTheGuestDropsIsCollected(RuntimeConfig tier) throws InterruptedException {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            WeakReference<Object> weak = keepAndDrop(m);
            assertTrue(Collection.collected(weak), "a struct the guest no longer holds was kept");
        }
    }

    private static WeakReference<Object> keepAndDrop(Module m) {
        Object[] refs = new Object[2];
        m.exportedFunction("point").callWithStack(new long[] {1, 2}, refs);
        Object point = refs[0];
        m.exportedFunction("keep").callWithStack(new long[1], new Object[] {point});
        Object[] kept = new Object[1];
        m.exportedFunction("kept").callWithStack(new long[1], kept);
        assertSame(point, kept[0]);
        m.exportedFunction("keep").callWithStack(new long[1], new Object[1]);
        return new WeakReference<>(point);
    }
}
