package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0's several memories, with {@link CoreFeatures#MULTI_MEMORY}: loads, stores,
 * SIMD accesses, the memory and bulk instructions and data segments each on the memory they
 * name; memories imported and exported beside each other; and 2.0's rules without the feature.
 */
class MultiMemoryTest {

    private static final String MODULE = """
            (module
              (import "env" "shared" (memory $shared 1))
              (memory $small (export "small") 1 2)
              (memory $big (export "big") 2)
              (data (memory $small) (i32.const 16) "\\01\\02\\03\\04")
              (data $later "late")
              (func (export "store") (param $m i32) (param $at i32) (param $v i32)
                (if (i32.eqz (local.get $m)) (then (i32.store $shared (local.get $at) (local.get $v)) (return)))
                (if (i32.eq (local.get $m) (i32.const 1)) (then (i32.store $small (local.get $at) (local.get $v)) (return)))
                (i32.store $big (local.get $at) (local.get $v)))
              (func (export "load") (param $m i32) (param $at i32) (result i32)
                (if (i32.eqz (local.get $m)) (then (return (i32.load $shared (local.get $at)))))
                (if (i32.eq (local.get $m) (i32.const 1)) (then (return (i32.load $small (local.get $at)))))
                (i32.load $big (local.get $at)))
              (func (export "sizes") (result i32 i32 i32)
                (memory.size $shared) (memory.size $small) (memory.size $big))
              (func (export "growSmall") (param i32) (result i32) (memory.grow $small (local.get 0)))
              (func (export "copySmallToBig") (param $dst i32) (param $src i32) (param $n i32)
                (memory.copy $big $small (local.get $dst) (local.get $src) (local.get $n)))
              (func (export "fillBig") (param $at i32) (param $v i32) (param $n i32)
                (memory.fill $big (local.get $at) (local.get $v) (local.get $n)))
              (func (export "initBig") (param $at i32)
                (memory.init $big $later (local.get $at) (i32.const 0) (i32.const 4)))
              (func (export "vectorSum") (param $at i32) (result i32)
                (i32x4.extract_lane 0 (i32x4.add (v128.load $big (local.get $at)) (v128.load $small (local.get $at)))))
              (func (export "byteAfterSmall") (result i32) (i32.load8_u $small offset=65535 (i32.const 1))))
            """;

