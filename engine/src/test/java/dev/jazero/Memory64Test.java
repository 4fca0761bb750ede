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
import dev.jazero.api.UnlinkableModuleException;
import dev.jazero.api.ValueType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0's 64-bit memories and tables, with {@link CoreFeatures#MEMORY64}: i64 addresses,
 * offsets and counts are used whole (never cut to 32 bits, which would alias low addresses), every
 * memory and table instruction takes them, and 2.0's rules hold without the feature.
 */
class Memory64Test {

    private static final String MEMORY = """
            (module
              (memory $m (export "memory") i64 1 4)
              (memory $small (export "small") 1)
              (data (i64.const 8) "\\01\\02\\03\\04")
              (data $d "hi")
              (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
              (func (export "load8") (param i64) (result i64) (i64.load8_u offset=3 (local.get 0)))
              (func (export "loadFar") (param i64) (result i32) (i32.load offset=0x1_0000_0000 (local.get 0)))
              (func (export "loadMax") (param i64) (result i32) (i32.load offset=0xFFFF_FFFF_FFFF_FFFF (local.get 0)))
              (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "storeWide") (param i64 i64) (i64.store offset=8 (local.get 0) (local.get 1)))
              (func (export "size") (result i64) (memory.size))
              (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
              (func (export "fill") (param i64 i32 i64) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copy") (param i64 i64 i64) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copyToSmall") (param i32 i64 i32) (memory.copy $small $m (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copyFromSmall") (param i64 i32 i32) (memory.copy $m $small (local.get 0) (local.get 1) (local.get 2)))
              (func (export "loadSmall") (param i32) (result i32) (i32.load $small (local.get 0)))
              (func (export "init") (param i64) (memory.init $d (local.get 0) (i32.const 0) (i32.const 2)))
              (func (export "vector") (param i64) (result i64) (i64x2.extract_lane 1 (v128.load (local.get 0))))
              (func (export "splat") (param i64) (result i32) (i32x4.extract_lane 3 (v128.load32_splat offset=4 (local.get 0))))
              (func (export "storeLane") (param i64) (v128.store32_lane 1 (local.get 0) (v128.const i32x4 1 2 3 4)))
              (func (export "storeVector") (param i64) (v128.store offset=16 (local.get 0) (v128.const i64x2 5 6))))
            """;

    private static final String TABLE = """
            (module
              (type $t (func (result i32)))
              (table $t64 (export "table") i64 2 10 funcref)
              (table $t32 2 funcref)
              (elem (table $t64) (i64.const 0) func $one $two)
              (elem $e func $two $one)
              (func $one (type $t) (i32.const 1))
              (func $two (type $t) (i32.const 2))
              (func (export "call") (param i64) (result i32) (call_indirect $t64 (type $t) (local.get 0)))
              (func (export "size") (result i64) (table.size $t64))
              (func (export "grow") (param i64) (result i64) (table.grow $t64 (ref.null func) (local.get 0)))
              (func (export "isNull") (param i64) (result i32) (ref.is_null (table.get $t64 (local.get 0))))
              (func (export "set") (param i64) (table.set $t64 (local.get 0) (ref.func $two)))
              (func (export "fill") (param i64 i64) (table.fill $t64 (local.get 0) (ref.func $one) (local.get 1)))
              (func (export "copy") (param i64 i64 i64) (table.copy $t64 $t64 (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copyTo32") (param i32 i64 i32) (table.copy $t32 $t64 (local.get 0) (local.get 1) (local.get 2)))
              (func (export "call32") (param i32) (result i32) (call_indirect $t32 (type $t) (local.get 0)))
              (func (export "init") (param i64) (table.init $t64 $e (local.get 0) (i32.const 0) (i32.const 2))))
            """;

    private static final long FOUR_GIB = 1L << 32;

