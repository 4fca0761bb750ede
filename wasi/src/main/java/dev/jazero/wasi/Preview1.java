package dev.jazero.wasi;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.sys.ExitException;
import dev.jazero.wasi.PathResolver.Mount;
import dev.jazero.wasi.PathResolver.Resolved;
import dev.jazero.wasi.WasiState.DirEntry;
import dev.jazero.wasi.WasiState.Entry;
import dev.jazero.wasi.WasiState.FileEntry;
import dev.jazero.wasi.WasiState.SocketEntry;
import dev.jazero.wasi.WasiState.StreamEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The functions of {@code wasi_snapshot_preview1}, as its witx declares them. Every function but
 * {@code proc_exit} returns an {@code errno}. Each calling module has its own state, made from
 * its {@link dev.jazero.ModuleConfig} on its first call.
 */
@HostModule("wasi_snapshot_preview1")
public class Preview1 {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int OFLAG_CREAT = 1, OFLAG_DIRECTORY = 2, OFLAG_EXCL = 4, OFLAG_TRUNC = 8;
    private static final int FDFLAG_APPEND = 1, FDFLAG_DSYNC = 2, FDFLAG_NONBLOCK = 4, FDFLAG_RSYNC = 8, FDFLAG_SYNC = 16;
    private static final int FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8;
    private static final int LOOKUP_SYMLINK_FOLLOW = 1;

    private final Map<Module, WasiState> states = new WeakHashMap<>();
    /** Per symbolic link: {atim set, atim on the host, mtim set, mtim on the host}; see setTimes. */
    private final Map<Path, long[]> linkTimes = new java.util.concurrent.ConcurrentHashMap<>();

    private Stat exactLinkTimes(Path host, Stat st) {
        if (st == null || st.type() != WasiState.FILETYPE_SYMBOLIC_LINK || linkTimes.isEmpty()) {
            return st;
        }
        long[] t = linkTimes.get(host.toAbsolutePath());
        if (t == null) {
            return st;
        }
        long atim = t[0] >= 0 && st.atim() == t[1] ? t[0] : st.atim();
        long mtim = t[2] >= 0 && st.mtim() == t[3] ? t[2] : st.mtim();
        return new Stat(st.dev(), st.ino(), st.type(), st.nlink(), st.size(), atim, mtim, st.ctim());
    }

    /** Returns the WASI state of a module, made on first use from its configuration. */
    synchronized WasiState state(Module caller) {
        WasiState s = states.get(caller);
        if (s == null) {
            s = new WasiState(((ModuleInstance) caller).config);
            states.put(caller, s);
        }
        return s;
    }

    private interface Body {
        int run() throws IOException;
    }

    private static int call(Body body) {
        try {
            return body.run();
        } catch (Errno.WasiError e) {
            return e.errno;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException
                 | SecurityException | java.nio.file.FileSystemNotFoundException e) {
            return Errno.of(e);
        }
    }

    private static Memory mem(Module caller) {
        return caller.memory();
    }

