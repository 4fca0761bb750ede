package dev.jazero.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Memory;
import org.junit.jupiter.api.Test;

/**
 * How {@code memory.grow} sizes the low part's array: exactly as large as the memory while growth
 * has copied no more than the memory's size in all, then with half as much again to spare, so
 * that growth one page at a time neither copies the whole memory on every grow nor leaves a
 * trail of exact copies behind as garbage.
 */
class MemoryGrowthTest {

    private static final long PAGE = Memory.PAGE_SIZE;

    @Test
    void growthThatDoublesTheMemoryStaysExact() {
        MemoryInstance m = new MemoryInstance(null, false, 1, -1, 65_536, false);
        for (long pages = 1; pages < 256; pages *= 2) {
            assertEquals(pages, m.grow(pages));
            assertEquals(m.size(), m.lowCapacity(), "after growing to " + 2 * pages + " pages");
        }
    }

    @Test
    void growthOnePageAtATimeGetsSpareCapacityOnceItHasCopiedTheMemory() {
        MemoryInstance m = new MemoryInstance(null, false, 16, -1, 65_536, false);
        // Two exact copies: 16 pages copied by the first, 33 by both, more than the 19 needed next.
        assertEquals(16, m.grow(1));
        assertEquals(17 * PAGE, m.lowCapacity());
        assertEquals(17, m.grow(1));
        assertEquals(18 * PAGE, m.lowCapacity());
        assertEquals(18, m.grow(1));
        long capacity = m.lowCapacity();
        assertEquals(19 * PAGE + 19 * PAGE / 2, capacity, "half as much again as needed");
        // Grows into the spare capacity copy nothing.
        while (m.size() + PAGE <= capacity) {
            m.grow(1);
            assertEquals(capacity, m.lowCapacity());
        }
        m.grow(1);
        assertTrue(m.lowCapacity() > capacity, "the next copy gets spare capacity again");
        assertTrue(m.lowCapacity() <= m.size() + m.size() / 2, "at most 1.5 times the memory");
    }

    @Test
    void spareCapacityStopsAtTheMaximum() {
        MemoryInstance m = new MemoryInstance(null, false, 16, 20, 65_536, false);
        for (int i = 0; i < 3; i++) {
            m.grow(1);
        }
        assertEquals(19 * PAGE, m.size());
        assertEquals(20 * PAGE, m.lowCapacity(), "spare capacity, cut at the maximum");
        m.grow(1);
        assertEquals(20 * PAGE, m.size());
        assertEquals(20 * PAGE, m.lowCapacity(), "never past the declared maximum");
        assertEquals(-1, m.grow(1));
    }
}