    private static RuntimeConfig memory64(RuntimeConfig tier) {
        return tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.MEMORY64).with(CoreFeatures.MULTI_MEMORY));
    }

    private static void assertTraps(TrapKind kind, Runnable call) {
        TrapException e = assertThrows(TrapException.class, call::run);
        assertEquals(kind, e.trapKind(), e.getMessage());
    }

    @InBothTiers
    void addressesAndOffsetsAreUsedWhole(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(memory64(tier))) {
            Module m = runtime.instantiate(runtime.compileModule(MEMORY));
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("load").call(8), "a data segment at an i64 offset");
            assertArrayEquals(new long[] {4}, m.exportedFunction("load8").call(8));
            m.exportedFunction("store").call(0, 42);
            m.exportedFunction("store").call(65532, 7);
            assertArrayEquals(new long[] {7}, m.exportedFunction("load").call(65532));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("store").call(65533, 7));
            // Cut to 32 bits, each of these addresses would be 0, where 42 is.
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("load").call(FOUR_GIB));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("loadFar").call(0));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("load").call(-1L));
            // 1 + (2^64 - 1) wraps to 0: an address past the end, not 0.
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("loadMax").call(1));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("storeWide").call(Long.MAX_VALUE, 1));
            assertArrayEquals(new long[] {42}, m.exportedFunction("load").call(0));
            assertEquals(ValueType.I64, m.exportedMemoryDefinitions().get("memory").addressType());
            assertEquals(ValueType.I32, m.exportedMemoryDefinitions().get("small").addressType());
            assertEquals(0x0403_0201, m.exportedMemory("memory").readInt(8), "the embedder's view");
        }
    }

    @InBothTiers
    void sizesAndCountsAreI64s(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(memory64(tier))) {
            Module m = runtime.instantiate(runtime.compileModule(MEMORY));
            assertArrayEquals(new long[] {1}, m.exportedFunction("size").call());
            // 2^32 + 1 pages is not 1 page.
            assertArrayEquals(new long[] {-1}, m.exportedFunction("grow").call(FOUR_GIB + 1));
            assertArrayEquals(new long[] {1}, m.exportedFunction("grow").call(1));
            assertArrayEquals(new long[] {-1}, m.exportedFunction("grow").call(3), "past its maximum of 4");
            assertArrayEquals(new long[] {2}, m.exportedFunction("size").call());

            m.exportedFunction("fill").call(100, 7, 4);
            assertArrayEquals(new long[] {0x0707_0707}, m.exportedFunction("load").call(100));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("fill").call(FOUR_GIB, 7, 1));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("fill").call(0, 7, FOUR_GIB + 1));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("fill").call(0, 7, -1L));
            m.exportedFunction("copy").call(200, 100, 4);
            assertArrayEquals(new long[] {0x0707_0707}, m.exportedFunction("load").call(200));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("copy").call(200, FOUR_GIB + 100, 4));
            m.exportedFunction("init").call(300);
            assertEquals("hi", new String(m.exportedMemory("memory").read(300, 2), StandardCharsets.US_ASCII));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("init").call(FOUR_GIB + 300));
        }
    }

    @InBothTiers
    void copiesBetweenA64BitAndA32BitMemory(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(memory64(tier))) {
            Module m = runtime.instantiate(runtime.compileModule(MEMORY));
            // The count is an i32 when either memory is 32-bit; each address has its memory's type.
            m.exportedFunction("copyToSmall").call(16, 8, 4);
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("loadSmall").call(16));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("copyToSmall").call(16, FOUR_GIB + 8, 4));
            m.exportedFunction("copyFromSmall").call(1000, 16, 4);
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("load").call(1000));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("copyFromSmall").call(FOUR_GIB, 16, 4));
        }
    }

    @InBothTiers
    void simdAccessesTakeI64Addresses(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(memory64(tier))) {
            Module m = runtime.instantiate(runtime.compileModule(MEMORY));
            m.exportedFunction("storeVector").call(400);
            assertArrayEquals(new long[] {6}, m.exportedFunction("vector").call(416));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("vector").call(FOUR_GIB + 416));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("storeVector").call(FOUR_GIB));
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("splat").call(4));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("splat").call(-4L));
            m.exportedFunction("storeLane").call(500);
            assertArrayEquals(new long[] {2}, m.exportedFunction("load").call(500));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("storeLane").call(FOUR_GIB + 500));
        }
    }

    @InBothTiers
    void tablesTakeI64IndexesAndCounts(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(memory64(tier))) {
            Module m = runtime.instantiate(runtime.compileModule(TABLE));
            assertArrayEquals(new long[] {1}, m.exportedFunction("call").call(0));
            assertArrayEquals(new long[] {2}, m.exportedFunction("call").call(1));
            // Cut to 32 bits, 2^32 would call entry 0.
            assertTraps(TrapKind.UNDEFINED_ELEMENT, () -> m.exportedFunction("call").call(FOUR_GIB));
            assertArrayEquals(new long[] {2}, m.exportedFunction("size").call());
            assertArrayEquals(new long[] {-1}, m.exportedFunction("grow").call(FOUR_GIB + 1));
            assertArrayEquals(new long[] {2}, m.exportedFunction("grow").call(1));
            assertArrayEquals(new long[] {3}, m.exportedFunction("size").call());
            assertArrayEquals(new long[] {1}, m.exportedFunction("isNull").call(2));
            assertTraps(TrapKind.TABLE_OUT_OF_BOUNDS, () -> m.exportedFunction("isNull").call(FOUR_GIB + 2));
            m.exportedFunction("set").call(2);
            assertArrayEquals(new long[] {2}, m.exportedFunction("call").call(2));
            assertTraps(TrapKind.TABLE_OUT_OF_BOUNDS, () -> m.exportedFunction("set").call(FOUR_GIB));
            m.exportedFunction("fill").call(1, 2);
            assertArrayEquals(new long[] {1}, m.exportedFunction("call").call(2));
            assertTraps(TrapKind.TABLE_OUT_OF_BOUNDS, () -> m.exportedFunction("fill").call(0, FOUR_GIB + 1));
            m.exportedFunction("init").call(1);
            assertArrayEquals(new long[] {2}, m.exportedFunction("call").call(1));
            assertTraps(TrapKind.TABLE_OUT_OF_BOUNDS, () -> m.exportedFunction("init").call(FOUR_GIB + 1));
            m.exportedFunction("copy").call(0, 1, 2);
            assertArrayEquals(new long[] {2}, m.exportedFunction("call").call(0));
            assertTraps(TrapKind.TABLE_OUT_OF_BOUNDS, () -> m.exportedFunction("copy").call(0, FOUR_GIB, 1));
            m.exportedFunction("copyTo32").call(1, 0, 1);
            assertArrayEquals(new long[] {2}, m.exportedFunction("call32").call(1));
            assertTraps(TrapKind.TABLE_OUT_OF_BOUNDS, () -> m.exportedFunction("copyTo32").call(0, FOUR_GIB, 1));
        }
    }

    @Test
    void withoutTheFeatureTheRulesAre2point0s() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2))) {
            MalformedModuleException text = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule("(module (memory i64 1))"));
            assertTrue(text.getMessage().contains("memory64 feature"), text.getMessage());
            // A memory section with one memory of limits flag 4 (i64, no maximum) and minimum 1.
            byte[] binary = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 3, 1, 4, 1};
            MalformedModuleException flag = assertThrows(MalformedModuleException.class, () -> runtime.compileModule(binary));
            assertTrue(flag.getMessage().contains("memory64 feature"), flag.getMessage());
            // 2.0's offsets are u32s: 2^32 does not even parse.
            assertThrows(MalformedModuleException.class, () -> runtime.compileModule(
                    "(module (memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0)))))"));
        }
        assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.compiler().withMemoryLimitPages(RuntimeConfig.MAX_MEMORY64_PAGES + 1));
        assertEquals(RuntimeConfig.MAX_MEMORY64_PAGES,
                RuntimeConfig.compiler().withMemoryLimitPages(RuntimeConfig.MAX_MEMORY64_PAGES).memoryLimitPages());
    }

    @Test
    void aMaximumOf2To64Minus1IsAMaximum() {
        try (Runtime runtime = Runtime.create(memory64(RuntimeConfig.interpreter()))) {
            // Too large for each address type, not "no maximum".
            for (String module : new String[] {"(module (memory 0 0xffff_ffff_ffff_ffff))",
                "(module (memory i64 0 0xffff_ffff_ffff_ffff))", "(module (table 0 0xffff_ffff_ffff_ffff funcref))"}) {
                assertThrows(InvalidModuleException.class, () -> runtime.compileModule(module), module);
            }
            runtime.instantiate(runtime.compileModule("(module (table (export \"t\") i64 1 funcref))"),
                    ModuleConfig.defaults().withName("unbounded"));
            runtime.compileModule("(module (table i64 0 0xffff_ffff_ffff_ffff funcref))");
            // A table with no maximum does not match an import that has one, even 2^64 - 1.
            assertThrows(UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module (import \"unbounded\" \"t\" (table i64 0 0xffff_ffff_ffff_ffff funcref)))")));
        }
    }

    @Test
    void growthPastWhatTheMemoryCanHoldFailsEvenAtTheLargestLimit() {
        try (Runtime runtime = Runtime.create(memory64(RuntimeConfig.interpreter())
                .withMemoryLimitPages(RuntimeConfig.MAX_MEMORY64_PAGES))) {
            Module m = runtime.instantiate(runtime.compileModule(MEMORY.replace("i64 1 4", "i64 1")));
            // Byte counts of 2^47 pages and more pass a long; such growth must fail, not wrap.
            assertArrayEquals(new long[] {-1}, m.exportedFunction("grow").call(1L << 47));
            assertArrayEquals(new long[] {-1}, m.exportedFunction("grow").call(1L << 48));
            assertArrayEquals(new long[] {1}, m.exportedFunction("size").call());
        }
    }

    /**
     * A memory past 4 GiB: its low 2 GiB in one array, the rest in chunks of 1 GiB. It needs a heap
     * of more than 4 GiB, which the default heap of a JVM on a machine of 24 GiB is.
     */
    @InBothTiers
    void aMemoryGrowsPast4GiBWhenTheLimitAllows(RuntimeConfig tier) {
        Assumptions.assumeTrue(java.lang.Runtime.getRuntime().maxMemory() >= 5L << 30,
                "needs a heap of 5 GiB for a memory of 4 GiB and a page");
        long pages = FOUR_GIB / Memory.PAGE_SIZE + 1;
        try (Runtime runtime = Runtime.create(memory64(tier).withMemoryLimitPages(pages))) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (memory (export "memory") i64 1)
                      (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
                      (func (export "store") (param i64 i32) (i32.store (local.get 0) (local.get 1)))
                      (func (export "load") (param i64) (result i32) (i32.load (local.get 0))))
                    """));
            assertArrayEquals(new long[] {1}, m.exportedFunction("grow").call(pages - 1));
            assertArrayEquals(new long[] {-1}, m.exportedFunction("grow").call(1), "the runtime's limit");
            m.exportedFunction("store").call(0, 1);
            m.exportedFunction("store").call(FOUR_GIB, 2);
            m.exportedFunction("store").call(FOUR_GIB + Memory.PAGE_SIZE - 4, 3);
            // Across the low part's end and a chunk's.
            long lowEnd = (Integer.MAX_VALUE - 8) / Memory.PAGE_SIZE * Memory.PAGE_SIZE;
            m.exportedFunction("store").call(lowEnd - 2, 0x0403_0201);
            m.exportedFunction("store").call(lowEnd + (1L << 30) - 1, 0x0807_0605);
            assertArrayEquals(new long[] {1}, m.exportedFunction("load").call(0));
            assertArrayEquals(new long[] {2}, m.exportedFunction("load").call(FOUR_GIB));
            assertArrayEquals(new long[] {3}, m.exportedFunction("load").call(FOUR_GIB + Memory.PAGE_SIZE - 4));
            assertArrayEquals(new long[] {0x0403_0201}, m.exportedFunction("load").call(lowEnd - 2));
            assertArrayEquals(new long[] {0x0807_0605}, m.exportedFunction("load").call(lowEnd + (1L << 30) - 1));
            assertTraps(TrapKind.MEMORY_OUT_OF_BOUNDS, () -> m.exportedFunction("load").call(FOUR_GIB + Memory.PAGE_SIZE - 3));
            assertEquals(FOUR_GIB + Memory.PAGE_SIZE, m.exportedMemory("memory").size());
        }
    }
}
