package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.FileStat.nanos;
import static dev.jazero.wasi.internal.Flags.FST_ATIM;
import static dev.jazero.wasi.internal.Flags.FST_ATIM_NOW;
import static dev.jazero.wasi.internal.Flags.FST_MTIM;
import static dev.jazero.wasi.internal.Flags.FST_MTIM_NOW;

import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Setting files' access and modification times ({@code fd_filestat_set_times},
 * {@code path_filestat_set_times}) through directory handles, and reading back the exact times
 * set. JDK 17 sets times through a handle ({@code futimes}) and a link's own times
 * ({@code lutimes}) to the microsecond only, so the nanoseconds a guest gave are remembered per
 * file (device and inode), while the host still shows the value set. One per module, shared by
 * the functions that set and read times.
 */
final class FileTimes {

    /** The most files whose exact times are remembered; beyond, the memory starts again. */
    private static final int MAX_REMEMBERED = 1 << 14;

    /** Per file key: {atim set, atim on the host, mtim set, mtim on the host}. */
    private final Map<String, long[]> exactTimes = new ConcurrentHashMap<>();

    /** {@code st}, with the times a guest set on it while its host times are still those set. */
    FileStat exact(FileStat st) {
        if (st == null || exactTimes.isEmpty()) {
            return st;
        }
        long[] t = exactTimes.get("(dev=" + Long.toHexString(st.dev()) + ",ino=" + st.ino() + ")");
        if (t == null) {
            return st;
        }
        long atim = st.atim() == t[1] ? t[0] : st.atim();
        long mtim = st.mtim() == t[3] ? t[2] : st.mtim();
        return st.withTimes(atim, mtim);
    }

