package dev.jazero.wasi.internal;

import dev.jazero.wasi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path against a directory inside a mount, component by component, never
 * letting the host follow a symbolic link: every link is read and resolved here, and one that
 * leads above the directory the guest started from (by {@code ..} or an absolute target) is
 * refused with {@code ENOTCAPABLE}. The result names a host path with no symbolic link in its
 * directories, below the mount's root.
 */
final class PathResolver {

    /** The most symbolic links one resolution follows, as Linux's {@code MAXSYMLINKS}. */
    static final int MAX_LINKS = 40;

    private PathResolver() {
    }

    /** A mounted directory: its canonical host root and whether it refuses writes. */
    static final class Mount {
        final Path root;
        final boolean readOnly;
        final String guestPath;

        Mount(Path root, boolean readOnly, String guestPath) {
            this.root = root;
            this.readOnly = readOnly;
            this.guestPath = guestPath;
        }

        Path host(List<String> comps) {
            Path p = root;
            for (String c : comps) {
                p = p.resolve(c);
            }
            return p;
        }
    }

    /** A resolved path: the components below the mount's root, and the host path they name. */
    record Resolved(Mount mount, List<String> comps, Path host, boolean trailingSlash) {
        String name() {
            return comps.isEmpty() ? "." : comps.get(comps.size() - 1);
        }

        List<String> parent() {
            return comps.subList(0, Math.max(0, comps.size() - 1));
        }
    }

    /**
     * Resolves {@code path} relative to the directory {@code base} (components below the
     * mount's root). Symbolic links in the middle are always followed (inside the sandbox); the
     * last one only when {@code followFinal} or the path ends in a slash.
     *
     * @throws Errors.WasiError with the errno the guest gets
     */
    static Resolved resolve(Mount mount, List<String> base, String path, boolean followFinal) {
        if (path.isEmpty()) {
            throw Errors.error(Errno.NOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw Errors.error(Errno.ILSEQ);
        }
        if (path.startsWith("/")) {
            throw Errors.error(Errno.NOTCAPABLE);
        }
        boolean trailingSlash = path.endsWith("/");
        Deque<String> pending = new ArrayDeque<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                pending.addLast(c);
            }
        }
        checkBase(mount, base);
        int floor = base.size();
        List<String> cur = new ArrayList<>(base);
        int links = 0;
        boolean lastTrailing = trailingSlash;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            boolean last = pending.isEmpty();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (cur.size() <= floor) {
                    throw Errors.error(Errno.NOTCAPABLE);
                }
                cur.remove(cur.size() - 1);
                continue;
            }
            if (cur.isEmpty() && c.startsWith(Target.TEMP_PREFIX)) {
                // The root's temporary names are the host's, while it creates, links or sets times.
                throw Errors.error(Errno.NOTCAPABLE);
            }
            cur.add(c);
            Path host = mount.host(cur);
            BasicFileAttributes attrs = stat(host);
            if (attrs == null) {
                if (!last) {
                    throw Errors.error(Errno.NOENT);
                }
                continue;
            }
            if (attrs.isSymbolicLink() && (!last || followFinal || lastTrailing)) {
                if (++links > MAX_LINKS) {
                    throw Errors.error(Errno.LOOP);
                }
                String target;
                try {
                    target = Files.readSymbolicLink(host).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    throw Errors.error(Errors.of(e));
                }
                if (target.isEmpty()) {
                    throw Errors.error(Errno.NOENT);
                }
                if (target.startsWith("/")) {
                    throw Errors.error(Errno.NOTCAPABLE);
                }
                cur.remove(cur.size() - 1);
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    if (!parts[i].isEmpty()) {
                        pending.addFirst(parts[i]);
                    }
                }
                if (last && target.endsWith("/")) {
                    lastTrailing = true;
                }
                continue;
            }
            if (!last && !attrs.isDirectory()) {
                throw Errors.error(Errno.NOTDIR);
            }
        }
        return new Resolved(mount, List.copyOf(cur), mount.host(cur), trailingSlash);
    }

    /**
     * Checks that the directory a descriptor names is still a directory reached without links:
     * one swapped for a symbolic link since it was opened would otherwise lead the host anywhere.
     */
    static void checkBase(Mount mount, List<String> base) {
        Path p = mount.root;
        for (String c : base) {
            p = p.resolve(c);
            BasicFileAttributes a = stat(p);
            if (a == null) {
                throw Errors.error(Errno.NOENT);
            }
            if (a.isSymbolicLink()) {
                throw Errors.error(Errno.NOTCAPABLE);
            }
            if (!a.isDirectory()) {
                throw Errors.error(Errno.NOTDIR);
            }
        }
    }

    /** Stats without following a link; null when nothing is there. */
    static BasicFileAttributes stat(Path host) {
        try {
            return Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            int errno = Errors.of(e);
            if (errno == Errno.NOENT) {
                return null;
            }
            throw Errors.error(errno);
        }
    }

    /**
     * Checks, after the host opened or changed {@code host}, that no symbolic link was swapped
     * into its directories meanwhile: its real path must still lie inside the mount.
     */
    static void recheck(Mount mount, Path host) {
        try {
            if (host.getFileSystem() != java.nio.file.FileSystems.getDefault() && !host.equals(mount.root)
                    && stat(host) == null) {
                // A zip file system writes a new entry only when its channel is closed: check the parent.
                if (!host.getParent().toRealPath().startsWith(mount.root)) {
                    throw Errors.error(Errno.NOTCAPABLE);
                }
                return;
            }
            Path real = host.toRealPath(LinkOption.NOFOLLOW_LINKS);
            Path parentReal = host.equals(mount.root) ? real : host.getParent().toRealPath();
            if (!real.startsWith(mount.root) || !parentReal.startsWith(mount.root)) {
                throw Errors.error(Errno.NOTCAPABLE);
            }
        } catch (IOException e) {
            throw Errors.error(Errors.of(e));
        }
    }
}
