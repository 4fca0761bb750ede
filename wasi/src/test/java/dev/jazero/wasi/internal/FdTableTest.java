package dev.jazero.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jazero.ModuleConfig;
import dev.jazero.wasi.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdTableTest {

    final FdTable fds = new FdTable(ModuleConfig.defaults());

    static FileEntry file() {
        return new FileEntry(null, List.of(), null, true, true, null);
    }

    @Test
    void theStandardStreamsAreOpen() {
        assertInstanceOf(StreamEntry.class, fds.get(0));
        assertInstanceOf(StreamEntry.class, fds.get(1));
        assertInstanceOf(StreamEntry.class, fds.get(2));
        assertNull(fds.get(3));
        assertNull(fds.get(-1));
        assertNull(fds.get(Integer.MAX_VALUE));
        assertEquals(Errno.BADF, assertThrows(Errors.WasiError.class, () -> fds.entry(3)).errno);
    }

    @Test
    void aNewDescriptorTakesTheLowestFreeNumberFromThree() {
        for (int i = 3; i < 40; i++) {
            assertEquals(i, fds.allocate(file()));
        }
        fds.remove(5);
        fds.remove(20);
        FileEntry f = file();
        assertEquals(5, fds.allocate(f));
        assertSame(f, fds.get(5));
        assertEquals(20, fds.allocate(file()));
        assertEquals(40, fds.allocate(file()));
        fds.remove(0);
        assertEquals(41, fds.allocate(file()), "0 to 2 are never reused");
    }

    @Test
    void lookupsByKind() {
        int fd = fds.allocate(file());
        assertInstanceOf(FileEntry.class, fds.file(fd));
        assertEquals(Errno.BADF, assertThrows(Errors.WasiError.class, () -> fds.file(1)).errno);
        assertEquals(Errno.NOTDIR, assertThrows(Errors.WasiError.class, () -> fds.dir(fd)).errno);
        assertEquals(Errno.BADF, assertThrows(Errors.WasiError.class, () -> fds.dir(1)).errno);
        assertEquals(Errno.NOTSOCK, assertThrows(Errors.WasiError.class, () -> fds.socket(fd)).errno);
    }
}
