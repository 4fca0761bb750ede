package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.Flags.FDFLAG_APPEND;
import static dev.jazero.wasi.internal.Flags.FDFLAG_DSYNC;
import static dev.jazero.wasi.internal.Flags.FDFLAG_NONBLOCK;
import static dev.jazero.wasi.internal.Flags.FDFLAG_RSYNC;
import static dev.jazero.wasi.internal.Flags.FDFLAG_SYNC;
import static dev.jazero.wasi.internal.Flags.LOOKUP_SYMLINK_FOLLOW;
import static dev.jazero.wasi.internal.Flags.OFLAG_CREAT;
import static dev.jazero.wasi.internal.Flags.OFLAG_DIRECTORY;
import static dev.jazero.wasi.internal.Flags.OFLAG_EXCL;
import static dev.jazero.wasi.internal.Flags.OFLAG_TRUNC;
import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import dev.jazero.wasi.internal.PathResolver.Resolved;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * The {@code path_*} functions on what a path names: {@code path_open}, {@code path_filestat_*}
 * and {@code path_readlink}. ({@link PathTreeFunctions} has those that add, remove and rename
 * names.)
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class PathFunctions {

    private final WasiStates states;
    private final FileTimes times;

    PathFunctions(WasiStates states, FileTimes times) {
        this.states = states;
        this.times = times;
    }

    @WasmExport
    public int pathOpen(Module caller, int fd, int dirflags, int path, int pathLen, int oflags, long fsRightsBase,
            long fsRightsInheriting, int fdflags, int openedFd) {
        try {
            WasiState s = states.of(caller);
            DirEntry d = s.fds.dir(fd);
            String p = GuestMemory.string(caller.memory(), path, pathLen);
            boolean follow = (dirflags & LOOKUP_SYMLINK_FOLLOW) != 0;
            return PathAt.at(d.mount, d.comps, p, follow, t -> open(caller, s, d, t, oflags, fsRightsBase,
                    fsRightsInheriting, fdflags, openedFd));
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    private static int open(Module caller, WasiState s, DirEntry d, Target t, int oflags, long fsRightsBase,
            long fsRightsInheriting, int fdflags, int openedFd) throws IOException {
        Resolved r = t.r;
        boolean creat = (oflags & OFLAG_CREAT) != 0;
        boolean excl = (oflags & OFLAG_EXCL) != 0;
        boolean trunc = (oflags & OFLAG_TRUNC) != 0;
        boolean directory = (oflags & OFLAG_DIRECTORY) != 0;
        boolean wantWrite = (fsRightsBase & (Rights.FD_WRITE | (1L << 22))) != 0
                || (fdflags & FDFLAG_APPEND) != 0 || trunc;
        boolean wantRead = (fsRightsBase & (Rights.FD_READ | (1L << 14))) != 0;
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
            if ((fsRightsBase & Rights.FD_WRITE) != 0 || (fdflags & FDFLAG_APPEND) != 0) {
                return Errno.ISDIR;
            }
            PathResolver.recheck(r.mount(), r.host());
            DirEntry nd = new DirEntry(r.mount(), r.comps(), null);
            nd.rightsBase = fsRightsBase & Rights.DIR & d.rightsInheriting;
            nd.rightsInheriting = fsRightsInheriting & d.rightsInheriting;
            nd.fdflags = fdflags;
            caller.memory().writeInt(u32(openedFd), s.fds.allocate(nd));
            return Errno.SUCCESS;
        }
        if (directory || r.trailingSlash()) {
            return Errno.NOTDIR;
        }
        if (r.mount().readOnly && (wantWrite || creat)) {
            return Errno.ROFS;
        }
        if (trunc && (d.rightsBase & Rights.PATH_FILESTAT_SET_SIZE) == 0) {
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
            } catch (Errors.WasiError e) {
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
        f.rightsBase = fsRightsBase & Rights.FILE & d.rightsInheriting;
        f.rightsInheriting = fsRightsInheriting & d.rightsInheriting;
        f.fdflags = fdflags & (FDFLAG_APPEND | FDFLAG_NONBLOCK | FDFLAG_DSYNC | FDFLAG_RSYNC | FDFLAG_SYNC);
        caller.memory().writeInt(u32(openedFd), s.fds.allocate(f));
        return Errno.SUCCESS;
    }

    @WasmExport
    public int pathFilestatGet(Module caller, int fd, int flags, int path, int pathLen, int buf) {
        try {
            Memory m = caller.memory();
            return PathAt.at(states.of(caller), m, fd, path, pathLen, (flags & LOOKUP_SYMLINK_FOLLOW) != 0, t -> {
                Resolved r = t.r;
                FileStat st;
                if (t.secure()) {
                    BasicFileAttributes a = t.lstat();
                    st = a == null ? null : FileStat.of(r.host(), a);
                } else {
                    st = FileStat.of(r.host(), false);
                }
                st = times.exact(st);
                if (st == null) {
                    return Errno.NOENT;
                }
                if (r.trailingSlash() && st.type() != Flags.FILETYPE_DIRECTORY) {
                    return Errno.NOTDIR;
                }
                st.write(m, buf);
                return Errno.SUCCESS;
            });
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int pathFilestatSetTimes(Module caller, int fd, int flags, int path, int pathLen, long atim, long mtim,
            int fstFlags) {
        try {
            WasiState s = states.of(caller);
            return PathAt.at(s, caller.memory(), fd, path, pathLen, (flags & LOOKUP_SYMLINK_FOLLOW) != 0,
                    t -> times.set(s, t, atim, mtim, fstFlags));
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int pathReadlink(Module caller, int fd, int path, int pathLen, int buf, int bufLen, int bufused) {
        try {
            Memory m = caller.memory();
            return PathAt.at(states.of(caller), m, fd, path, pathLen, false, t -> readlink(m, t, buf, bufLen, bufused));
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    private static int readlink(Memory m, Target t, int buf, int bufLen, int bufused) throws IOException {
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
        String text;
        // No guest of this JVM changes a name meanwhile (Target.still): none can swap a
        // directory on the way out and back between the read and the check.
        Lock still = t.secure() ? Target.still() : null;
        try {
            try {
                text = Files.readSymbolicLink(r.host()).toString();
            } catch (NotLinkException | NoSuchFileException e) {
                if (t.secure()) {
                    throw new Target.Swapped();  // the path names something else now: resolve again
                }
                throw e;
            }
            if (t.secure()) {
                BasicFileAttributes viaPath = PathResolver.stat(r.host());
                if (viaPath == null || a.fileKey() == null || !a.fileKey().equals(viaPath.fileKey())) {
                    throw new Target.Swapped();
                }
            }
        } finally {
            if (still != null) {
                still.unlock();
            }
        }
        if (leavesMount(r.parent(), text)) {
            // An absolute target names a host path; one above the mount's root leads out of it.
            return Errno.NOTCAPABLE;
        }
        byte[] target = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(target.length, bufLen);
        m.write(u32(buf), target, 0, n);
        m.writeInt(u32(bufused), n);
        return Errno.SUCCESS;
    }

    /**
     * Whether the link target {@code target}, of a link in the directory {@code parent}
     * (components below the mount's root), is absolute or climbs above the mount's root.
     */
    static boolean leavesMount(List<String> parent, String target) {
        if (target.startsWith("/")) {
            return true;
        }
        int depth = parent.size();
        for (String c : target.split("/")) {
            if (c.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!c.isEmpty() && !c.equals(".")) {
                depth++;
            }
        }
        return false;
    }
}
