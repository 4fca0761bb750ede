package dev.jazero.wasi.internal;

import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import dev.jazero.wasi.internal.PathResolver.Resolved;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * A resolved path's final component, reached through open directory handles: the directories
 * from the mount's root to its parent are opened one by one, each relative to the one before
 * and never following a symbolic link ({@code openat} with {@code O_NOFOLLOW}), and the
 * operation is done relative to the parent's handle ({@code fstatat}, {@code unlinkat},
 * {@code renameat}, {@code openat}). A directory swapped for a link after {@link PathResolver}
 * resolved the path is then never followed by the host: the walk notices it and throws
 * {@link Swapped}, and the caller resolves the path again (inside the sandbox, as before).
 *
 * <p>Where the mount's file system has no {@link SecureDirectoryStream} (zip or in-memory file
 * systems), and for the mount's root itself, {@link #dir} is null and the operations use the
 * host path, as {@link PathResolver} resolved it.
 */
final class Target implements Closeable {

    /** How often one call resolves its path again after a directory on the way was swapped. */
    static final int RETRIES = 8;

    /** A directory on the way, or the final component resolved through a link, changed into a link. */
    static final class Swapped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Swapped() {
            super(null, null, false, false);
        }
    }

    final Resolved r;
    /** The parent directory's handle; null: host-path operations. */
    final SecureDirectoryStream<Path> dir;
    /** The final component, relative to {@link #dir}. */
    final Path name;
    /** Whether the final component was a link the resolver followed. */
    private final boolean followed;

    private Target(Resolved r, SecureDirectoryStream<Path> dir, boolean followed) {
        this.r = r;
        this.dir = dir;
        this.name = dir == null ? null : r.mount().root.getFileSystem().getPath(r.name());
        this.followed = followed;
    }

    static Target of(Resolved r, boolean follow) throws IOException {
        if (r.comps().isEmpty()) {
            return new Target(r, null, false);
        }
        return new Target(r, openDir(r.mount(), r.parent()), follow || r.trailingSlash());
    }

    /**
     * Opens the directory {@code comps} names below the mount's root, never following a link;
     * null when the file system has no secure directory streams.
     *
     * @throws Swapped when a component is a symbolic link now
     */
    static SecureDirectoryStream<Path> openDir(Mount m, List<String> comps) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(m.root);
        if (!(ds instanceof SecureDirectoryStream<Path> root)) {
            ds.close();
            return null;
        }
        SecureDirectoryStream<Path> cur = root;
        try {
            for (String c : comps) {
                Path n = m.root.getFileSystem().getPath(c);
                SecureDirectoryStream<Path> next;
                try {
                    next = cur.newDirectoryStream(n, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    BasicFileAttributes a = lstat(cur, n);
                    if (a == null) {
                        throw Errors.error(Errno.NOENT);
                    }
                    if (a.isSymbolicLink()) {
                        throw new Swapped();
                    }
                    if (!a.isDirectory()) {
                        throw Errors.error(Errno.NOTDIR);
                    }
                    throw e;
                }
                cur.close();
                cur = next;
            }
            return cur;
        } catch (IOException | RuntimeException e) {
            cur.close();
            throw e;
        }
    }

    static BasicFileAttributes lstat(SecureDirectoryStream<Path> d, Path n) throws IOException {
        try {
            return d.getFileAttributeView(n, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    boolean secure() {
        return dir != null;
    }

    Path host() {
        return r.host();
    }

    /**
     * The final component's attributes, not following a link; null when nothing is there.
     *
     * @throws Swapped when the resolver followed a link there and a link is there again
     */
    BasicFileAttributes lstat() throws IOException {
        BasicFileAttributes a = dir == null ? PathResolver.stat(r.host()) : lstat(dir, name);
        if (a != null && a.isSymbolicLink() && followed) {
            throw new Swapped();
        }
        return a;
    }

    /** Opens the final component; never follows a link there (the resolver did). */
    SeekableByteChannel open(Set<OpenOption> opts) throws IOException {
        if (dir == null) {
            return null;
        }
        return dir.newByteChannel(name, opts);
    }

    void deleteFile() throws IOException {
        if (dir == null) {
            Files.delete(r.host());
        } else {
            dir.deleteFile(name);
        }
    }

    void deleteDirectory() throws IOException {
        if (dir == null) {
            Files.delete(r.host());
        } else {
            dir.deleteDirectory(name);
        }
    }

    /** Whether the final component, a directory, has no entries. */
    boolean emptyDirectory() throws IOException {
        if (dir == null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(r.host())) {
                return !ds.iterator().hasNext();
            }
        }
        try (DirectoryStream<Path> ds = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            BasicFileAttributes a = lstat(dir, name);
            if (a != null && a.isSymbolicLink()) {
                throw new Swapped();
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (dir != null) {
            dir.close();
        }
    }
}
