package dev.jazero.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import org.junit.jupiter.api.Test;

/**
 * Memories past the ~2 GiB of one Java array: the high part, accesses that straddle the two
 * parts, bulk operations across them, and the bounds at the end. One test memory of 2.25 GiB
 * keeps the heap the tests need moderate.
 */
class LargeMemoryTest {

    private static final long LOW = MemoryInstance.LOW_PAGES * Memory.PAGE_SIZE;
    private static final long PAGES = 36_864;

    @Test
    void accessesAcrossAndBeyondTheLowPart() {
        MemoryInstance m = new MemoryInstance(null, false, 1, -1, 65_536, false);
        assertEquals(1, m.grow(PAGES - 1));
        assertEquals(PAGES * Memory.PAGE_SIZE, m.size());
        int straddle = (int) (LOW - 2);
        MemoryInstance.storeI32(straddle, 0x11223344, m, 0);
        assertEquals(0x11223344, MemoryInstance.loadI32(straddle, m, 0));
        assertEquals(0x3344, MemoryInstance.loadU16(straddle, m, 0));
        assertEquals(0x11, MemoryInstance.loadU8(straddle, m, 3));
        MemoryInstance.storeI64((int) LOW, -2L, m, 100);
        assertEquals(-2L, MemoryInstance.loadI64((int) LOW, m, 100));
        assertEquals(-1, MemoryInstance.loadI8((int) LOW, m, 107));
        m.storeV128(straddle - 5, 0, 0x0102030405060708L, 0x1112131415161718L);
        assertEquals(0x0102030405060708L, m.loadV128Low(straddle - 5, 0));
        assertEquals(0x1112131415161718L, m.loadV128High(straddle - 5, 0));
        assertThrows(TrapException.class, () -> m.loadV128Low((int) (m.size() - 15), 0), "all 16 bytes are checked");
        // The very end, and one past it.
        int last = (int) (m.size() - 4);
        MemoryInstance.storeI32(last, 7, m, 0);
        assertEquals(7, m.readInt(m.size() - 4));
        assertThrows(TrapException.class, () -> MemoryInstance.loadI32(last, m, 1));
        assertThrows(TrapException.class, () -> MemoryInstance.loadI64(-1, m, 0xFFFF_FFFF));
    }

    @Test
    void bulkOperationsAcrossTheParts() {
        MemoryInstance m = new MemoryInstance(null, false, PAGES, -1, 65_536, false);
        int start = (int) (LOW - 1000);
        m.fill(start, 0x5A, 3000);
        assertEquals(0x5A, MemoryInstance.loadU8(start, m, 2999));
        assertEquals(0, MemoryInstance.loadU8(start, m, 3000));
        byte[] pattern = new byte[5000];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) i;
        }
        m.write(LOW - 2500, pattern);
        // Overlapping copies both ways across the boundary.
        m.copy((int) (LOW - 2400), (int) (LOW - 2500), 5000);
        assertArrayEquals(pattern, m.read(LOW - 2400, 5000));
        m.copy((int) (LOW - 2500), (int) (LOW - 2400), 5000);
        assertArrayEquals(pattern, m.read(LOW - 2500, 5000));
        m.init(pattern, (int) (LOW - 10), 0, 20);
        assertEquals(pattern[15], m.readByte(LOW + 5));
        assertThrows(TrapException.class, () -> m.fill((int) (m.size() - 10), 0, 11));
    }

    @Test
    void wasmCodeUsesTheWholeRangeInBothTiers() {
        String wat = """
                (module (memory (export "mem") 1)
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
                  (func (export "load") (param i32) (result i64) (i64.load (local.get 0))))
                """;
        for (RuntimeConfig config : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            try (Runtime runtime = Runtime.create(config)) {
                Module module = runtime.instantiate(runtime.compileModule(wat));
                assertArrayEquals(new long[] {1}, module.exportedFunction("grow").call(PAGES - 1));
                long straddle = LOW - 3;
                long high = 0x8000_0010L;
                module.exportedFunction("store").call(straddle, 0x0123456789ABCDEFL);
                module.exportedFunction("store").call(high, 42);
                assertArrayEquals(new long[] {0x0123456789ABCDEFL}, module.exportedFunction("load").call(straddle));
                assertArrayEquals(new long[] {42}, module.exportedFunction("load").call(high));
                assertEquals(42, module.exportedMemory("mem").readLong(high));
                assertThrows(TrapException.class, () -> module.exportedFunction("load").call(PAGES * Memory.PAGE_SIZE - 4));
            }
        }
    }
}
