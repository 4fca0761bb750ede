package dev.jazero.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jazero.api.Memory;
import dev.jazero.api.TrapException;
import org.junit.jupiter.api.Test;

/**
 * The byte accessors' fast path indexes the low part with the 32-bit sum of address and offset:
 * every way that sum can wrap or pass the memory's size must still trap, with capacity reserved
 * (the array longer than the memory) or not.
 */
class ByteAccessBoundsTest {

    private static final int SIZE = 2 * (int) Memory.PAGE_SIZE;

    @Test
    void wrappingAndNegativeSumsTrapAndDoNotAliasLowAddresses() {
        for (boolean reserved : new boolean[] {false, true}) {
            MemoryInstance m = new MemoryInstance(null, false, 2, 4, 65_536, reserved);
            MemoryInstance.storeI8(0, 42, m, 0);
            MemoryInstance.storeI8(SIZE - 1, 43, m, 0);
            assertEquals(42, MemoryInstance.loadU8(0, m, 0));
            assertEquals(43, MemoryInstance.loadU8(SIZE - 2, m, 1), "address plus offset");
            // 0xFFFFFFFF + 1 is 2^32, not 0.
            assertThrows(TrapException.class, () -> MemoryInstance.loadU8(-1, m, 1));
            assertThrows(TrapException.class, () -> MemoryInstance.storeI8(-1, 7, m, 1));
            // An offset of 2^32 - 1 with a small address wraps to a small 32-bit sum.
            assertThrows(TrapException.class, () -> MemoryInstance.loadI8(2, m, -1));
            assertThrows(TrapException.class, () -> MemoryInstance.storeI8(2, 7, m, -1));
            // Sums past 2^31 are negative as ints.
            assertThrows(TrapException.class, () -> MemoryInstance.loadU8(Integer.MAX_VALUE, m, 1));
            assertThrows(TrapException.class, () -> MemoryInstance.loadU8(Integer.MIN_VALUE, m, 0));
            // One past the end, by address and by offset.
            assertThrows(TrapException.class, () -> MemoryInstance.loadU8(SIZE, m, 0));
            assertThrows(TrapException.class, () -> MemoryInstance.storeI8(0, 7, m, SIZE));
            assertEquals(0, MemoryInstance.loadU8(1, m, 0), "no trapped store wrote anything");
        }
    }

    @Test
    void reservedCapacityPastTheSizeTrapsUntilTheMemoryGrows() {
        MemoryInstance m = new MemoryInstance(null, false, 1, 3, 65_536, true);
        int page = (int) Memory.PAGE_SIZE;
        assertThrows(TrapException.class, () -> MemoryInstance.loadU8(page, m, 0), "reserved but not grown into");
        assertThrows(TrapException.class, () -> MemoryInstance.storeI8(page + 5, 1, m, 0));
        assertEquals(1, m.grow(1));
        MemoryInstance.storeI8(page, 99, m, 5);
        assertEquals(99, MemoryInstance.loadU8(page + 5, m, 0));
        assertThrows(TrapException.class, () -> MemoryInstance.loadU8(2 * page, m, 0));
        assertEquals(2, m.grow(1));
        assertEquals(0, MemoryInstance.loadU8(3 * page - 1, m, 0));
        assertThrows(TrapException.class, () -> MemoryInstance.loadU8(3 * page - 1, m, 1));
    }

    @Test
    void growingWithoutReservedCapacityKeepsTheFastPathBoundExact() {
        MemoryInstance m = new MemoryInstance(null, false, 1, -1, 65_536, false);
        int page = (int) Memory.PAGE_SIZE;
        MemoryInstance.storeI8(page - 1, 5, m, 0);
        assertThrows(TrapException.class, () -> MemoryInstance.loadU8(page, m, 0));
        assertEquals(1, m.grow(2));
        assertEquals(5, MemoryInstance.loadU8(page - 1, m, 0), "the contents moved with the array");
        MemoryInstance.storeI8(3 * page - 1, 6, m, 0);
        assertEquals(6, MemoryInstance.loadU8(0, m, 3 * page - 1));
        assertThrows(TrapException.class, () -> MemoryInstance.storeI8(3 * page, 1, m, 0));
    }
}
