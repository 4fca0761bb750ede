package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.HeapType;
import dev.jazero.api.I31;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import dev.jazero.internal.runtime.I31Pairs;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * An {@code i31} is a pair of an object and an int in both tiers (docs/references.md, "i31
 * without allocation"): it keeps its value through locals, calls, several results, struct
 * fields, array elements and element segments, tables, globals, exceptions, the conversions to
 * and from {@code extern}, and the host; compiled code that makes, stores and reads {@code i31}s
 * allocates nothing.
 */
class I31PairTest {

    private static final String MODULE = """
            (module
              (type $box (struct (field (mut anyref))))
              (type $ebox (struct (field eqref)))
              (type $arr (array (mut anyref)))
              (type $node (struct (field i32)))
              (type $nodes (array (mut (ref null $node))))
              (elem $seg anyref (item (ref.i31 (i32.const 5))) (item (ref.i31 (i32.const -6))))
              (import "host" "echo" (func $echo (param anyref) (result anyref)))
              (global $cg (ref $box) (struct.new $box (ref.i31 (i32.const 42))))
              (global $ca (ref $arr) (array.new_fixed $arr 2 (ref.i31 (i32.const 1)) (ref.i31 (i32.const -2))))
              (table $t2 0 anyref)
              (global $g (mut eqref) (ref.null eq))
              (table $t 1 anyref)
              (tag $e (param anyref))
              (func $id (param eqref) (result eqref) (local.get 0))
              (func $two (param anyref) (result anyref i32) (local.get 0) (i32.const 7))
              (func (export "sum") (param i32) (result i32)
                (local $i i32) (local $acc i32) (local $r eqref)
                (local.set $r (ref.i31 (i32.const 0)))
                (block $done
                  (loop $l
                    (br_if $done (i32.ge_u (local.get $i) (local.get 0)))
                    (local.set $acc (i32.add (local.get $acc) (i31.get_s (ref.cast i31ref (local.get $r)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    ;; Carried to the next iteration, where no escape analysis could drop a box.
                    (local.set $r (call $id (ref.i31 (local.get $i))))
                    (br $l)))
                (local.get $acc))
              (func (export "eq") (param i32 i32) (result i32)
                (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
              (func (export "stored") (param i32) (result i32)
                (local $s (ref $box))
                (local.set $s (struct.new $box (ref.i31 (local.get 0))))
                (global.set $g (ref.cast eqref (struct.get $box 0 (local.get $s))))
                (table.set $t (i32.const 0) (global.get $g))
                (i31.get_s (ref.cast i31ref (call $echo (table.get $t (i32.const 0))))))
              (func (export "multi") (param i32) (result i32)
                (call $two (ref.i31 (local.get 0)))
                (drop)
                (i31.get_s (ref.cast i31ref)))
              (func (export "thrown") (param i32) (result i32)
                (block $h (result anyref)
                  (try_table (catch $e $h) (throw $e (ref.i31 (local.get 0))))
                  (unreachable))
                (i31.get_s (ref.cast i31ref)))
              (func (export "arrays") (param i32) (result i32)
                (local $a (ref $arr)) (local $b (ref $arr))
                (local.set $a (array.new $arr (ref.i31 (local.get 0)) (i32.const 4)))
                (array.set $arr (local.get $a) (i32.const 1) (ref.i31 (i32.const 100)))
                (array.fill $arr (local.get $a) (i32.const 2) (ref.i31 (i32.const 7)) (i32.const 2))
                (local.set $b (array.new_elem $arr $seg (i32.const 0) (i32.const 2)))
                (array.copy $arr $arr (local.get $a) (i32.const 3) (local.get $b) (i32.const 1) (i32.const 1))
                (i32.add (i31.get_s (ref.cast i31ref (array.get $arr (local.get $a) (i32.const 0))))
                  (i32.add (i31.get_s (ref.cast i31ref (array.get $arr (local.get $a) (i32.const 1))))
                    (i32.add (i31.get_s (ref.cast i31ref (array.get $arr (local.get $a) (i32.const 2))))
                      (i32.add (i31.get_s (ref.cast i31ref (array.get $arr (local.get $a) (i32.const 3))))
                        (i31.get_s (ref.cast i31ref (array.get $arr
                          (array.new_fixed $arr 2 (ref.i31 (i32.const 1)) (ref.i31 (i32.const 1000)))
                          (i32.const 1)))))))))
              (func (export "fieldsEq") (param i32 i32) (result i32)
                (ref.eq (struct.get $ebox 0 (struct.new $ebox (ref.i31 (local.get 0))))
                  (struct.get $ebox 0 (struct.new $ebox (ref.i31 (local.get 1))))))
              (func (export "churn") (param i32) (result i32)
                (local $a (ref $arr)) (local $s (ref $box)) (local $i i32) (local $acc i32)
                (local.set $a (array.new_default $arr (i32.const 16)))
                (local.set $s (struct.new $box (ref.null any)))
                (loop $l
                  (array.set $arr (local.get $a) (i32.and (local.get $i) (i32.const 15)) (ref.i31 (local.get $i)))
                  (struct.set $box 0 (local.get $s) (array.get $arr (local.get $a) (i32.and (local.get $i) (i32.const 15))))
                  (local.set $acc (i32.add (local.get $acc)
                    (i31.get_s (ref.cast i31ref (struct.get $box 0 (local.get $s))))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get 0))))
                (local.get $acc))
              (func (export "toExtern") (param i32) (result externref) (extern.convert_any (ref.i31 (local.get 0))))
              (func (export "fromExtern") (param externref) (result i32)
                (i31.get_s (ref.cast i31ref (any.convert_extern (local.get 0)))))
              (func (export "constants") (result i32)
                (i32.add (i31.get_s (ref.cast i31ref (struct.get $box 0 (global.get $cg))))
                  (i31.get_s (ref.cast i31ref (array.get $arr (global.get $ca) (i32.const 1))))))
              (func (export "copyNodes") (result i32)
                (local $a (ref $arr))
                (local.set $a (array.new $arr (ref.i31 (i32.const 9)) (i32.const 2)))
                (array.copy $arr $nodes (local.get $a) (i32.const 0)
                  (array.new_default $nodes (i32.const 2)) (i32.const 0) (i32.const 1))
                (i32.add (ref.is_null (array.get $arr (local.get $a) (i32.const 0)))
                  (i31.get_s (ref.cast i31ref (array.get $arr (local.get $a) (i32.const 1))))))
              (func (export "selected") (param i32 i32) (result i32)
                (table.fill $t (i32.const 0)
                  (select (result anyref) (ref.i31 (local.get 0)) (struct.new $node (i32.const 0)) (local.get 1))
                  (i32.const 1))
                (drop (table.grow $t2
                  (select (result anyref) (ref.i31 (local.get 0)) (struct.new $node (i32.const 0)) (local.get 1))
                  (i32.const 1)))
                (i32.add (i31.get_s (ref.cast i31ref (table.get $t (i32.const 0))))
                  (i31.get_s (ref.cast i31ref (table.get $t2 (i32.const 0))))))
              (func (export "make") (param i32) (result anyref) (ref.i31 (local.get 0)))
              (func (export "get") (param anyref) (result i32) (i31.get_u (ref.cast i31ref (local.get 0)))))
            """;

    private static Module instantiate(Runtime runtime, boolean compiled) {
        runtime.newHostModuleBuilder("host")
                .newFunctionBuilder()
                .withReferenceFunction((caller, stack, refs) -> assertInstanceOf(I31.class, refs[0]),
                        List.of(ValueType.ref(HeapType.ANY, true)), List.of(ValueType.ref(HeapType.ANY, true)))
                .export("echo")
                .instantiate();
        CompiledModuleImpl module = (CompiledModuleImpl) runtime.compileModule(MODULE);
        if (compiled) {
            for (int f = 1; f < module.module().functionCount(); f++) {
                assertTrue(module.isCompiled(f), "function " + f + " is compiled");
            }
        }
        return runtime.instantiate(module);
    }

    private static int call(Module m, String name, long... args) {
        return (int) m.exportedFunction(name).call(args)[0];
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anI31KeepsItsValueWhereverItGoes(boolean compiled) {
        try (Runtime runtime = Runtime.create(compiled ? RuntimeConfig.compiler() : RuntimeConfig.interpreter())) {
            Module m = instantiate(runtime, compiled);
            assertEquals(499_500, call(m, "sum", 1000));
            assertEquals(1, call(m, "eq", 5, 5));
            assertEquals(0, call(m, "eq", 5, 6));
            // The same 31 bits.
            assertEquals(1, call(m, "eq", 0xFFFF_FFFFL, 0x7FFF_FFFF));
            assertEquals(-5, call(m, "stored", -5 & 0xFFFF_FFFFL));
            assertEquals(-0x4000_0000, call(m, "stored", 0x4000_0000));
            assertEquals(123, call(m, "multi", 123));
            assertEquals(-9, call(m, "thrown", -9 & 0xFFFF_FFFFL));

            assertEquals(1104, call(m, "arrays", 3));
            assertEquals(1, call(m, "fieldsEq", 8, 8));
            assertEquals(0, call(m, "fieldsEq", 8, 9));
            assertEquals(499_500, call(m, "churn", 1000));
            // Constant expressions make I31s, which a field and an element keep as pairs.
            assertEquals(40, call(m, "constants"));
            // From an array whose elements cannot be i31s, which has no numbers.
            assertEquals(10, call(m, "copyNodes"));
            // A select of a declared type stores what it picked as that type stores it.
            assertEquals(10, call(m, "selected", 5, 1));

            Object[] refs = new Object[1];
            m.exportedFunction("toExtern").callWithStack(new long[] {77}, refs);
            assertEquals(I31.of(77), refs[0]);
            long[] fromExtern = new long[1];
            m.exportedFunction("fromExtern").callWithStack(fromExtern, new Object[] {I31.of(-77)});
            assertEquals(-77, (int) fromExtern[0]);

            m.exportedFunction("make").callWithStack(new long[] {-3 & 0xFFFF_FFFFL}, refs);
            assertEquals(I31.of(-3), refs[0]);
            long[] stack = new long[1];
            Object[] argument = {I31.of(-1)};
            m.exportedFunction("get").callWithStack(stack, argument);
            assertEquals(0x7FFF_FFFF, (int) stack[0]);
            // The pair's object never reaches the caller's array.
            assertNotSame(I31Pairs.TAG, argument[0]);
        }
    }

    @Test
    void compiledCodeMakesAndReadsI31sWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = instantiate(runtime, true);
            call(m, "sum", 10);
            long before = threads.getCurrentThreadAllocatedBytes();
            assertEquals(1_783_293_664, call(m, "sum", 1_000_000));
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // A boxed i31 would be 16 MB here; the call itself allocates a few small arrays.
            assertTrue(allocated < 100_000, "allocated " + allocated + " bytes");

            call(m, "churn", 10);
            before = threads.getCurrentThreadAllocatedBytes();
            assertEquals(1_783_293_664, call(m, "churn", 1_000_000));
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // In an array's elements and a struct's field too: only the array and the struct are allocated.
            assertTrue(allocated < 100_000, "allocated " + allocated + " bytes in fields and elements");
        }
    }
}
