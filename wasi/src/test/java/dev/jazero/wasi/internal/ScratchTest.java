package dev.jazero.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.wasi.Errno;
import org.junit.jupiter.api.Test;

class ScratchTest {

    final Scratch scratch = new Scratch();

    @Test
    void aBufferGivenBackIsLentAgain() {
        byte[] a = scratch.take(100);
        assertTrue(a.length >= 100);
        byte[] b = scratch.take(100);
        assertNotSame(a, b, "taken twice without giving back: two buffers");
        scratch.give(a);
        assertSame(a, scratch.take(50));
        scratch.give(a);
        byte[] larger = scratch.take(a.length + 1);
        assertTrue(larger.length > a.length);
        scratch.give(larger);
        assertSame(larger, scratch.take(10));
    }

    @Test
    void largeAndNegativeSizesAreNotKept() {
        byte[] large = scratch.take(Scratch.MAX + 1);
        assertEquals(Scratch.MAX + 1, large.length);
        scratch.give(large);
        assertNotSame(large, scratch.take(Scratch.MAX + 1));
        assertThrows(NegativeArraySizeException.class, () -> scratch.take(-1));
    }

    @Test
    void iovecsAreReadBeforeAnything() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("(module (memory (export \"m\") 1))"));
            Memory memory = m.memory();
            memory.writeInt(8, 0x1234);
            memory.writeInt(12, -1);
            memory.writeInt(16, 0x5678);
            memory.writeInt(20, 7);
            long[] iovecs = scratch.iovecs(memory, 8, 2);
            assertEquals(0x1234, GuestMemory.buf(iovecs[0]));
            assertEquals(-1, GuestMemory.len(iovecs[0]));
            assertEquals(0x5678, GuestMemory.buf(iovecs[1]));
            assertEquals(7, GuestMemory.len(iovecs[1]));
            scratch.give(iovecs);
            assertSame(iovecs, scratch.iovecs(memory, 16, 1));
            assertArrayEquals(new long[0], scratch.iovecs(memory, 0, 0));
            assertEquals(Errno.INVAL, assertThrows(Errors.WasiError.class, () -> scratch.iovecs(memory, 8, -1)).errno);
            assertThrows(TrapException.class, () -> scratch.iovecs(memory, 65536 - 8, 2));
        }
    }
}