    private static boolean micros(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS) % 1000 == 0;
    }

    /**
     * Remembers the times {@code a} and {@code mt} set (the one not to change as it was) on the
     * file of {@code key}, when the host shows them to the microsecond only.
     */
    private void remember(Object key, FileTime a, FileTime mt, BasicFileAttributes after) {
        if (key == null || after == null || !key.equals(after.fileKey())) {
            return;
        }
        if (micros(a) && micros(mt)) {
            exactTimes.remove(key.toString());
            return;
        }
        if (exactTimes.size() >= MAX_REMEMBERED) {
            exactTimes.clear();
        }
        exactTimes.put(key.toString(), new long[] {nanos(a), nanos(after.lastAccessTime()), nanos(mt),
                                                   nanos(after.lastModifiedTime())});
    }

    /** The times to set: {access, modification}, null for one left as it is; null for {@code EINVAL}. */
    private static FileTime[] times(WasiState s, long atim, long mtim, int flags) {
        if ((flags & ~0xF) != 0 || (flags & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                || (flags & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
            return null;
        }
        FileTime[] t = new FileTime[2];
        if ((flags & (FST_ATIM_NOW | FST_MTIM_NOW)) != 0) {
            long now = s.walltime();
            if ((flags & FST_ATIM_NOW) != 0) {
                t[0] = FileTime.from(now, TimeUnit.NANOSECONDS);
            }
            if ((flags & FST_MTIM_NOW) != 0) {
                t[1] = FileTime.from(now, TimeUnit.NANOSECONDS);
            }
        }
        if ((flags & FST_ATIM) != 0) {
            t[0] = FileTime.from(atim, TimeUnit.NANOSECONDS);
        }
        if ((flags & FST_MTIM) != 0) {
            t[1] = FileTime.from(mtim, TimeUnit.NANOSECONDS);
        }
        return t;
    }

    /**
     * Sets the times of a path's final component, not following a link there. Through the
     * parent's handle: a regular file or directory by its own handle ({@code openat} with
     * {@code O_NOFOLLOW}, {@code futimes}); a symbolic link while it lies in the mount's root
     * under a temporary name ({@link Target#inRoot}, {@code lutimes}); other files (FIFOs,
     * devices, sockets) are refused with {@code ENOTSUP}: opening one could block or act on a
     * device.
     */
    int set(WasiState s, Target t, long atim, long mtim, int flags) throws IOException {
        FileTime[] ft = times(s, atim, mtim, flags);
        if (ft == null) {
            return Errno.INVAL;
        }
        if (t.r.mount().readOnly) {
            return Errno.ROFS;
        }
        if (!t.secure()) {
            return setByPath(t.r.mount(), t.host(), ft[0], ft[1], false);
        }
        BasicFileAttributes cur = t.lstat();
        if (cur == null) {
            return Errno.NOENT;
        }
        FileTime na = ft[0] == null ? cur.lastAccessTime() : ft[0];
        FileTime nm = ft[1] == null ? cur.lastModifiedTime() : ft[1];
        if (cur.isRegularFile() || cur.isDirectory()) {
            try {
                t.dir.getFileAttributeView(t.name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(nm, na, null);
            } catch (IOException e) {
                t.lstat();  // Swapped when a link is there now
                throw e;
            }
        } else if (cur.isSymbolicLink()) {
            t.inRoot(cur.fileKey(), p -> Files.getFileAttributeView(p, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(nm, na, null));
        } else {
            return Errno.NOTSUP;
        }
        remember(cur.fileKey(), na, nm, Target.lstat(t.dir, t.name));
        return Errno.SUCCESS;
    }

    /**
     * Sets the times of a descriptor's file or directory, through handles walked from the
     * mount's root: a directory by its own handle; a file by its parent's, when the name still
     * names the file the descriptor opened ({@code ENOENT} when nothing is there, {@code ENOTSUP}
     * when another file is: Java has no {@code futimens} on an open channel).
     */
    int set(WasiState s, Entry e, long atim, long mtim, int flags) throws IOException {
        Mount mount;
        List<String> comps;
        Object key = null;
        if (e instanceof FileEntry f) {
            mount = f.mount;
            comps = f.comps;
            key = f.fileKey;
        } else if (e instanceof DirEntry d) {
            mount = d.mount;
            comps = d.comps;
        } else {
            return Errno.BADF;
        }
        FileTime[] ft = times(s, atim, mtim, flags);
        if (ft == null) {
            return Errno.INVAL;
        }
        if (mount.readOnly) {
            return Errno.ROFS;
        }
        boolean file = e instanceof FileEntry;
        for (int i = 0; i < Target.RETRIES; i++) {
            List<String> dirComps = file ? comps.subList(0, comps.size() - 1) : comps;
            try (SecureDirectoryStream<Path> dir = Target.openDir(mount, dirComps)) {
                if (dir == null || file && key == null) {
                    return setByPath(mount, mount.host(comps), ft[0], ft[1], true);
                }
                BasicFileAttributeView view;
                BasicFileAttributes cur;
                if (file) {
                    Path name = mount.root.getFileSystem().getPath(comps.get(comps.size() - 1));
                    cur = Target.lstat(dir, name);
                    if (cur == null) {
                        return Errno.NOENT;
                    }
                    if (!key.equals(cur.fileKey())) {
                        return Errno.NOTSUP;
                    }
                    view = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                } else {
                    view = dir.getFileAttributeView(BasicFileAttributeView.class);
                    cur = view.readAttributes();
                }
                FileTime na = ft[0] == null ? cur.lastAccessTime() : ft[0];
                FileTime nm = ft[1] == null ? cur.lastModifiedTime() : ft[1];
                view.setTimes(nm, na, null);
                remember(cur.fileKey(), na, nm, view.readAttributes());
                return Errno.SUCCESS;
            } catch (Target.Swapped x) {
                // a directory on the way is a link now: walk again
            }
        }
        return Errno.NOTCAPABLE;
    }

    /**
     * Sets times by host path: only on file systems without directory handles (zip, in-memory),
     * which live in the JVM; checked before and after ({@link PathResolver#recheck}).
     */
    private static int setByPath(Mount mount, Path host, FileTime a, FileTime mt, boolean follow) throws IOException {
        BasicFileAttributeView view = follow ? Files.getFileAttributeView(host, BasicFileAttributeView.class)
                : Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (PathResolver.stat(host) == null) {
            return Errno.NOENT;
        }
        PathResolver.recheck(mount, host);
        view.setTimes(mt, a, null);
        return Errno.SUCCESS;
    }
}
