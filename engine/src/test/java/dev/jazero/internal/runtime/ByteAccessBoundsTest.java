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
            m.storeI8(0, 0, 42);
            m.storeI8(SIZE - 1, 0, 43);
            assertEquals(42, m.loadU8(0, 0));
            assertEquals(43, m.loadU8(SIZE - 2, 1), "address plus offset");
            // 0xFFFFFFFF + 1 is 2^32, not 0.
            assertThrows(TrapException.class, () -> m.loadU8(-1, 1));
            assertThrows(TrapException.class, () -> m.storeI8(-1, 1, 7));
            // An offset of 2^32 - 1 with a small address wraps to a small 32-bit sum.
            assertThrows(TrapException.class, () -> m.loadI8(2, -1));
            assertThrows(TrapException.class, () -> m.storeI8(2, -1, 7));
            // Sums past 2^31 are negative as ints.
            assertThrows(TrapException.class, () -> m.loadU8(Integer.MAX_VALUE, 1));
            assertThrows(TrapException.class, () -> m.loadU8(Integer.MIN_VALUE, 0));
            // One past the end, by address and by offset.
            assertThrows(TrapException.class, () -> m.loadU8(SIZE, 0));
            assertThrows(TrapException.class, () -> m.storeI8(0, SIZE, 7));
            assertEquals(0, m.loadU8(1, 0), "no trapped store wrote anything");
        }
    }

    @Test
    void reservedCapacityPastTheSizeTrapsUntilTheMemoryGrows() {
        MemoryInstance m = new MemoryInstance(null, false, 1, 3, 65_536, true);
        int page = (int) Memory.PAGE_SIZE;
        assertThrows(TrapException.class, () -> m.loadU8(page, 0), "reserved but not grown into");
        assertThrows(TrapException.class, () -> m.storeI8(page + 5, 0, 1));
        assertEquals(1, m.grow(1));
        m.storeI8(page, 5, 99);
        assertEquals(99, m.loadU8(page + 5, 0));
        assertThrows(TrapException.class, () -> m.loadU8(2 * page, 0));
        assertEquals(2, m.grow(1));
        assertEquals(0, m.loadU8(3 * page - 1, 0));
        assertThrows(TrapException.class, () -> m.loadU8(3 * page - 1, 1));
    }

    @Test
    void growingWithoutReservedCapacityKeepsTheFastPathBoundExact() {
        MemoryInstance m = new MemoryInstance(null, false, 1, -1, 65_536, false);
        int page = (int) Memory.PAGE_SIZE;
        m.storeI8(page - 1, 0, 5);
        assertThrows(TrapException.class, () -> m.loadU8(page, 0));
        assertEquals(1, m.grow(2));
        assertEquals(5, m.loadU8(page - 1, 0), "the contents moved with the array");
        m.storeI8(3 * page - 1, 0, 6);
        assertEquals(6, m.loadU8(0, 3 * page - 1));
        assertThrows(TrapException.class, () -> m.storeI8(3 * page, 0, 1));
    }
}
