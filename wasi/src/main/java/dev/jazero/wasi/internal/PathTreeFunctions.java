package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.Flags.LOOKUP_SYMLINK_FOLLOW;
import static dev.jazero.wasi.internal.PathAt.recheckCreated;
import static dev.jazero.wasi.internal.PathAt.writable;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import dev.jazero.wasi.internal.PathResolver.Mount;
import dev.jazero.wasi.internal.PathResolver.Resolved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.locks.Lock;

/**
 * The {@code path_*} functions that add, remove and rename names in the directory tree:
 * directories, links, symbolic links, unlinking and renaming. A read-only mount refuses them all
 * with {@code EROFS}.
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class PathTreeFunctions {

    private final WasiStates states;

    PathTreeFunctions(WasiStates states) {
        this.states = states;
    }

    @WasmExport
    public int pathCreateDirectory(Module caller, int fd, int path, int pathLen) {
        try {
            return PathAt.at(states.of(caller), caller.memory(), fd, path, pathLen, false, t -> {
                Resolved r = t.r;
                writable(r);
                if (r.comps().size() <= 0 || t.lstat() != null) {
                    return Errno.EXIST;
                }
                if (t.secure()) {
                    return t.createInRoot(Files::createDirectory, false);
                }
                Files.createDirectory(r.host());
                recheckCreated(r, t);
                return Errno.SUCCESS;
            });
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int pathRemoveDirectory(Module caller, int fd, int path, int pathLen) {
        try {
            return PathAt.at(states.of(caller), caller.memory(), fd, path, pathLen, false, t -> {
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
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int pathUnlinkFile(Module caller, int fd, int path, int pathLen) {
        try {
            return PathAt.at(states.of(caller), caller.memory(), fd, path, pathLen, false, t -> {
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
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int pathLink(Module caller, int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd, int newPath,
            int newPathLen) {
        try {
            WasiState s = states.of(caller);
            Memory m = caller.memory();
            return PathAt.at(s, m, oldFd, oldPath, oldPathLen, (oldFlags & LOOKUP_SYMLINK_FOLLOW) != 0,
                    ft -> PathAt.at(s, m, newFd, newPath, newPathLen, false, tt -> link(ft, tt)));
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    private static int link(Target ft, Target tt) throws IOException {
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
        if (ft.secure() && tt.secure()) {
            return linkInRoot(ft, tt);
        }
        Files.createLink(to.host(), from.host());
        recheckCreated(to, tt);
        return Errno.SUCCESS;
    }

    /**
     * A hard link, race-free: Java has no {@code linkat}, and {@code link()} follows links in the
     * directories of both paths. So the new name is claimed with an empty file through its
     * parent's handle ({@link Target#claim}); the source is moved by {@code renameat} into the
     * mount's root under a temporary name, linked there to a second temporary name (two host
     * paths whose only directories are the trusted root's; {@code link()} follows neither final
     * component), moved back, and the new link moved onto the claimed name. The source's name
     * is absent for that instant.
     */
    private static int linkInRoot(Target ft, Target tt) throws IOException {
        Lock changing = Target.changing();
        try {
            return linkInRoot(ft, tt, tt.r.mount());
        } finally {
            changing.unlock();
        }
    }

    private static int linkInRoot(Target ft, Target tt, Mount m) throws IOException {
        synchronized (Target.lock(tt.name.toString())) {
            Object claimed = tt.claim();
            if (claimed == null) {
                return Errno.EXIST;
            }
            try (SecureDirectoryStream<Path> root = Target.root(m)) {
                Path src = Target.freeTemp(root, m);
                ft.dir.move(ft.name, root, src);
                try {
                    BasicFileAttributes a = Target.lstat(root, src);
                    if (a == null) {
                        return Errno.NOENT;
                    }
                    if (a.isDirectory()) {
                        return Errno.PERM;
                    }
                    Path made = Target.freeTemp(root, m);
                    Files.createLink(m.root.resolve(made.toString()), m.root.resolve(src.toString()));
                    try {
                        root.move(made, tt.dir, tt.name);
                        made = null;
                        claimed = null;
                    } finally {
                        if (made != null) {
                            Target.delete(root, made);
                        }
                    }
                } finally {
                    root.move(src, ft.dir, ft.name);
                }
                return Errno.SUCCESS;
            } finally {
                if (claimed != null) {
                    tt.unclaim(claimed);
                }
            }
        }
    }

    /** Refuses absolute targets; a relative one is written as given (following it stays in the sandbox). */
    @WasmExport
    public int pathSymlink(Module caller, int oldPath, int oldPathLen, int fd, int newPath, int newPathLen) {
        try {
            Memory m = caller.memory();
            String target = GuestMemory.string(m, oldPath, oldPathLen);
            return PathAt.at(states.of(caller), m, fd, newPath, newPathLen, false, t -> symlink(t, target));
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    private static int symlink(Target t, String target) throws IOException {
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
        Path text = r.host().getFileSystem().getPath(target);
        if (t.secure()) {
            return t.createInRoot(p -> Files.createSymbolicLink(p, text), true);
        }
        Files.createSymbolicLink(r.host(), text);
        recheckCreated(r, t);
        return Errno.SUCCESS;
    }

    @WasmExport
    public int pathRename(Module caller, int fd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen) {
        try {
            WasiState s = states.of(caller);
            Memory m = caller.memory();
            return PathAt.at(s, m, fd, oldPath, oldPathLen, false,
                    ft -> PathAt.at(s, m, newFd, newPath, newPathLen, false, tt -> rename(ft, tt)));
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
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
            Lock changing = Target.changing();
            try {
                synchronized (Target.lock(tt.name.toString())) {
                    ft.dir.move(ft.name, tt.dir, tt.name);
                }
            } finally {
                changing.unlock();
            }
            return Errno.SUCCESS;
        }
        PathResolver.recheck(from.mount(), from.host());
        Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try {
            PathResolver.recheck(to.mount(), to.host());
        } catch (Errors.WasiError e) {
            Files.move(to.host(), from.host(), StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        return Errno.SUCCESS;
    }
}