    private static RuntimeConfig multiMemory(RuntimeConfig tier) {
        return tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.MULTI_MEMORY));
    }

    private static Module instantiate(Runtime runtime) {
        runtime.instantiate(runtime.compileModule("(module (memory (export \"shared\") 1))"),
                ModuleConfig.defaults().withName("env"));
        return runtime.instantiate(runtime.compileModule(MODULE));
    }

    @InBothTiers
    void eachInstructionUsesTheMemoryItNames(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(multiMemory(tier))) {
            Module m = instantiate(runtime);
            for (int memory = 0; memory < 3; memory++) {
                m.exportedFunction("store").call(memory, 100, 1000 + memory);
            }
            for (int memory = 0; memory < 3; memory++) {
                assertArrayEquals(new long[] {1000 + memory}, m.exportedFunction("load").call(memory, 100));
            }
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("load").call(1, 16), "the data segment");
            assertArrayEquals(new long[] {0}, m.exportedFunction("load").call(2, 16));
            assertArrayEquals(new long[] {1, 1, 2}, m.exportedFunction("sizes").call());
            assertArrayEquals(new long[] {1}, m.exportedFunction("growSmall").call(1));
            assertArrayEquals(new long[] {-1L & 0xFFFF_FFFFL}, m.exportedFunction("growSmall").call(1), "past its maximum");
            assertArrayEquals(new long[] {1, 2, 2}, m.exportedFunction("sizes").call());

            m.exportedFunction("copySmallToBig").call(200, 16, 4);
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("load").call(2, 200));
            m.exportedFunction("fillBig").call(300, 7, 4);
            assertArrayEquals(new long[] {0x0707_0707}, m.exportedFunction("load").call(2, 300));
            m.exportedFunction("initBig").call(400);
            assertEquals("late", new String(m.exportedMemory("big").read(400, 4), java.nio.charset.StandardCharsets.US_ASCII));
            m.exportedFunction("store").call(1, 200, 5);
            assertArrayEquals(new long[] {0x0403_0201 + 5}, m.exportedFunction("vectorSum").call(200));
        }
    }

    @InBothTiers
    void boundsAreEachMemorysOwn(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(multiMemory(tier))) {
            Module m = instantiate(runtime);
            // The big memory has room at 65536; the small one, of one page, does not.
            m.exportedFunction("store").call(2, 65536, 5);
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("store").call(1, 65536, 5));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, e.trapKind());
            assertThrows(TrapException.class, () -> m.exportedFunction("byteAfterSmall").call());
            TrapException copy = assertThrows(TrapException.class,
                    () -> m.exportedFunction("copySmallToBig").call(0, 65535, 2));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, copy.trapKind(), "the source range is checked in the source");
            m.exportedFunction("copySmallToBig").call(131070, 0, 2);
        }
    }

    @InBothTiers
    void theHostSeesEachMemoryByItsExport(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(multiMemory(tier))) {
            Module m = instantiate(runtime);
            Memory big = m.exportedMemory("big");
            big.writeInt(8, 77);
            assertArrayEquals(new long[] {77}, m.exportedFunction("load").call(2, 8));
            assertArrayEquals(new long[] {0}, m.exportedFunction("load").call(1, 8));
            assertEquals(2 * Memory.PAGE_SIZE, big.size());
            assertEquals(2, m.exportedMemoryDefinitions().size());
        }
    }

    @InBothTiers
    void hostFunctionsUseTheMemoryExportedAsMemory(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(multiMemory(tier))) {
            runtime.newHostModuleBuilder("env").newFunctionBuilder()
                    .withHostFunction((caller, stack) -> stack[0] = caller.memory().readInt(0),
                            java.util.List.of(), java.util.List.of(dev.jazero.api.ValueType.I32))
                    .export("peek").instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "env" "peek" (func $peek (result i32)))
                      (memory $scratch 1)
                      (memory $main (export "memory") 1)
                      (data (memory $scratch) (i32.const 0) "\\01")
                      (data (memory $main) (i32.const 0) "\\02")
                      (func (export "peek") (result i32) (call $peek)))
                    """));
            assertArrayEquals(new long[] {2}, m.exportedFunction("peek").call());
            assertEquals(m.exportedMemory("memory"), m.memory());
        }
    }

    @Test
    void withoutTheFeatureTheRulesAre2point0s() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2))) {
            InvalidModuleException two = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (memory 1) (memory 1))"));
            assertTrue(two.getMessage().contains("multiple memories need the multi-memory feature"), two.getMessage());
            // i32.load with bit 6 of its flags set (a memory index follows, in 3.0).
            byte[] flagged = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1,
                10, 11, 1, 9, 0, 0x41, 0, 0x28, 0x42, 0, 0, 0x1A, 0x0B};
            MalformedModuleException malformed = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule(flagged));
            assertTrue(malformed.getMessage().startsWith("malformed memop flags"), malformed.getMessage());
        }
        try (Runtime runtime = Runtime.create(multiMemory(RuntimeConfig.interpreter()))) {
            // i32.load with flags 0x80 (two LEB bytes): no bit of 3.0's flags above bit 6 is defined.
            byte[] flagged = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1,
                10, 11, 1, 9, 0, 0x41, 0, 0x28, (byte) 0x80, 1, 0, 0x1A, 0x0B};
            MalformedModuleException malformed = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule(flagged));
            assertTrue(malformed.getMessage().startsWith("malformed memop flags"), malformed.getMessage());
            InvalidModuleException unknown = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (memory 1) (func (drop (i32.load 1 (i32.const 0)))))"));
            assertTrue(unknown.getMessage().startsWith("unknown memory 1"), unknown.getMessage());
        }
    }
}
