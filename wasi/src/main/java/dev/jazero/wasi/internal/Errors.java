package dev.jazero.wasi.internal;

import dev.jazero.wasi.Errno;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Failures as {@code errno}s: a {@link WasiError} carries one through Java code, and Java's I/O
 * exceptions map to the closest one. Each host function that can fail has the form
 * <pre>{@code
 * try {
 *     ...
 * } catch (IOException | RuntimeException e) {
 *     return Errors.errno(e);
 * }
 * }</pre>
 * a plain {@code catch} that costs nothing while nothing is thrown.
 */
final class Errors {
    private Errors() {
    }

    /** A WASI failure carried through Java code, with its errno. */
    static final class WasiError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final int errno;

        WasiError(int errno) {
            super(null, null, false, false);
            this.errno = errno;
        }
    }

    /** The failure to throw for {@code errno}. */
    static WasiError error(int errno) {
        return new WasiError(errno);
    }

    /** Maps a Java I/O failure to the closest errno. */
    static int of(Throwable e) {
        if (e instanceof WasiError w) {
            return w.errno;
        }
        if (e instanceof NoSuchFileException) {
            return Errno.NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.NOTEMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.NOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.INVAL;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.ACCES;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.LOOP;
        }
        if (e instanceof ReadOnlyFileSystemException) {
            return Errno.ROFS;
        }
        if (e instanceof UnsupportedOperationException) {
            return Errno.NOTSUP;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            if (r.contains("Is a directory")) {
                return Errno.ISDIR;
            }
            if (r.contains("Not a directory")) {
                return Errno.NOTDIR;
            }
            if (r.contains("Too many levels")) {
                return Errno.LOOP;
            }
            if (r.contains("Read-only")) {
                return Errno.ROFS;
            }
            if (r.contains("not empty")) {
                return Errno.NOTEMPTY;
            }
            if (r.contains("File exists")) {
                return Errno.EXIST;
            }
            if (r.contains("Invalid argument")) {
                return Errno.INVAL;
            }
            if (r.contains("Operation not permitted")) {
                return Errno.PERM;
            }
            if (r.contains("No space")) {
                return Errno.NOSPC;
            }
            if (r.contains("File too large")) {
                return Errno.FBIG;
            }
            if (r.contains("cross-device")) {
                return Errno.XDEV;
            }
        }
        if (e instanceof IllegalArgumentException) {
            return Errno.INVAL;
        }
        if (e instanceof IOException) {
            return Errno.IO;
        }
        return Errno.IO;
    }

    /**
     * The errno a host function returns for a failure: a {@link WasiError}'s own, or the mapping
     * of an I/O failure (an {@link IOException}, or an {@link UnsupportedOperationException},
     * {@link IllegalArgumentException}, {@link SecurityException} or
     * {@link FileSystemNotFoundException} of {@code java.nio.file}). Anything else is no I/O
     * failure but a bug or a trap (an out-of-bounds access to the guest's memory), and is
     * rethrown as it is, to trap the guest.
     */
    static int errno(Exception e) {
        if (e instanceof WasiError w) {
            return w.errno;
        }
        if (e instanceof IOException || e instanceof UnsupportedOperationException
                || e instanceof IllegalArgumentException || e instanceof SecurityException
                || e instanceof FileSystemNotFoundException) {
            return of(e);
        }
        throw (RuntimeException) e;
    }
}
