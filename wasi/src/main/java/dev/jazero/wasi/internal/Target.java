package dev.jazero.wasi.internal;

import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import dev.jazero.wasi.internal.PathResolver.Resolved;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
                // Only a directory is opened as one: on a file, the JDK's newDirectoryStream fails
                // after opening it, and some JDKs (25, JDK-8392711) then close a descriptor twice,
                // which can close another thread's. A swap between this look and the open is
                // still possible, and is then only as likely as that narrow window.
                checkDirectory(lstat(cur, n));
                SecureDirectoryStream<Path> next;
                try {
                    next = cur.newDirectoryStream(n, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    checkDirectory(lstat(cur, n));
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

    /** Throws the errno of a path component that is no directory: missing, a link (resolved again) or a file. */
    private static void checkDirectory(BasicFileAttributes a) {
        if (a == null) {
            throw Errors.error(Errno.NOENT);
        }
        if (a.isSymbolicLink()) {
            throw new Swapped();
        }
        if (!a.isDirectory()) {
            throw Errors.error(Errno.NOTDIR);
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
            return;
        }
        Lock l = changing();
        try {
            dir.deleteFile(name);
        } finally {
            l.unlock();
        }
    }

    void deleteDirectory() throws IOException {
        if (dir == null) {
            Files.delete(r.host());
            return;
        }
        Lock l = changing();
        try {
            dir.deleteDirectory(name);
        } finally {
            l.unlock();
        }
    }

    /**
     * Held shared by every change of names through handles (creating, linking, renaming,
     * removing, moving through the root), and alone by {@code path_readlink} while it reads a
     * link by path and checks it: a guest of this JVM can then not swap a directory on the way
     * out and back within that read. (Another process can; see docs/wasi.md.)
     */
    private static final ReentrantReadWriteLock NAMES = new ReentrantReadWriteLock();

    /** {@link #NAMES} held shared, for a change of names; unlock it after. */
    static Lock changing() {
        Lock l = NAMES.readLock();
        l.lock();
        return l;
    }

    /** {@link #NAMES} held alone, while no name changes through this JVM; unlock it after. */
    static Lock still() {
        Lock l = NAMES.writeLock();
        l.lock();
        return l;
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

    /**
     * The prefix of the temporary names made in a mount's root ({@link #createInRoot}); the
     * resolver refuses such names in the root, so that no guest reaches them.
     */
    static final String TEMP_PREFIX = ".jazero-tmp-";

    /** Creates something at a host path, never following a link in its final component. */
    interface Creator {
        void create(Path p) throws IOException;
    }

    /** An action on a host path that names a file directly in the mount's root. */
    interface InRoot {
        void run(Path p) throws IOException;
    }

    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    /**
     * The lock of a final name: creating a name (check that it is free, then {@code renameat} into
     * place, which replaces an empty directory) and renaming onto one hold it, so that two of
     * them on the same name in this JVM never both succeed.
     */
    static Object lock(String name) {
        return STRIPES[name.hashCode() & (STRIPES.length - 1)];
    }

    private static Path tempName(Mount m) {
        return m.root.getFileSystem().getPath(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** A temporary name that is free in the root {@code root} of {@code m} now. */
    static Path freeTemp(SecureDirectoryStream<Path> root, Mount m) throws IOException {
        for (int i = 0; i < 16; i++) {
            Path n = tempName(m);
            if (lstat(root, n) == null) {
                return n;
            }
        }
        throw Errors.error(Errno.EXIST);
    }

    /** The mount's root directory's handle (the host's configured, canonical directory). */
    static SecureDirectoryStream<Path> root(Mount m) throws IOException {
        SecureDirectoryStream<Path> root = openDir(m, List.of());
        if (root == null) {
            throw new UnsupportedOperationException("no directory handles");
        }
        return root;
    }

    /**
     * Creates the final component race-free: {@code c} creates it under a fresh temporary name
     * directly in the mount's root (a host path whose only directories are the trusted root's,
     * and whose final component mkdir, symlink and link never follow), then {@code renameat}
     * moves it from the root's handle to the parent's. When {@code placeholder}, the name is
     * first claimed by creating an empty file there ({@code openat(O_CREAT|O_EXCL)}), which the
     * rename then replaces: a name created meanwhile by someone else is never replaced.
     * Directories cannot be renamed onto a file, so a directory is moved in after a check, under
     * {@link #lock}; the rename then fails on anything but an empty directory.
     *
     * @return {@code EEXIST} when the name is taken, else {@code SUCCESS}
     * @throws IOException {@code EXDEV} when the parent is on another file system than the root
     */
    int createInRoot(Creator c, boolean placeholder) throws IOException {
        Mount m = r.mount();
        Lock changing = changing();
        try {
            return createInRoot(m, c, placeholder);
        } finally {
            changing.unlock();
        }
    }

    private int createInRoot(Mount m, Creator c, boolean placeholder) throws IOException {
        synchronized (lock(name.toString())) {
            if (lstat() != null) {
                return Errno.EXIST;
            }
            try (SecureDirectoryStream<Path> root = root(m)) {
                Path tmp = null;
                for (int i = 0; tmp == null; i++) {
                    Path n = tempName(m);
                    try {
                        c.create(m.root.resolve(n.toString()));
                        tmp = n;
                    } catch (FileAlreadyExistsException e) {
                        if (i >= 16) {
                            throw e;
                        }
                    }
                }
                Object claimed = null;
                try {
                    if (placeholder) {
                        claimed = claim();
                        if (claimed == null) {
                            return Errno.EXIST;
                        }
                    }
                    root.move(tmp, dir, name);
                    tmp = null;
                    claimed = null;
                } catch (IOException e) {
                    if (!placeholder && lstat(dir, name) != null) {
                        return Errno.EXIST;
                    }
                    throw e;
                } finally {
                    if (tmp != null) {
                        delete(root, tmp);
                    }
                    if (claimed != null) {
                        unclaim(claimed);
                    }
                }
                return Errno.SUCCESS;
            }
        }
    }

    /** Claims the final name with an empty file; its file key, or null when the name is taken. */
    Object claim() throws IOException {
        try {
            dir.newByteChannel(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)).close();
        } catch (FileAlreadyExistsException e) {
            return null;
        }
        BasicFileAttributes a = lstat(dir, name);
        return a == null || a.fileKey() == null ? Boolean.TRUE : a.fileKey();
    }

    /** Removes the empty file {@link #claim} made, when it is still there. */
    void unclaim(Object key) throws IOException {
        BasicFileAttributes a = lstat(dir, name);
        if (a != null && a.isRegularFile() && a.size() == 0 && (key == Boolean.TRUE || key.equals(a.fileKey()))) {
            dir.deleteFile(name);
        }
    }

    /** Removes {@code n} from the directory {@code d}, whatever it is. */
    static void delete(SecureDirectoryStream<Path> d, Path n) throws IOException {
        BasicFileAttributes a = lstat(d, n);
        if (a == null) {
            return;
        }
        if (a.isDirectory()) {
            d.deleteDirectory(n);
        } else {
            d.deleteFile(n);
        }
    }

    /**
     * Runs {@code action} on the final component while it lies directly in the mount's root under
     * a temporary name: {@code renameat} moves it there from the parent's handle, and back
     * afterwards. For what no handle can do (setting a link's own times): the host path then has
     * no directory a guest or another process could swap. The final component must be the file
     * whose key is {@code key} (else {@link Swapped}: resolved again).
     */
    void inRoot(Object key, InRoot action) throws IOException {
        Mount m = r.mount();
        Lock changing = changing();
        try {
            inRoot(m, key, action);
        } finally {
            changing.unlock();
        }
    }

    private void inRoot(Mount m, Object key, InRoot action) throws IOException {
        synchronized (lock(name.toString())) {
            try (SecureDirectoryStream<Path> root = root(m)) {
                Path tmp = freeTemp(root, m);
                dir.move(name, root, tmp);
                try {
                    BasicFileAttributes a = lstat(root, tmp);
                    if (a == null || key == null || !key.equals(a.fileKey())) {
                        throw new Swapped();
                    }
                    action.run(m.root.resolve(tmp.toString()));
                } finally {
                    root.move(tmp, dir, name);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (dir != null) {
            dir.close();
        }
    }
}