    private static String string(Memory m, int ptr, int len) {
        byte[] bytes = m.read(Integer.toUnsignedLong(ptr), len);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Errno.error(Errno.ILSEQ);
        }
    }

    private static long u32(int v) {
        return Integer.toUnsignedLong(v);
    }

    // ---- args, environ ---------------------------------------------------------------------

    private static List<byte[]> argBytes(WasiState s) {
        List<byte[]> l = new ArrayList<>();
        for (String a : s.config.args()) {
            l.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return l;
    }

    private static List<byte[]> envBytes(WasiState s) {
        List<byte[]> l = new ArrayList<>();
        for (Map.Entry<String, String> e : s.config.env().entrySet()) {
            l.add((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return l;
    }

    private static int writeStrings(Memory m, List<byte[]> strings, int ptrs, int buf) {
        long p = u32(ptrs);
        long b = u32(buf);
        for (byte[] s : strings) {
            m.writeInt(p, (int) b);
            p += 4;
            m.write(b, s);
            m.writeByte(b + s.length, (byte) 0);
            b += s.length + 1;
        }
        return Errno.SUCCESS;
    }

    private static int writeSizes(Memory m, List<byte[]> strings, int countPtr, int sizePtr) {
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        m.writeInt(u32(countPtr), strings.size());
        m.writeInt(u32(sizePtr), (int) size);
        return Errno.SUCCESS;
    }

    @WasmExport
    public int argsGet(Module caller, int argv, int argvBuf) {
        return writeStrings(mem(caller), argBytes(state(caller)), argv, argvBuf);
    }

    @WasmExport
    public int argsSizesGet(Module caller, int argc, int argvBufSize) {
        return writeSizes(mem(caller), argBytes(state(caller)), argc, argvBufSize);
    }

    @WasmExport
    public int environGet(Module caller, int environ, int environBuf) {
        return writeStrings(mem(caller), envBytes(state(caller)), environ, environBuf);
    }

    @WasmExport
    public int environSizesGet(Module caller, int environc, int environBufSize) {
        return writeSizes(mem(caller), envBytes(state(caller)), environc, environBufSize);
    }

    // ---- clocks, random, sched, proc --------------------------------------------------------

    @WasmExport
    public int clockResGet(Module caller, int id, int resolution) {
        long res;
        switch (id) {
            case 0 -> res = 1_000L;
            case 1 -> res = 1L;
            default -> {
                return Errno.INVAL;
            }
        }
        mem(caller).writeLong(u32(resolution), res);
        return Errno.SUCCESS;
    }

    @WasmExport
    public int clockTimeGet(Module caller, int id, long precision, int time) {
        WasiState s = state(caller);
        long t;
        switch (id) {
            case 0 -> t = s.walltime();
            case 1 -> t = s.nanotime();
            default -> {
                return Errno.INVAL;
            }
        }
        mem(caller).writeLong(u32(time), t);
        return Errno.SUCCESS;
    }

    @WasmExport
    public int randomGet(Module caller, int buf, int bufLen) {
        return call(() -> {
            byte[] b = new byte[bufLen];
            state(caller).random(b);
            mem(caller).write(u32(buf), b);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int schedYield(Module caller) {
        state(caller).osyield();
        return Errno.SUCCESS;
    }

    @WasmExport
    public void procExit(Module caller, int rval) {
        WasiState s;
        synchronized (this) {
            s = states.remove(caller);
        }
        if (s != null) {
            flush(s);
            s.closeAll();
        }
        caller.closeWithExitCode(rval);
        throw new ExitException(rval, caller.name());
    }

    private static void flush(WasiState s) {
        for (Entry e : s.fds.values()) {
            if (e instanceof StreamEntry st && st.out != null) {
                try {
                    st.out.flush();
                } catch (IOException ignored) {
                    // nothing to report to
                }
            }
        }
    }

    @WasmExport
    public int procRaise(Module caller, int sig) {
        return Errno.NOSYS;
    }

    // ---- fd_* --------------------------------------------------------------------------------

    @WasmExport
    public int fdAdvise(Module caller, int fd, long offset, long len, int advice) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if (e instanceof DirEntry) {
                return Errno.BADF;
            }
            if (!(e instanceof FileEntry)) {
                return Errno.BADF;
            }
            if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
                return Errno.INVAL;
            }
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdAllocate(Module caller, int fd, long offset, long len) {
        return call(() -> {
            FileEntry f = file(state(caller), fd);
            if (!f.writable) {
                return Errno.BADF;
            }
            if (offset < 0 || len < 0 || offset + len < 0) {
                return Errno.INVAL;
            }
            long end = offset + len;
            if (f.channel.size() < end) {
                writeAt(f, end - 1, new byte[1], true);
            }
            return Errno.SUCCESS;
        });
    }

    private static FileEntry file(WasiState s, int fd) {
        Entry e = s.entry(fd);
        if (e instanceof DirEntry) {
            throw Errno.error(Errno.ISDIR);
        }
        if (!(e instanceof FileEntry f)) {
            throw Errno.error(Errno.BADF);
        }
        return f;
    }

    @WasmExport
    public int fdClose(Module caller, int fd) {
        return call(() -> {
            WasiState s = state(caller);
            Entry e = s.entry(fd);
            s.fds.remove(fd);
            if (e instanceof FileEntry f) {
                f.channel.close();
            } else if (e instanceof SocketEntry so && so.connection != null) {
                so.connection.close();
            } else if (e instanceof StreamEntry st && st.out != null) {
                st.out.flush();
            }
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdDatasync(Module caller, int fd) {
        return fdSync(caller, fd);
    }

    @WasmExport
    public int fdSync(Module caller, int fd) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if (e instanceof FileEntry f && f.channel instanceof FileChannel fc && f.writable) {
                fc.force(true);
            } else if (e instanceof StreamEntry st && st.out != null) {
                st.out.flush();
            }
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdFdstatGet(Module caller, int fd, int stat) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            Memory m = mem(caller);
            long p = u32(stat);
            m.writeByte(p, (byte) e.filetype);
            m.writeByte(p + 1, (byte) 0);
            m.writeShort(p + 2, (short) e.fdflags);
            m.writeInt(p + 4, 0);
            m.writeLong(p + 8, e.rightsBase);
            m.writeLong(p + 16, e.rightsInheriting);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdFdstatSetFlags(Module caller, int fd, int flags) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if ((flags & ~0x1F) != 0) {
                return Errno.INVAL;
            }
            if (e instanceof DirEntry) {
                return flags == 0 ? Errno.SUCCESS : Errno.BADF;
            }
            if (e instanceof FileEntry f && (flags & FDFLAG_APPEND) != 0 && !f.writable) {
                return Errno.BADF;
            }
            e.fdflags = flags & (FDFLAG_APPEND | FDFLAG_NONBLOCK) | (e.fdflags & ~(FDFLAG_APPEND | FDFLAG_NONBLOCK));
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdFdstatSetRights(Module caller, int fd, long fsRightsBase, long fsRightsInheriting) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if ((fsRightsBase & ~e.rightsBase) != 0 || (fsRightsInheriting & ~e.rightsInheriting) != 0) {
                return Errno.NOTCAPABLE;
            }
            e.rightsBase = fsRightsBase;
            e.rightsInheriting = fsRightsInheriting;
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdFilestatGet(Module caller, int fd, int buf) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            Memory m = mem(caller);
            if (e instanceof StreamEntry || e instanceof SocketEntry) {
                writeFilestat(m, buf, 0, 0, e.filetype, 1, 0, 0, 0, 0);
                return Errno.SUCCESS;
            }
            Path host = e instanceof FileEntry f ? f.host() : ((DirEntry) e).host();
            Stat st = statOf(host, false);
            if (st == null) {
                if (e instanceof FileEntry f) {
                    writeFilestat(m, buf, 0, f.fileKey == null ? 0 : f.fileKey.hashCode(), WasiState.FILETYPE_REGULAR_FILE,
                            0, f.channel.size(), 0, 0, 0);
                    return Errno.SUCCESS;
                }
                return Errno.NOENT;
            }
            if (e instanceof FileEntry f) {
                st = new Stat(st.dev, st.ino, st.type, st.nlink, f.channel.size(), st.atim, st.mtim, st.ctim);
            }
            st.write(m, buf);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdFilestatSetSize(Module caller, int fd, long size) {
        return call(() -> {
            FileEntry f = file(state(caller), fd);
            if (!f.writable) {
                return Errno.BADF;
            }
            if (size < 0) {
                return Errno.INVAL;
            }
            long cur = f.channel.size();
            if (size < cur) {
                f.channel.truncate(size);
            } else if (size > cur) {
                writeAt(f, size - 1, new byte[1], true);
            }
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdFilestatSetTimes(Module caller, int fd, long atim, long mtim, int fstFlags) {
        return call(() -> {
            WasiState s = state(caller);
            Entry e = s.entry(fd);
            Path host;
            Mount mount;
            if (e instanceof FileEntry f) {
                host = f.host();
                mount = f.mount;
            } else if (e instanceof DirEntry d) {
                host = d.host();
                mount = d.mount;
            } else {
                return Errno.BADF;
            }
            return setTimes(s, mount, host, null, atim, mtim, fstFlags, true);
        });
    }

    private int setTimes(WasiState s, Target t, long atim, long mtim, int flags) throws IOException {
        return setTimes(s, t.r.mount(), t.host(), t, atim, mtim, flags, false);
    }

    private static boolean micros(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS) % 1000 == 0;
    }

    /**
     * Sets times; through the directory handle of {@code t} (no link followed, race-free) when
     * there is one, the file is a regular file or a directory and the times are whole
     * microseconds (JDK 17's {@code SecureDirectoryStream} sets no finer); else by path, checked
     * before and after.
     */
    private int setTimes(WasiState s, Mount mount, Path host, Target t, long atim, long mtim, int flags,
            boolean follow) throws IOException {
        if ((flags & ~0xF) != 0 || (flags & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                || (flags & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
            return Errno.INVAL;
        }
        if (mount.readOnly) {
            return Errno.ROFS;
        }
        FileTime a = null;
        FileTime mt = null;
        if ((flags & (FST_ATIM_NOW | FST_MTIM_NOW)) != 0) {
            long now = s.walltime();
            if ((flags & FST_ATIM_NOW) != 0) {
                a = FileTime.from(now, TimeUnit.NANOSECONDS);
            }
            if ((flags & FST_MTIM_NOW) != 0) {
                mt = FileTime.from(now, TimeUnit.NANOSECONDS);
            }
        }
        if ((flags & FST_ATIM) != 0) {
            a = FileTime.from(atim, TimeUnit.NANOSECONDS);
        }
        if ((flags & FST_MTIM) != 0) {
            mt = FileTime.from(mtim, TimeUnit.NANOSECONDS);
        }
        if (t != null && t.secure()) {
            BasicFileAttributes cur = t.lstat();
            if (cur == null) {
                return Errno.NOENT;
            }
            FileTime na = a == null ? cur.lastAccessTime() : a;
            FileTime nm = mt == null ? cur.lastModifiedTime() : mt;
            if ((cur.isRegularFile() || cur.isDirectory()) && micros(na) && micros(nm)) {
                try {
                    t.dir.getFileAttributeView(t.name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(nm, na, null);
                    return Errno.SUCCESS;
                } catch (java.nio.file.AccessDeniedException e) {
                    // not readable: opening it relative to the handle fails; by path below
                } catch (IOException e) {
                    t.lstat();  // Swapped when a link is there now
                    throw e;
                }
            }
        }
        BasicFileAttributeView view = follow ? Files.getFileAttributeView(host, BasicFileAttributeView.class)
                : Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (PathResolver.stat(host) == null) {
            return Errno.NOENT;
        }
        PathResolver.recheck(mount, host);
        view.setTimes(mt, a, null);
        BasicFileAttributes after = PathResolver.stat(host);
        if (!follow && after != null && after.isSymbolicLink()) {
            // JDK 17 sets a link's own times to the microsecond only (lutimes): remember the
            // nanoseconds the guest gave while the host's value is still the one set here.
            long[] exact = {a == null ? -1 : nanos(a), nanos(after.lastAccessTime()),
                            mt == null ? -1 : nanos(mt), nanos(after.lastModifiedTime())};
            linkTimes.put(host.toAbsolutePath(), exact);
        }
        return Errno.SUCCESS;
    }

    private record Iov(long buf, int len) {
    }

    private static List<Iov> iovs(Memory m, int iovs, int iovsLen) {
        List<Iov> l = new ArrayList<>(iovsLen);
        long p = u32(iovs);
        for (int i = 0; i < iovsLen; i++) {
            l.add(new Iov(u32(m.readInt(p)), m.readInt(p + 4)));
            p += 8;
        }
        return l;
    }

    @WasmExport
    public int fdRead(Module caller, int fd, int iovs, int iovsLen, int nread) {
        return call(() -> {
            WasiState s = state(caller);
            Entry e = s.entry(fd);
            Memory m = mem(caller);
            long total = 0;
            if (e instanceof StreamEntry st) {
                if (st.in == null) {
                    return Errno.BADF;
                }
                for (Iov v : iovs(m, iovs, iovsLen)) {
                    if (v.len == 0) {
                        continue;
                    }
                    byte[] b = new byte[v.len];
                    int n = st.in.read(b, 0, v.len);
                    if (n <= 0) {
                        break;
                    }
                    m.write(v.buf, b, 0, n);
                    total += n;
                    if (n < v.len || st.in.available() <= 0) {
                        break;
                    }
                }
            } else if (e instanceof SocketEntry so) {
                total = receive(so, m, iovs(m, iovs, iovsLen), false);
            } else {
                if (e instanceof DirEntry) {
                    return Errno.ISDIR;
                }
                FileEntry f = (FileEntry) e;
                if (!f.readable || (f.rightsBase & WasiState.RIGHT_FD_READ) == 0) {
                    return Errno.BADF;
                }
                total = readAt(f, m, iovs(m, iovs, iovsLen), f.position);
                f.position += total;
            }
            m.writeInt(u32(nread), (int) total);
            return Errno.SUCCESS;
        });
    }

    private static long readAt(FileEntry f, Memory m, List<Iov> vs, long offset) throws IOException {
        long total = 0;
        SeekableByteChannel ch = f.channel;
        for (Iov v : vs) {
            if (v.len == 0) {
                continue;
            }
            ByteBuffer bb = ByteBuffer.allocate(v.len);
            int n;
            synchronized (f) {
                ch.position(offset + total);
                n = 0;
                while (bb.hasRemaining()) {
                    int r = ch.read(bb);
                    if (r <= 0) {
                        break;
                    }
                    n += r;
                }
            }
            m.write(v.buf, bb.array(), 0, n);
            total += n;
            if (n < v.len) {
                break;
            }
        }
        return total;
    }

    private static long writeAt(FileEntry f, long offset, byte[] data, boolean positioned) throws IOException {
        synchronized (f) {
            SeekableByteChannel ch = f.channel;
            ch.position(offset);
            ByteBuffer bb = ByteBuffer.wrap(data);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
        return data.length;
    }

    private static byte[] gather(Memory m, List<Iov> vs) {
        int size = 0;
        for (Iov v : vs) {
            size += v.len;
        }
        byte[] all = new byte[size];
        int off = 0;
        for (Iov v : vs) {
            m.read(v.buf, all, off, v.len);
            off += v.len;
        }
        return all;
    }

    @WasmExport
    public int fdWrite(Module caller, int fd, int iovs, int iovsLen, int nwritten) {
        return call(() -> {
            WasiState s = state(caller);
            Entry e = s.entry(fd);
            Memory m = mem(caller);
            byte[] data;
            if (e instanceof StreamEntry st) {
                if (st.out == null) {
                    return Errno.BADF;
                }
                data = gather(m, iovs(m, iovs, iovsLen));
                st.out.write(data);
                st.out.flush();
            } else if (e instanceof SocketEntry so) {
                data = gather(m, iovs(m, iovs, iovsLen));
                send(so, data);
            } else {
                if (e instanceof DirEntry) {
                    return Errno.ISDIR;
                }
                FileEntry f = (FileEntry) e;
                if (!f.writable || (f.rightsBase & WasiState.RIGHT_FD_WRITE) == 0) {
                    return Errno.BADF;
                }
                data = gather(m, iovs(m, iovs, iovsLen));
                if ((f.fdflags & FDFLAG_APPEND) != 0) {
                    f.position = f.channel.size();
                }
                writeAt(f, f.position, data, false);
                f.position += data.length;
            }
            m.writeInt(u32(nwritten), data.length);
            return Errno.SUCCESS;
        });
    }

    /**
     * The file of a positional read or write: a stream or socket cannot seek (ESPIPE), the file
     * must be open for it with the right (EBADF), and the offset must not be negative (EINVAL).
     */
    private FileEntry positionalFile(Module caller, int fd, long offset, boolean write) {
        Entry e = state(caller).entry(fd);
        if (e instanceof StreamEntry || e instanceof SocketEntry) {
            throw Errno.error(Errno.SPIPE);
        }
        FileEntry f = file(state(caller), fd);
        boolean allowed = write
                ? f.writable && (f.rightsBase & WasiState.RIGHT_FD_WRITE) != 0
                : f.readable && (f.rightsBase & WasiState.RIGHT_FD_READ) != 0;
        if (!allowed) {
            throw Errno.error(Errno.BADF);
        }
        if (offset < 0) {
            throw Errno.error(Errno.INVAL);
        }
        return f;
    }

    @WasmExport
    public int fdPread(Module caller, int fd, int iovs, int iovsLen, long offset, int nread) {
        return call(() -> {
            FileEntry f = positionalFile(caller, fd, offset, false);
            Memory m = mem(caller);
            long n = readAt(f, m, iovs(m, iovs, iovsLen), offset);
            m.writeInt(u32(nread), (int) n);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdPwrite(Module caller, int fd, int iovs, int iovsLen, long offset, int nwritten) {
        return call(() -> {
            FileEntry f = positionalFile(caller, fd, offset, true);
            Memory m = mem(caller);
            byte[] data = gather(m, iovs(m, iovs, iovsLen));
            // POSIX on Linux: pwrite on an O_APPEND file appends; WASI leaves the position alone.
            long at = (f.fdflags & FDFLAG_APPEND) != 0 ? f.channel.size() : offset;
            writeAt(f, at, data, true);
            m.writeInt(u32(nwritten), data.length);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdPrestatGet(Module caller, int fd, int buf) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if (!(e instanceof DirEntry d) || d.preopenName == null) {
                return Errno.BADF;
            }
            Memory m = mem(caller);
            m.writeInt(u32(buf), 0);
            m.writeInt(u32(buf) + 4, d.preopenName.getBytes(StandardCharsets.UTF_8).length);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdPrestatDirName(Module caller, int fd, int path, int pathLen) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if (!(e instanceof DirEntry d) || d.preopenName == null) {
                return Errno.BADF;
            }
            byte[] name = d.preopenName.getBytes(StandardCharsets.UTF_8);
            if (pathLen < name.length) {
                return Errno.NAMETOOLONG;
            }
            mem(caller).write(u32(path), name);
            return Errno.SUCCESS;
        });
    }

    private record DirItem(String name, int type, long ino) {
    }

    @WasmExport
    public int fdReaddir(Module caller, int fd, int buf, int bufLen, long cookie, int bufused) {
        return call(() -> {
            WasiState s = state(caller);
            Entry e = s.entry(fd);
            if (e instanceof FileEntry) {
                return Errno.NOTDIR;
            }
            if (!(e instanceof DirEntry d)) {
                return Errno.BADF;
            }
            if (cookie < 0) {
                return Errno.INVAL;
            }
            Path host = d.host();
            List<DirItem> items = new ArrayList<>();
            Stat self = statOf(host, false);
            if (self == null) {
                return Errno.NOENT;
            }
            items.add(new DirItem(".", WasiState.FILETYPE_DIRECTORY, self.ino));
            Stat parent = d.comps.isEmpty() ? self : statOf(host.getParent(), false);
            items.add(new DirItem("..", WasiState.FILETYPE_DIRECTORY, parent == null ? 0 : parent.ino));
            List<Path> children = new ArrayList<>();
            Map<Path, BasicFileAttributes> viaHandle = new java.util.HashMap<>();
            java.nio.file.SecureDirectoryStream<Path> sds;
            try {
                sds = Target.openDir(d.mount, d.comps);
            } catch (Target.Swapped x) {
                return Errno.NOTCAPABLE;
            }
            if (sds != null) {
                // Listed and typed through the directory's handle: no link is followed on the way.
                try (sds) {
                    for (Path p : sds) {
                        Path n = p.getFileName();
                        BasicFileAttributes a = Target.lstat(sds, n);
                        if (a != null) {
                            children.add(host.resolve(n.toString()));
                            viaHandle.put(host.resolve(n.toString()), a);
                        }
                    }
                }
            } else {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(host)) {
                    for (Path p : ds) {
                        children.add(p);
                    }
                }
            }
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path p : children) {
                BasicFileAttributes ha = viaHandle.get(p);
                Stat st;
                if (ha == null) {
                    st = statOf(p, false);
                } else {
                    try {
                        st = statOf(p, ha);
                    } catch (Target.Swapped x) {
                        st = null;
                    }
                }
                String name = p.getFileName().toString();
                if (name.endsWith("/")) {
                    name = name.substring(0, name.length() - 1);
                }
                items.add(new DirItem(name, st == null ? 0 : st.type, st == null ? 0 : st.ino));
            }
            Memory m = mem(caller);
            long p = u32(buf);
            long end = p + u32(bufLen);
            long used = 0;
            for (long i = cookie; i < items.size() && p < end; i++) {
                DirItem it = items.get((int) i);
                byte[] name = it.name.getBytes(StandardCharsets.UTF_8);
                byte[] ent = new byte[24 + name.length];
                ByteBuffer bb = ByteBuffer.wrap(ent).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                bb.putLong(0, i + 1);
                bb.putLong(8, it.ino);
                bb.putInt(16, name.length);
                bb.put(20, (byte) it.type);
                System.arraycopy(name, 0, ent, 24, name.length);
                int n = (int) Math.min(ent.length, end - p);
                m.write(p, ent, 0, n);
                p += n;
                used += n;
            }
            m.writeInt(u32(bufused), (int) used);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdRenumber(Module caller, int fd, int to) {
        return call(() -> {
            WasiState s = state(caller);
            Entry e = s.entry(fd);
            Entry old = s.entry(to);
            if (fd == to) {
                return Errno.SUCCESS;
            }
            if (old instanceof FileEntry f) {
                f.channel.close();
            } else if (old instanceof SocketEntry so && so.connection != null) {
                so.connection.close();
            }
            s.fds.remove(fd);
            s.fds.put(to, e);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdSeek(Module caller, int fd, long offset, int whence, int newoffset) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if (e instanceof DirEntry) {
                return Errno.BADF;
            }
            if (!(e instanceof FileEntry f)) {
                return Errno.SPIPE;
            }
            long base;
            switch (whence) {
                case 0 -> base = 0;
                case 1 -> base = f.position;
                case 2 -> base = f.channel.size();
                default -> {
                    return Errno.INVAL;
                }
            }
            long pos = base + offset;
            if (pos < 0) {
                return Errno.INVAL;
            }
            f.position = pos;
            mem(caller).writeLong(u32(newoffset), pos);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int fdTell(Module caller, int fd, int offset) {
        return call(() -> {
            Entry e = state(caller).entry(fd);
            if (e instanceof DirEntry) {
                return Errno.BADF;
            }
            if (!(e instanceof FileEntry f)) {
                return Errno.SPIPE;
            }
            mem(caller).writeLong(u32(offset), f.position);
            return Errno.SUCCESS;
        });
    }

    // ---- path_* ------------------------------------------------------------------------------

    private static DirEntry dir(WasiState s, int fd) {
        Entry e = s.entry(fd);
        if (!(e instanceof DirEntry d)) {
            throw Errno.error(e instanceof FileEntry ? Errno.NOTDIR : Errno.BADF);
        }
        return d;
    }

    private interface TargetBody {
        int run(Target t) throws IOException;
    }

    /**
     * Resolves {@code p} against a directory and runs {@code body} on it through directory
     * handles ({@link Target}); resolves again when a directory on the way was swapped for a link
     * meanwhile, and gives up with {@code ENOTCAPABLE} after {@link Target#RETRIES} tries.
     */
    static int at(Mount mount, List<String> base, String p, boolean follow, TargetBody body) throws IOException {
        for (int i = 0; i < Target.RETRIES; i++) {
            Resolved r = PathResolver.resolve(mount, base, p, follow);
            try (Target t = Target.of(r, follow)) {
                return body.run(t);
            } catch (Target.Swapped e) {
                // resolve again: the link is followed (or refused) inside the sandbox
            }
        }
        throw Errno.error(Errno.NOTCAPABLE);
    }

    private int at(Module caller, int fd, int path, int pathLen, boolean follow, TargetBody body) throws IOException {
        DirEntry d = dir(state(caller), fd);
        return at(d.mount, d.comps, string(mem(caller), path, pathLen), follow, body);
    }

    /** After creating {@code r}: if a link swapped in meanwhile put it outside the mount, removes it. */
    private static void recheckCreated(Resolved r) throws IOException {
        recheckCreated(r, null);
    }

    /**
     * After creating {@code r} by path (Java has no {@code mkdirat}, {@code symlinkat},
     * {@code linkat}): its real path must lie inside the mount and, when {@code t} has a handle
     * on its parent directory, the handle must see the very file the path names; else it was
     * created through a link swapped in meanwhile and is removed again ({@code ENOTCAPABLE}).
     */
    private static void recheckCreated(Resolved r, Target t) throws IOException {
        try {
            PathResolver.recheck(r.mount(), r.host());
            if (t != null && t.secure()) {
                BasicFileAttributes viaHandle = Target.lstat(t.dir, t.name);
                BasicFileAttributes viaPath = PathResolver.stat(r.host());
                if (viaHandle == null || viaPath == null || viaHandle.fileKey() == null
                        || !viaHandle.fileKey().equals(viaPath.fileKey())) {
                    throw Errno.error(Errno.NOTCAPABLE);
                }
            }
        } catch (Errno.WasiError e) {
            Files.deleteIfExists(r.host());
            throw e;
        }
    }

    private static void writable(Resolved r) {
        if (r.mount().readOnly) {
            throw Errno.error(Errno.ROFS);
        }
    }

    @WasmExport
    public int pathCreateDirectory(Module caller, int fd, int path, int pathLen) {
        return call(() -> {
            return at(caller, fd, path, pathLen, false, t -> {
                Resolved r = t.r;
                writable(r);
                if (r.comps().size() <= 0 || t.lstat() != null) {
                    return Errno.EXIST;
                }
                Files.createDirectory(r.host());
                recheckCreated(r, t);
                return Errno.SUCCESS;
            });
        });
    }

    @WasmExport
    public int pathFilestatGet(Module caller, int fd, int flags, int path, int pathLen, int buf) {
        return call(() -> {
            return at(caller, fd, path, pathLen, (flags & LOOKUP_SYMLINK_FOLLOW) != 0, t -> {
                Resolved r = t.r;
                Stat st;
                if (t.secure()) {
                    BasicFileAttributes a = t.lstat();
                    st = a == null ? null : statOf(r.host(), a);
                } else {
                    st = statOf(r.host(), false);
                }
                st = exactLinkTimes(r.host(), st);
                if (st == null) {
                    return Errno.NOENT;
                }
                if (r.trailingSlash() && st.type != WasiState.FILETYPE_DIRECTORY) {
                    return Errno.NOTDIR;
                }
                st.write(mem(caller), buf);
                return Errno.SUCCESS;
            });
        });
    }

    @WasmExport
    public int pathFilestatSetTimes(Module caller, int fd, int flags, int path, int pathLen, long atim, long mtim,
            int fstFlags) {
        return call(() -> {
            return at(caller, fd, path, pathLen, (flags & LOOKUP_SYMLINK_FOLLOW) != 0,
                    t -> setTimes(state(caller), t, atim, mtim, fstFlags));
        });
    }

    @WasmExport
    public int pathLink(Module caller, int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd, int newPath,
            int newPathLen) {
        return call(() -> {
            return at(caller, oldFd, oldPath, oldPathLen, (oldFlags & LOOKUP_SYMLINK_FOLLOW) != 0,
                    ft -> at(caller, newFd, newPath, newPathLen, false, tt -> link(ft, tt)));
        });
    }

    private static int link(Target ft, Target tt) throws IOException {
        {
            Resolved from = ft.r;
            Resolved to = tt.r;
            writable(to);
            BasicFileAttributes a = ft.lstat();
            if (a == null) {
                return Errno.NOENT;
            }
            if (a.isDirectory()) {
                return Errno.PERM;
            }
            if (from.trailingSlash()) {
                return Errno.NOTDIR;
            }
            if (tt.lstat() != null) {
                return Errno.EXIST;
            }
            if (to.trailingSlash()) {
                return Errno.NOENT;
            }
            if (from.mount() != to.mount()) {
                return Errno.XDEV;
            }
            Files.createLink(to.host(), from.host());
            recheckCreated(to, tt);
            if (ft.secure()) {
                // The new name must be a link to the very file the old name's directory handle sees.
                BasicFileAttributes made = Target.lstat(tt.dir, tt.name);
                if (made == null || a.fileKey() == null || !a.fileKey().equals(made.fileKey())) {
                    tt.deleteFile();
                    throw Errno.error(Errno.NOTCAPABLE);
                }
            }
            return Errno.SUCCESS;
        }
    }

    @WasmExport
    public int pathOpen(Module caller, int fd, int dirflags, int path, int pathLen, int oflags, long fsRightsBase,
            long fsRightsInheriting, int fdflags, int openedFd) {
        return call(() -> {
            WasiState s = state(caller);
            DirEntry d = dir(s, fd);
            String p = string(mem(caller), path, pathLen);
            boolean follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) != 0;
            return at(d.mount, d.comps, p, follow, t -> open(caller, s, d, t, oflags, fsRightsBase, fsRightsInheriting,
                    fdflags, openedFd));
        });
    }

    private int open(Module caller, WasiState s, DirEntry d, Target t, int oflags, long fsRightsBase,
            long fsRightsInheriting, int fdflags, int openedFd) throws IOException {
        Resolved r = t.r;
        boolean creat = (oflags & OFLAG_CREAT) != 0;
        boolean excl = (oflags & OFLAG_EXCL) != 0;
        boolean trunc = (oflags & OFLAG_TRUNC) != 0;
        boolean directory = (oflags & OFLAG_DIRECTORY) != 0;
        boolean wantWrite = (fsRightsBase & (WasiState.RIGHT_FD_WRITE | (1L << 22))) != 0
                || (fdflags & FDFLAG_APPEND) != 0 || trunc;
        boolean wantRead = (fsRightsBase & (WasiState.RIGHT_FD_READ | (1L << 14))) != 0;
        BasicFileAttributes a = t.lstat();
        if (a != null && a.isSymbolicLink()) {
            // Only when not following the final link.
            if (creat && excl) {
                return Errno.EXIST;
            }
            return directory ? Errno.NOTDIR : Errno.LOOP;
        }
        if (a != null && creat && excl) {
            return Errno.EXIST;
        }
        if (a == null && !creat) {
            return Errno.NOENT;
        }
        if (a != null && a.isDirectory() || a == null && (directory || r.trailingSlash())) {
            if (a == null) {
                return creat && r.trailingSlash() ? Errno.ISDIR : Errno.NOENT;
            }
            if (creat || trunc) {
                return r.mount().readOnly && !creat ? Errno.ROFS : Errno.ISDIR;
            }
            if ((fsRightsBase & WasiState.RIGHT_FD_WRITE) != 0 || (fdflags & FDFLAG_APPEND) != 0) {
                return Errno.ISDIR;
            }
            PathResolver.recheck(r.mount(), r.host());
            DirEntry nd = new DirEntry(r.mount(), r.comps(), null);
            nd.rightsBase = fsRightsBase & WasiState.DIR_RIGHTS & d.rightsInheriting;
            nd.rightsInheriting = fsRightsInheriting & d.rightsInheriting;
            nd.fdflags = fdflags;
            mem(caller).writeInt(u32(openedFd), s.allocate(nd));
            return Errno.SUCCESS;
        }
        if (directory || r.trailingSlash()) {
            return Errno.NOTDIR;
        }
        if (r.mount().readOnly && (wantWrite || creat)) {
            return Errno.ROFS;
        }
        if (trunc && (d.rightsBase & WasiState.RIGHT_PATH_FILESTAT_SET_SIZE) == 0) {
            return Errno.NOTCAPABLE;
        }
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        if (wantRead || !wantWrite) {
            opts.add(StandardOpenOption.READ);
        }
        if (wantWrite) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (creat) {
            opts.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
            opts.add(StandardOpenOption.WRITE);
        }
        if (trunc) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        SeekableByteChannel ch;
        BasicFileAttributes after;
        if (t.secure()) {
            // openat(parent, name, O_NOFOLLOW): a link swapped in is never followed.
            try {
                ch = t.open(opts);
            } catch (IOException e) {
                t.lstat();  // Swapped when the resolver had followed a link here: resolve again
                throw e;
            }
            try {
                after = Target.lstat(t.dir, t.name);
            } catch (IOException e) {
                after = null;
            }
        } else {
            try {
                ch = Files.newByteChannel(r.host(), opts);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                opts.remove(LinkOption.NOFOLLOW_LINKS);
                ch = Files.newByteChannel(r.host(), opts);
            }
            try {
                PathResolver.recheck(r.mount(), r.host());
            } catch (Errno.WasiError e) {
                ch.close();
                if (a == null) {
                    // Created through a link swapped in meanwhile: take it back.
                    Files.deleteIfExists(r.host());
                }
                throw e;
            }
            after = PathResolver.stat(r.host());
        }
        boolean writable = opts.contains(StandardOpenOption.WRITE);
        FileEntry f = new FileEntry(r.mount(), r.comps(), ch, opts.contains(StandardOpenOption.READ), writable,
                after == null ? null : after.fileKey());
        f.rightsBase = fsRightsBase & WasiState.FILE_RIGHTS & d.rightsInheriting;
        f.rightsInheriting = fsRightsInheriting & d.rightsInheriting;
        f.fdflags = fdflags & (FDFLAG_APPEND | FDFLAG_NONBLOCK | FDFLAG_DSYNC | FDFLAG_RSYNC | FDFLAG_SYNC);
        mem(caller).writeInt(u32(openedFd), s.allocate(f));
        return Errno.SUCCESS;
    }

    @WasmExport
    public int pathReadlink(Module caller, int fd, int path, int pathLen, int buf, int bufLen, int bufused) {
        return call(() -> {
            return at(caller, fd, path, pathLen, false, t -> readlink(caller, t, buf, bufLen, bufused));
        });
    }

    private static int readlink(Module caller, Target t, int buf, int bufLen, int bufused) throws IOException {
        {
            Resolved r = t.r;
            BasicFileAttributes a = t.lstat();
            if (a == null) {
                return Errno.NOENT;
            }
            if (!a.isSymbolicLink()) {
                return Errno.INVAL;
            }
            // No readlinkat in Java: read by path, then check that the path still named the link
            // the directory handle sees.
            byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
            if (t.secure()) {
                BasicFileAttributes viaPath = PathResolver.stat(r.host());
                if (viaPath == null || a.fileKey() == null || !a.fileKey().equals(viaPath.fileKey())) {
                    throw new Target.Swapped();
                }
            }
            int n = Math.min(target.length, bufLen);
            mem(caller).write(u32(buf), target, 0, n);
            mem(caller).writeInt(u32(bufused), n);
            return Errno.SUCCESS;
        }
    }

    @WasmExport
    public int pathRemoveDirectory(Module caller, int fd, int path, int pathLen) {
        return call(() -> {
            return at(caller, fd, path, pathLen, false, t -> {
                Resolved r = t.r;
                BasicFileAttributes a = t.lstat();
                if (a == null) {
                    return Errno.NOENT;
                }
                if (!a.isDirectory()) {
                    return Errno.NOTDIR;
                }
                writable(r);
                if (r.comps().isEmpty()) {
                    return Errno.BUSY;
                }
                if (!t.secure()) {
                    PathResolver.recheck(r.mount(), r.host());
                }
                t.deleteDirectory();
                return Errno.SUCCESS;
            });
        });
    }

    @WasmExport
    public int pathRename(Module caller, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
        return call(() -> at(caller, fd, oldPath, oldPathLen, false, ft -> at(caller, newFd, newPath, newPathLen, false,
                tt -> rename(ft, tt))));
    }

    private static int rename(Target ft, Target tt) throws IOException {
        Resolved from = ft.r;
        Resolved to = tt.r;
        BasicFileAttributes a = ft.lstat();
        if (a == null) {
            return Errno.NOENT;
        }
        writable(from);
        writable(to);
        if (from.mount() != to.mount()) {
            return Errno.XDEV;
        }
        BasicFileAttributes b = tt.lstat();
        if (!a.isDirectory() && (from.trailingSlash() || to.trailingSlash())) {
            return Errno.NOTDIR;
        }
        if (b != null) {
            if (a.isDirectory() && !b.isDirectory()) {
                return Errno.NOTDIR;
            }
            if (!a.isDirectory() && b.isDirectory()) {
                return Errno.ISDIR;
            }
            if (from.host().equals(to.host())) {
                return Errno.SUCCESS;
            }
            if (b.isDirectory() && !tt.emptyDirectory()) {
                return Errno.NOTEMPTY;
            }
        }
        if (a.isDirectory() && to.host().startsWith(from.host()) && !to.host().equals(from.host())) {
            return Errno.INVAL;
        }
        if (from.comps().isEmpty() || to.comps().isEmpty()) {
            return Errno.BUSY;
        }
        if (ft.secure() && tt.secure()) {
            // renameat: both directories are handles, the names single components.
            ft.dir.move(ft.name, tt.dir, tt.name);
            return Errno.SUCCESS;
        }
        PathResolver.recheck(from.mount(), from.host());
        Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try {
            PathResolver.recheck(to.mount(), to.host());
        } catch (Errno.WasiError e) {
            Files.move(to.host(), from.host(), StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        return Errno.SUCCESS;
    }

    @WasmExport
    public int pathSymlink(Module caller, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
        return call(() -> {
            String target = string(mem(caller), oldPath, oldPathLen);
            return at(caller, fd, newPath, newPathLen, false, t -> symlink(t, target));
        });
    }

    private static int symlink(Target t, String target) throws IOException {
        {
            Resolved r = t.r;
            if (t.lstat() != null) {
                return Errno.EXIST;
            }
            writable(r);
            if (target.isEmpty()) {
                return Errno.NOENT;
            }
            if (target.startsWith("/")) {
                // A link to an absolute path could only ever lead outside the sandbox.
                return Errno.NOTCAPABLE;
            }
            if (r.trailingSlash()) {
                return Errno.NOENT;
            }
            // A link is written as the guest gave it; resolving it later never leaves the mount.
            Files.createSymbolicLink(r.host(), r.host().getFileSystem().getPath(target));
            recheckCreated(r, t);
            return Errno.SUCCESS;
        }
    }

    @WasmExport
    public int pathUnlinkFile(Module caller, int fd, int path, int pathLen) {
        return call(() -> {
            return at(caller, fd, path, pathLen, false, t -> {
                Resolved r = t.r;
                BasicFileAttributes a = t.lstat();
                if (a == null) {
                    return Errno.NOENT;
                }
                if (a.isDirectory()) {
                    return Errno.ISDIR;
                }
                if (r.trailingSlash()) {
                    return Errno.NOTDIR;
                }
                writable(r);
                if (!t.secure()) {
                    PathResolver.recheck(r.mount(), r.host());
                }
                t.deleteFile();
                return Errno.SUCCESS;
            });
        });
    }

    // ---- poll --------------------------------------------------------------------------------

    @WasmExport
    public int pollOneoff(Module caller, int in, int out, int nsubscriptions, int nevents) {
        return call(() -> {
            if (nsubscriptions == 0) {
                return Errno.INVAL;
            }
            WasiState s = state(caller);
            Memory m = mem(caller);
            long inP = u32(in);
            long outP = u32(out);
            int events = 0;
            long minTimeout = Long.MAX_VALUE;
            List<long[]> clocks = new ArrayList<>();
            for (int i = 0; i < nsubscriptions; i++) {
                long sub = inP + 48L * i;
                long userdata = m.readLong(sub);
                int tag = m.readByte(sub + 8) & 0xFF;
                if (tag == 0) {
                    int id = m.readInt(sub + 16);
                    long timeout = m.readLong(sub + 24);
                    int flags = m.readShort(sub + 40) & 0xFFFF;
                    int err = Errno.SUCCESS;
                    long relative = timeout;
                    if (id != 0 && id != 1) {
                        err = Errno.INVAL;
                    } else if ((flags & 1) != 0) {
                        long now = id == 0 ? s.walltime() : s.nanotime();
                        relative = timeout - now;
                    }
                    if (err != Errno.SUCCESS) {
                        events = writeEvent(m, outP, events, userdata, err, 0, 0);
                    } else {
                        clocks.add(new long[] {userdata, Math.max(0, relative)});
                        minTimeout = Math.min(minTimeout, Math.max(0, relative));
                    }
                } else if (tag == 1 || tag == 2) {
                    int fd = m.readInt(sub + 16);
                    Entry e = s.fds.get(fd);
                    int err = Errno.SUCCESS;
                    long nbytes = 0;
                    if (e == null) {
                        err = Errno.BADF;
                    } else if (e instanceof DirEntry) {
                        err = Errno.NOTSUP;
                    } else if (tag == 1 && e instanceof StreamEntry st) {
                        if (st.in == null) {
                            err = Errno.BADF;
                        } else {
                            nbytes = Math.max(0, st.in.available());
                        }
                    } else if (tag == 2 && e instanceof StreamEntry st && st.out == null) {
                        err = Errno.BADF;
                    } else if (tag == 1 && e instanceof FileEntry f) {
                        nbytes = Math.max(0, f.channel.size() - f.position);
                    }
                    events = writeEvent(m, outP, events, userdata, err, tag, nbytes);
                } else {
                    return Errno.INVAL;
                }
            }
            if (events == 0 && !clocks.isEmpty()) {
                s.nanosleep(minTimeout);
                for (long[] c : clocks) {
                    if (c[1] <= minTimeout) {
                        events = writeEvent(m, outP, events, c[0], Errno.SUCCESS, 0, 0);
                    }
                }
            }
            m.writeInt(u32(nevents), events);
            return Errno.SUCCESS;
        });
    }

    private static int writeEvent(Memory m, long out, int index, long userdata, int error, int type, long nbytes) {
        long e = out + 32L * index;
        m.writeLong(e, userdata);
        m.writeShort(e + 8, (short) error);
        m.writeByte(e + 10, (byte) type);
        m.writeByte(e + 11, (byte) 0);
        m.writeInt(e + 12, 0);
        m.writeLong(e + 16, nbytes);
        m.writeShort(e + 24, (short) 0);
        m.writeShort(e + 26, (short) 0);
        m.writeInt(e + 28, 0);
        return index + 1;
    }

    // ---- sock_* ------------------------------------------------------------------------------

    private static SocketEntry socket(WasiState s, int fd) {
        Entry e = s.entry(fd);
        if (!(e instanceof SocketEntry so)) {
            throw Errno.error(Errno.NOTSOCK);
        }
        return so;
    }

    private static SocketEntry connection(WasiState s, int fd) {
        SocketEntry so = socket(s, fd);
        if (so.connection == null) {
            throw Errno.error(Errno.NOTCONN);
        }
        return so;
    }

    private static long receive(SocketEntry so, Memory m, List<Iov> vs, boolean waitAll) throws IOException {
        if (so.connection == null) {
            throw Errno.error(Errno.NOTCONN);
        }
        java.nio.channels.SocketChannel ch = so.connection;
        ch.configureBlocking((so.fdflags & FDFLAG_NONBLOCK) == 0);
        long total = 0;
        for (Iov v : vs) {
            if (v.len == 0) {
                continue;
            }
            ByteBuffer bb = ByteBuffer.allocate(v.len);
            int n = ch.read(bb);
            while (waitAll && n >= 0 && bb.hasRemaining() && ch.isBlocking()) {
                int more = ch.read(bb);
                if (more < 0) {
                    break;
                }
                n += more;
            }
            if (n < 0) {
                break;
            }
            if (n == 0 && total == 0 && !ch.isBlocking()) {
                throw Errno.error(Errno.AGAIN);
            }
            m.write(v.buf, bb.array(), 0, bb.position());
            total += bb.position();
            if (bb.hasRemaining()) {
                break;
            }
        }
        return total;
    }

    private static void send(SocketEntry so, byte[] data) throws IOException {
        if (so.connection == null) {
            throw Errno.error(Errno.NOTCONN);
        }
        so.connection.configureBlocking(true);
        ByteBuffer bb = ByteBuffer.wrap(data);
        while (bb.hasRemaining()) {
            so.connection.write(bb);
        }
    }

    @WasmExport
    public int sockAccept(Module caller, int fd, int flags, int roFd) {
        return call(() -> {
            WasiState s = state(caller);
            SocketEntry so = socket(s, fd);
            if (so.listener == null) {
                return Errno.INVAL;
            }
            if ((flags & ~FDFLAG_NONBLOCK) != 0) {
                return Errno.INVAL;
            }
            so.listener.configureBlocking((so.fdflags & FDFLAG_NONBLOCK) == 0);
            java.nio.channels.SocketChannel conn = so.listener.accept();
            if (conn == null) {
                return Errno.AGAIN;
            }
            SocketEntry accepted = new SocketEntry(null, conn);
            accepted.fdflags = flags & FDFLAG_NONBLOCK;
            mem(caller).writeInt(u32(roFd), s.allocate(accepted));
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int sockRecv(Module caller, int fd, int riData, int riDataLen, int riFlags, int roDatalen, int roFlags) {
        return call(() -> {
            SocketEntry so = connection(state(caller), fd);
            if ((riFlags & ~3) != 0) {
                return Errno.INVAL;
            }
            if ((riFlags & 1) != 0) {
                return Errno.NOTSUP;  // RECV_PEEK: Java's channels cannot peek
            }
            Memory m = mem(caller);
            long n = receive(so, m, iovs(m, riData, riDataLen), (riFlags & 2) != 0);
            m.writeInt(u32(roDatalen), (int) n);
            m.writeShort(u32(roFlags), (short) 0);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int sockSend(Module caller, int fd, int siData, int siDataLen, int siFlags, int soDatalen) {
        return call(() -> {
            SocketEntry so = connection(state(caller), fd);
            if (siFlags != 0) {
                return Errno.INVAL;
            }
            Memory m = mem(caller);
            byte[] data = gather(m, iovs(m, siData, siDataLen));
            send(so, data);
            m.writeInt(u32(soDatalen), data.length);
            return Errno.SUCCESS;
        });
    }

    @WasmExport
    public int sockShutdown(Module caller, int fd, int how) {
        return call(() -> {
            SocketEntry so = socket(state(caller), fd);
            if (how < 1 || how > 3) {
                return Errno.INVAL;
            }
            if (so.connection == null) {
                return Errno.NOTCONN;
            }
            if ((how & 1) != 0) {
                so.connection.shutdownInput();
            }
            if ((how & 2) != 0) {
                so.connection.shutdownOutput();
            }
            return Errno.SUCCESS;
        });
    }

    // ---- stat --------------------------------------------------------------------------------

    record Stat(long dev, long ino, int type, long nlink, long size, long atim, long mtim, long ctim) {
        void write(Memory m, int buf) {
            writeFilestat(m, buf, dev, ino, type, nlink, size, atim, mtim, ctim);
        }
    }

    private static void writeFilestat(Memory m, int buf, long dev, long ino, int type, long nlink, long size,
            long atim, long mtim, long ctim) {
        long p = u32(buf);
        m.writeLong(p, dev);
        m.writeLong(p + 8, ino);
        m.writeLong(p + 16, type & 0xFF);
        m.writeLong(p + 24, nlink);
        m.writeLong(p + 32, size);
        m.writeLong(p + 40, atim);
        m.writeLong(p + 48, mtim);
        m.writeLong(p + 56, ctim);
    }

    private static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }

    static Stat statOf(Path p, boolean follow) throws IOException {
        BasicFileAttributes a = follow ? readAttrs(p, new LinkOption[0]) : readAttrs(p, NOFOLLOW);
        if (a == null) {
            return null;
        }
        return statOf(p, a, follow, null);
    }

    /**
     * The stat of what a directory handle read as {@code a} (type, size and times, race-free);
     * the device, inode, link count and change time come from a read by path, used only when it
     * names the same file (its device and inode are {@code a}'s file key), else
     * {@link Target.Swapped}.
     */
    static Stat statOf(Path p, BasicFileAttributes a) throws IOException {
        return statOf(p, a, false, a.fileKey());
    }

    private static Stat statOf(Path p, BasicFileAttributes a, boolean follow, Object expectKey) throws IOException {
        int type = a.isSymbolicLink() ? WasiState.FILETYPE_SYMBOLIC_LINK
                : a.isDirectory() ? WasiState.FILETYPE_DIRECTORY
                : a.isRegularFile() ? WasiState.FILETYPE_REGULAR_FILE
                : WasiState.FILETYPE_UNKNOWN;
        long dev = 0;
        long ino = a.fileKey() == null ? p.toAbsolutePath().normalize().toString().hashCode() & 0xFFFFFFFFL
                : a.fileKey().hashCode() & 0xFFFFFFFFL;
        long nlink = 1;
        long ctim = nanos(a.lastModifiedTime());
        if (p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            try {
                Map<String, Object> u = Files.readAttributes(p, "unix:dev,ino,nlink,ctime",
                        follow ? new LinkOption[0] : NOFOLLOW);
                dev = ((Number) u.get("dev")).longValue();
                ino = ((Number) u.get("ino")).longValue();
                nlink = ((Number) u.get("nlink")).longValue();
                ctim = nanos((FileTime) u.get("ctime"));
                if (expectKey != null && expectKey.toString().startsWith("(dev=")
                        && !expectKey.toString().equals("(dev=" + Long.toHexString(dev) + ",ino=" + ino + ")")) {
                    throw new Target.Swapped();
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                // keep the basic values
            }
        }
        return new Stat(dev, ino, type, nlink, a.size(), nanos(a.lastAccessTime()), nanos(a.lastModifiedTime()), ctim);
    }

    private static BasicFileAttributes readAttrs(Path p, LinkOption[] opts) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, opts);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
