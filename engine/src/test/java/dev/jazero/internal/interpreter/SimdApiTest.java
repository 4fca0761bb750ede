package dev.jazero.internal.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.MutableGlobal;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** v128 values through the public API: calls, host functions, globals, memory, validation. */
class SimdApiTest {

    @Test
    void functionsTakeAndReturnVectorsAsTwoSlots() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (func (export "add") (param v128 i32 v128) (result v128 i32)
                        (i32x4.add (local.get 0) (local.get 2)) (local.get 1))
                      (func (export "pick") (param v128 v128 i32) (result v128)
                        (select (local.get 0) (local.get 1) (local.get 2))))
                    """));
            long[] r = m.exportedFunction("add").call(0x0000_0002_0000_0001L, -1L, 7, 0x0000_0010_0000_0010L, 1L);
            assertArrayEquals(new long[] {0x0000_0012_0000_0011L, 0xFFFF_FFFF_0000_0000L, 7}, r);
            assertArrayEquals(new long[] {3, 4}, m.exportedFunction("pick").call(1, 2, 3, 4, 0));
            assertEquals(List.of(ValueType.V128, ValueType.I32), m.exportedFunction("add").definition().resultTypes());
        }
    }

    @Test
    void hostFunctionsSeeAndReturnBothHalves() {
        try (Runtime runtime = Runtime.create()) {
            long[] seen = new long[3];
            runtime.newHostModuleBuilder("env")
                    .newFunctionBuilder()
                    .withStackFunction(stack -> {
                        System.arraycopy(stack, 0, seen, 0, 3);
                        long low = stack[1];
                        stack[0] = stack[2];
                        stack[1] = low;
                    }, List.of(ValueType.I32, ValueType.V128), List.of(ValueType.V128))
                    .export("swap")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "env" "swap" (func $swap (param i32 v128) (result v128)))
                      (func (export "go") (result v128)
                        (call $swap (i32.const -1) (v128.const i64x2 0x1111 0x2222))))
                    """));
            assertArrayEquals(new long[] {0x2222, 0x1111}, m.exportedFunction("go").call());
            assertArrayEquals(new long[] {0xFFFF_FFFFL, 0x1111, 0x2222}, seen);
        }
    }

    @Test
    void vectorGlobalsReadAndWriteBothHalves() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
                      (func (export "get") (result v128) (global.get $g))
                      (func (export "set") (param v128) (global.set $g (local.get 0))))
                    """));
            MutableGlobal g = (MutableGlobal) m.exportedGlobal("g");
            assertEquals(ValueType.V128, g.type());
            assertEquals(0x0000_0002_0000_0001L, g.get());
            assertEquals(0x0000_0004_0000_0003L, g.getHigh());
            g.set(5, 6);
            assertArrayEquals(new long[] {5, 6}, m.exportedFunction("get").call());
            m.exportedFunction("set").call(7, 8);
            assertEquals(7, g.get());
            assertEquals(8, g.getHigh());
        }
    }

    @Test
    void vectorAccessesCheckAllTheirBytesBeforeTouchingMemory() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (memory (export "mem") 1)
                      (func (export "load") (param i32) (result v128) (v128.load (local.get 0)))
                      (func (export "store") (param i32) (v128.store (local.get 0) (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1)))
                      (func (export "lane") (param i32) (result v128)
                        (v128.load64_lane offset=8 1 (local.get 0) (v128.const i64x2 1 2))))
                    """));
            Memory memory = m.exportedMemory("mem");
            memory.writeLong(65520, 0x0102_0304_0506_0708L);
            assertArrayEquals(new long[] {0x0102_0304_0506_0708L, 0}, m.exportedFunction("load").call(65520));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("store").call(65521));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, e.trapKind());
            assertTrue(e.getMessage().startsWith("out of bounds memory access"), e.getMessage());
            assertEquals(0, memory.readByte(65535), "a trapping store writes nothing");
            assertThrows(TrapException.class, () -> m.exportedFunction("load").call(-1L & 0xFFFF_FFFFL));
            assertArrayEquals(new long[] {1, 0x0102_0304_0506_0708L}, m.exportedFunction("lane").call(65512));
            assertThrows(TrapException.class, () -> m.exportedFunction("lane").call(65521));
        }
    }

    @Test
    void vectorsFlowThroughBlocksAndBranches() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (func (export "f") (param i32) (result v128 i32)
                        (block (result v128 i32)
                          (v128.const i64x2 10 20) (i32.const 1) (br_if 0 (local.get 0))
                          (drop) (drop) (v128.const i64x2 30 40) (i32.const 2))))
                    """));
            assertArrayEquals(new long[] {10, 20, 1}, m.exportedFunction("f").call(1));
            assertArrayEquals(new long[] {30, 40, 2}, m.exportedFunction("f").call(0));
        }
    }

    @Test
    void validationChecksLanesAlignmentAndTheFeature() {
        try (Runtime runtime = Runtime.create()) {
            assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (func (result i32) (i8x16.extract_lane_s 16 (v128.const i64x2 0 0))))"));
            assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 32"
                            + " (v128.const i64x2 0 0) (v128.const i64x2 0 0))))"));
            assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (memory 1) (func (result v128) (v128.load32_splat align=8 (i32.const 0))))"));
            assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (func (result v128) (i32x4.add (v128.const i64x2 0 0) (i32.const 0))))"));
        }
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults()
                .withCoreFeatures(CoreFeatures.V2.without(CoreFeatures.SIMD)))) {
            assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (func (result i32) (i8x16.extract_lane_s 0 (v128.const i64x2 0 0))))"));
        }
    }
}
