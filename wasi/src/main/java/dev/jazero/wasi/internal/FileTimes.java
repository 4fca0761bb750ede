package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.FileStat.nanos;
import static dev.jazero.wasi.internal.Flags.FST_ATIM;
import static dev.jazero.wasi.internal.Flags.FST_ATIM_NOW;
import static dev.jazero.wasi.internal.Flags.FST_MTIM;
import static dev.jazero.wasi.internal.Flags.FST_MTIM_NOW;

import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Setting files' access and modification times ({@code fd_filestat_set_times},
 * {@code path_filestat_set_times}), and reading back the exact times set on a symbolic link: JDK
 * 17 sets a link's own times to the microsecond only, so the nanoseconds a guest gave are
 * remembered (per link, while the host still shows the value set). One per module, shared by the
 * functions that set and read times.
 */
final class FileTimes {

    /** Per symbolic link: {atim set, atim on the host, mtim set, mtim on the host}; -1: not set. */
    private final Map<Path, long[]> linkTimes = new ConcurrentHashMap<>();

    /** {@code st}, with the times a guest set on it when it is a link whose host times are still those set. */
    FileStat exact(Path host, FileStat st) {
        if (st == null || st.type() != Flags.FILETYPE_SYMBOLIC_LINK || linkTimes.isEmpty()) {
            return st;
        }
        long[] t = linkTimes.get(host.toAbsolutePath());
        if (t == null) {
            return st;
        }
        long atim = t[0] >= 0 && st.atim() == t[1] ? t[0] : st.atim();
        long mtim = t[2] >= 0 && st.mtim() == t[3] ? t[2] : st.mtim();
        return st.withTimes(atim, mtim);
    }

    /** Sets the times of a path's final component, not following a link there. */
    int set(WasiState s, Target t, long atim, long mtim, int flags) throws IOException {
        return set(s, t.r.mount(), t.host(), t, atim, mtim, flags, false);
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
    int set(WasiState s, Mount mount, Path host, Target t, long atim, long mtim, int flags, boolean follow)
            throws IOException {
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
                } catch (AccessDeniedException e) {
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
}
