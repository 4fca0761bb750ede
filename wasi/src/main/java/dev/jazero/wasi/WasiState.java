package dev.jazero.wasi;

import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import dev.jazero.wasi.PathResolver.Mount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** What one module instance sees of WASI: its descriptors, clocks and random source. */
final class WasiState {

    static final int FILETYPE_UNKNOWN = 0, FILETYPE_CHARACTER_DEVICE = 2, FILETYPE_DIRECTORY = 3,
            FILETYPE_REGULAR_FILE = 4, FILETYPE_SOCKET_STREAM = 6, FILETYPE_SYMBOLIC_LINK = 7;

    static final long ALL_RIGHTS = (1L << 30) - 1;
    static final long RIGHT_FD_READ = 1L << 1, RIGHT_FD_SEEK = 1L << 2, RIGHT_FD_TELL = 1L << 5,
            RIGHT_FD_WRITE = 1L << 6;
    /** The rights that make sense on a directory. */
    static final long RIGHT_PATH_FILESTAT_SET_SIZE = 1L << 19;
    /**
     * The rights of a directory: fd_datasync, fd_fdstat_set_flags, fd_sync, every path_* right,
     * fd_readdir, fd_filestat_get, fd_filestat_set_times and poll_fd_readwrite (not
     * fd_filestat_set_size: a directory has no size to set).
     */
    static final long DIR_RIGHTS = (1L << 0) | (1L << 3) | (1L << 4) | (0x1FFFL << 9) | (0xFL << 23) | (1L << 27);
    /** The rights of a regular file: the fd_* rights that apply to one, and poll_fd_readwrite. */
    static final long FILE_RIGHTS = 0x1FFL | (7L << 21) | (1L << 27);
    static final long STDIO_RIGHTS = RIGHT_FD_READ | RIGHT_FD_WRITE | (1L << 3) | (1L << 27) | (1L << 21);

    abstract static class Entry {
        int filetype;
        long rightsBase;
        long rightsInheriting;
        int fdflags;
    }

    static final class StreamEntry extends Entry {
        final InputStream in;
        final OutputStream out;

        StreamEntry(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
            this.filetype = FILETYPE_CHARACTER_DEVICE;
            this.rightsBase = STDIO_RIGHTS;
        }
    }

    static final class DirEntry extends Entry {
        final Mount mount;
        final List<String> comps;
        final String preopenName;

        DirEntry(Mount mount, List<String> comps, String preopenName) {
            this.mount = mount;
            this.comps = comps;
            this.preopenName = preopenName;
            this.filetype = FILETYPE_DIRECTORY;
            this.rightsBase = DIR_RIGHTS;
            this.rightsInheriting = ALL_RIGHTS;
        }

        Path host() {
            return mount.host(comps);
        }
    }

    static final class FileEntry extends Entry {
        final Mount mount;
        final List<String> comps;
        final SeekableByteChannel channel;
        final boolean readable;
        final boolean writable;
        final Object fileKey;
        long position;

        FileEntry(Mount mount, List<String> comps, SeekableByteChannel channel, boolean readable,
                boolean writable, Object fileKey) {
            this.mount = mount;
            this.comps = comps;
            this.channel = channel;
            this.readable = readable;
            this.writable = writable;
            this.fileKey = fileKey;
            this.filetype = FILETYPE_REGULAR_FILE;
        }

        Path host() {
            return mount.host(comps);
        }
    }

    static final long SOCKET_RIGHTS = RIGHT_FD_READ | RIGHT_FD_WRITE | (1L << 3) | (1L << 21) | (1L << 27)
            | (1L << 28) | (1L << 29);

    /** A TCP socket: a pre-opened listener, or a connection it accepted. */
    static final class SocketEntry extends Entry {
        final java.nio.channels.ServerSocketChannel listener;
        final java.nio.channels.SocketChannel connection;

        SocketEntry(java.nio.channels.ServerSocketChannel listener, java.nio.channels.SocketChannel connection) {
            this.listener = listener;
            this.connection = connection;
            this.filetype = FILETYPE_SOCKET_STREAM;
            this.rightsBase = SOCKET_RIGHTS;
        }
    }

    final ModuleConfig config;
    final TreeMap<Integer, Entry> fds = new TreeMap<>();
    private long fakeWalltime = ModuleConfig.FAKE_EPOCH_NANOS;
    private long fakeNanotime;
    private final InputStream random;

    WasiState(ModuleConfig config) {
        this.config = config;
        fds.put(0, new StreamEntry(config.stdin() == null ? InputStream.nullInputStream() : config.stdin(), null));
        fds.put(1, new StreamEntry(null, config.stdout() == null ? OutputStream.nullOutputStream() : config.stdout()));
        fds.put(2, new StreamEntry(null, config.stderr() == null ? OutputStream.nullOutputStream() : config.stderr()));
        if (config.randSource() != null) {
            random = config.randSource();
        } else {
            SplittableRandom r = new SplittableRandom(42);
            random = new InputStream() {
                @Override
                public int read() {
                    return r.nextInt(256);
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    for (int i = 0; i < len; i++) {
                        b[off + i] = (byte) r.nextInt(256);
                    }
                    return len;
                }
            };
        }
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
            fds.put(fd++, new DirEntry(new Mount(root, m.readOnly(), m.guestPath()), List.of(), m.guestPath()));
        }
        // Then the listeners, as wazero does: after the directories, which wasi-libc scans first.
        for (java.nio.channels.ServerSocketChannel listener : config.tcpListeners()) {
            fds.put(fd++, new SocketEntry(listener, null));
        }
    }

    long walltime() {
        if (config.walltime() != null) {
            return config.walltime().walltime();
        }
        fakeWalltime += 1_000_000L;
        return fakeWalltime;
    }

    long nanotime() {
        if (config.nanotime() != null) {
            return config.nanotime().nanotime();
        }
        fakeNanotime += 1_000_000L;
        return fakeNanotime;
    }

    void nanosleep(long nanos) {
        if (config.nanosleep() != null) {
            config.nanosleep().nanosleep(nanos);
        }
    }

    void osyield() {
        if (config.osyield() != null) {
            config.osyield().osyield();
        }
    }

    void random(byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = random.read(buf, off, buf.length - off);
            if (n < 0) {
                throw new IOException("random source ended");
            }
            off += n;
        }
    }

    Entry entry(int fd) {
        Entry e = fds.get(fd);
        if (e == null) {
            throw Errno.error(Errno.BADF);
        }
        return e;
    }

    int allocate(Entry e) {
        int fd = 3;
        for (int k : fds.keySet()) {
            if (k == fd) {
                fd++;
            } else if (k > fd) {
                break;
            }
        }
        fds.put(fd, e);
        return fd;
    }

    void closeAll() {
        for (Entry e : fds.values()) {
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
        fds.clear();
    }
}
