package dev.jazero.wasi.internal;

import dev.jazero.api.Memory;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import dev.jazero.wasi.internal.PathResolver.Resolved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What the {@code path_*} functions share: a guest path, relative to a directory descriptor, is
 * resolved in the sandbox ({@link PathResolver}) and the function's body runs on the result
 * through directory handles ({@link Target}), resolving again when a directory on the way was
 * swapped for a link meanwhile; and the checks of what they create where there are no handles.
 */
final class PathAt {
    private PathAt() {
    }

    /** A path function's body, on the resolved target; returns an errno. */
    interface Body {
        int run(Target t) throws IOException;
    }

    /**
     * Resolves {@code p} against a directory and runs {@code body} on it through directory
     * handles ({@link Target}); resolves again when a directory on the way was swapped for a link
     * meanwhile, and gives up with {@code ENOTCAPABLE} after {@link Target#RETRIES} tries.
     */
    static int at(Mount mount, List<String> base, String p, boolean follow, Body body) throws IOException {
        for (int i = 0; i < Target.RETRIES; i++) {
            Resolved r = PathResolver.resolve(mount, base, p, follow);
            try (Target t = Target.of(r, follow)) {
                return body.run(t);
            } catch (Target.Swapped e) {
                // resolve again: the link is followed (or refused) inside the sandbox
            }
        }
        throw Errors.error(Errno.NOTCAPABLE);
    }

    /** {@link #at} the guest path of {@code pathLen} bytes at {@code path}, relative to the directory {@code fd}. */
    static int at(WasiState s, Memory m, int fd, int path, int pathLen, boolean follow, Body body) throws IOException {
        DirEntry d = s.fds.dir(fd);
        return at(d.mount, d.comps, GuestMemory.string(m, path, pathLen), follow, body);
    }

    /** {@code EROFS} unless the mount of {@code r} may be written. */
    static void writable(Resolved r) {
        if (r.mount().readOnly) {
            throw Errors.error(Errno.ROFS);
        }
    }

    /**
     * After creating {@code r} by path, on a file system without directory handles (where
     * {@link Target#createInRoot} cannot serve): its real path must lie inside the mount and,
     * when {@code t} has a handle on its parent directory, the handle must see the very file the
     * path names; else it was created through a link swapped in meanwhile and is removed again
     * ({@code ENOTCAPABLE}).
     */
    static void recheckCreated(Resolved r, Target t) throws IOException {
        try {
            PathResolver.recheck(r.mount(), r.host());
            if (t != null && t.secure()) {
                BasicFileAttributes viaHandle = Target.lstat(t.dir, t.name);
                BasicFileAttributes viaPath = PathResolver.stat(r.host());
                if (viaHandle == null || viaPath == null || viaHandle.fileKey() == null
                        || !viaHandle.fileKey().equals(viaPath.fileKey())) {
                    throw Errors.error(Errno.NOTCAPABLE);
                }
            }
        } catch (Errors.WasiError e) {
            Files.deleteIfExists(r.host());
            throw e;
        }
    }
}
