package dev.jazero.wasi.internal;

import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One guest's descriptors, indexed by number in an array (a lookup neither boxes nor allocates).
 * Descriptors 0, 1 and 2 are the configured standard streams; 3 onwards the mounts in the order
 * {@code FSConfig} lists them, each pre-opened with its guest path as its name; then the TCP
 * listeners. A new descriptor takes the lowest free number from 3 on.
 */
final class FdTable {

    private Entry[] entries = new Entry[8];

    FdTable(ModuleConfig config) {
        put(0, new StreamEntry(config.stdin() == null ? InputStream.nullInputStream() : config.stdin(), null));
        put(1, new StreamEntry(null, config.stdout() == null ? OutputStream.nullOutputStream() : config.stdout()));
        put(2, new StreamEntry(null, config.stderr() == null ? OutputStream.nullOutputStream() : config.stderr()));
        int fd = 3;
        for (FSConfig.Mount m : config.fsConfig().mounts()) {
            Path root;
            try {
                root = m.root().toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot mount " + m.root() + ": " + e, e);
            }
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("cannot mount " + m.root() + ": not a directory");
            }
            // Pre-opened in FSConfig's order; wasi-libc picks the longest matching guest path.
            put(fd++, new DirEntry(new Mount(root, m.readOnly(), m.guestPath()), List.of(), m.guestPath()));
        }
        // Then the listeners, as wazero does: after the directories, which wasi-libc scans first.
        for (ServerSocketChannel listener : config.tcpListeners()) {
            put(fd++, new SocketEntry(listener, null));
        }
    }

    /** The entry of {@code fd}, or null when it is not open. */
    Entry get(int fd) {
        return fd >= 0 && fd < entries.length ? entries[fd] : null;
    }

    /** The entry of {@code fd}; {@code EBADF} when it is not open. */
    Entry entry(int fd) {
        Entry e = get(fd);
        if (e == null) {
            throw Errors.error(Errno.BADF);
        }
        return e;
    }

    /** The file {@code fd} names; {@code EISDIR} for a directory, {@code EBADF} for anything else. */
    FileEntry file(int fd) {
        Entry e = entry(fd);
        if (e instanceof DirEntry) {
            throw Errors.error(Errno.ISDIR);
        }
        if (!(e instanceof FileEntry f)) {
            throw Errors.error(Errno.BADF);
        }
        return f;
    }

    /** The directory {@code fd} names; {@code ENOTDIR} for a file, {@code EBADF} for anything else. */
    DirEntry dir(int fd) {
        Entry e = entry(fd);
        if (!(e instanceof DirEntry d)) {
            throw Errors.error(e instanceof FileEntry ? Errno.NOTDIR : Errno.BADF);
        }
        return d;
    }

    /** The socket {@code fd} names; {@code ENOTSOCK} for anything else. */
    SocketEntry socket(int fd) {
        Entry e = entry(fd);
        if (!(e instanceof SocketEntry so)) {
            throw Errors.error(Errno.NOTSOCK);
        }
        return so;
    }

    /** Opens {@code fd} (or replaces what it names) as {@code e}. */
    void put(int fd, Entry e) {
        if (fd >= entries.length) {
            entries = Arrays.copyOf(entries, Math.max(fd + 1, entries.length * 2));
        }
        entries[fd] = e;
    }

    /** Closes {@code fd} in the table (not what it names). */
    void remove(int fd) {
        if (fd >= 0 && fd < entries.length) {
            entries[fd] = null;
        }
    }

    /** Opens {@code e} as the lowest free descriptor from 3 on, and returns it. */
    int allocate(Entry e) {
        int fd = 3;
        while (fd < entries.length && entries[fd] != null) {
            fd++;
        }
        put(fd, e);
        return fd;
    }

    /** Flushes the output streams. */
    void flushStreams() {
        for (Entry e : entries) {
            if (e instanceof StreamEntry st && st.out != null) {
                try {
                    st.out.flush();
                } catch (IOException ignored) {
                    // nothing to report to
                }
            }
        }
    }

    /** Closes every file and connection, and empties the table. */
    void closeAll() {
        for (Entry e : entries) {
            try {
                if (e instanceof FileEntry f) {
                    f.channel.close();
                } else if (e instanceof SocketEntry so && so.connection != null) {
                    so.connection.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        Arrays.fill(entries, null);
    }
}
