package dev.jazero.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.wasi.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** What a host function returns, or throws, for each failure its body can end in. */
class ErrorsTest {

    @Test
    void wasiErrorsAndIoFailuresAreErrnos() {
        assertEquals(Errno.BADF, Errors.errno(Errors.error(Errno.BADF)));
        assertEquals(Errno.NOENT, Errors.errno(new NoSuchFileException("x")));
        assertEquals(Errno.ACCES, Errors.errno(new AccessDeniedException("x")));
        assertEquals(Errno.NOTDIR, Errors.errno(new FileSystemException("x", null, "Not a directory")));
        assertEquals(Errno.IO, Errors.errno(new IOException("x")));
        assertEquals(Errno.NOTSUP, Errors.errno(new UnsupportedOperationException()));
        assertEquals(Errno.INVAL, Errors.errno(new IllegalArgumentException()));
        assertEquals(Errno.IO, Errors.errno(new SecurityException()));
        assertEquals(Errno.IO, Errors.errno(new FileSystemNotFoundException()));
    }

    /** Anything else traps the guest: it is rethrown as it is. */
    @Test
    void otherFailuresAreRethrown() {
        TrapException trap = new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS);
        assertSame(trap, assertThrows(TrapException.class, () -> Errors.errno(trap)));
        IllegalStateException bug = new IllegalStateException();
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Errors.errno(bug)));
        Target.Swapped swapped = new Target.Swapped();
        assertSame(swapped, assertThrows(Target.Swapped.class, () -> Errors.errno(swapped)));
    }
}
