package dev.jazero.integration.wasi;

import static dev.jazero.integration.wasi.WasiGuest.ALL_RIGHTS;
import static dev.jazero.integration.wasi.WasiGuest.OFLAG_CREAT;
import static dev.jazero.integration.wasi.WasiGuest.OFLAG_TRUNC;
import static dev.jazero.integration.wasi.WasiGuest.RIGHT_FD_READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A directory inside the mount is swapped, over and over, between a real directory and a
 * symbolic link to a directory outside the mount, while a guest calls every path function
 * through it: creating files, directories, symbolic and hard links, reading links, renaming,
 * unlinking, removing, reading and setting metadata. The swapping is done by a second guest
 * sharing the mount (through WASI calls) or by a host thread. Whatever lands in the window
 * between the sandbox's checks and the host's operation, nothing outside may be created,
 * changed, removed or read, and no link's host path outside may be shown.
 *
 * <p>Each race runs {@code jazero.race.millis} milliseconds (default 3000).
 */
class WasiRaceTest {

    static final int PREOPEN = 3;
    static final long RACE_MILLIS = Long.getLong("jazero.race.millis", 3000);
    /** Of the 14 kinds of call counted, how many must have succeeded at least once. */
    static final int MIN_KINDS = 10;
    /** Times with nanoseconds beyond the microsecond (JDK 17 sets no finer through a handle). */
    static final long NANOS = 1_000_000_000_123L;

    Path outer;
    Path outside;
    Path mount;
    long outsideCanaryIno;

    @BeforeEach
    void setUp() throws IOException {
        outer = Files.createTempDirectory("jazero-race-");
        Files.writeString(outer.resolve("secret.txt"), "secret");
        outside = outer.resolve("outside");
        // The names the guest works on inside the swapped directory, here outside the mount.
        Files.createDirectories(outside.resolve("gone"));
        Files.createDirectories(outside.resolve("rmme"));
        Files.writeString(outside.resolve("canary.txt"), "canary");
        Files.writeString(outside.resolve("renamed.txt"), "renamed canary");
        Files.writeString(outside.resolve("unlinkme.txt"), "unlink me");
        Files.writeString(outside.resolve("gone/keep.txt"), "keep");
        Files.createSymbolicLink(outside.resolve("lnk"), outer.resolve("secret.txt"));
        outsideCanaryIno = ((Number) Files.getAttribute(outside.resolve("canary.txt"), "unix:ino")).longValue();
        mount = outer.resolve("mount");
        // Below the root, so that the swaps (in sub) and the calls' work in the root (temporary
        // names) do not wait on one directory's lock, which can make them fall into step.
        Files.createDirectories(mount.resolve("sub/d"));
        Files.writeString(mount.resolve("sub/d/canary.txt"), "inside");
        Files.createSymbolicLink(mount.resolve("sub/d/lnk"), Path.of("canary.txt"));
        Files.writeString(mount.resolve("src.txt"), "source");
    }

    @AfterEach
    void tearDown() throws IOException {
        WasiRun.deleteTree(outer);
    }

    /**
     * Everything under {@code outer} but the mount: type, size, times (also the change time),
     * file key, link count, content or link target.
     */
    Map<String, String> snapshotOutside() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(outer)) {
            for (Path p : s.toList()) {
                if (p.startsWith(mount)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Map<String, Object> u = Files.readAttributes(p, "unix:ctime,nlink", LinkOption.NOFOLLOW_LINKS);
                String v = (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f") + " " + a.size() + " "
                        + a.lastModifiedTime() + " " + a.lastAccessTime() + " " + u.get("ctime") + " " + a.fileKey()
                        + " " + u.get("nlink")
                        + (a.isRegularFile() ? " " + Files.readString(p) : "")
                        + (a.isSymbolicLink() ? " -> " + Files.readSymbolicLink(p) : "");
                m.put(outer.relativize(p).toString(), v);
            }
        }
        return m;
    }

    /** The file keys of everything outside the mount. */
    Set<Object> outsideKeys() throws IOException {
        Set<Object> keys = new HashSet<>();
        try (Stream<Path> s = Files.walk(outer)) {
            for (Path p : s.toList()) {
                if (!p.startsWith(mount)) {
                    keys.add(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
                }
            }
        }
        return keys;
    }

    /** One swap of {@code d}: out for a link to {@code ../outside}, and back. */
    interface Swapper extends AutoCloseable {
        void swap() throws Exception;

        @Override
        default void close() {
        }
    }

    /**
     * A second guest sharing the mount swaps {@code d} by WASI calls. The link outside has a
     * relative target that would stay inside the mount from {@code d}: path_readlink must not
     * show it even so.
     */
    @Test
    void aGuestSwappingADirectoryForALinkNeverLetsAnotherGuestOut() throws Exception {
        Files.delete(outside.resolve("lnk"));
        Files.createSymbolicLink(outside.resolve("lnk"), Path.of("renamed.txt"));
        race(() -> {
            WasiGuest sw = new WasiGuest(ModuleConfig.defaults().withFSConfig(fs()));
            return new Swapper() {
                int n;

                @Override
                public void swap() {
                    check("rename d", sw.rename(PREOPEN, "sub/d", PREOPEN, "sub/d-real"));
                    if (n++ % 2 == 0) {
                        check("symlink d", sw.symlink("../../outside", PREOPEN, "sub/d"));
                        check("unlink d", sw.unlink(PREOPEN, "sub/d"));
                    } else {
                        // a link made once, renamed in and out
                        if (n == 2) {
                            check("symlink link", sw.symlink("../../outside", PREOPEN, "sub/link"));
                        }
                        check("rename link", sw.rename(PREOPEN, "sub/link", PREOPEN, "sub/d"));
                        check("rename d back", sw.rename(PREOPEN, "sub/d", PREOPEN, "sub/link"));
                    }
                    check("rename d-real", sw.rename(PREOPEN, "sub/d-real", PREOPEN, "sub/d"));
                }

                @Override
                public void close() {
                    sw.close();
                }
            };
        });
    }

    /**
     * A host thread (as another process would) swaps {@code d}. The link outside has an absolute
     * target, which path_readlink never shows (a relative one another process can make it read
     * by swapping out and back within the read: see docs/wasi.md).
     */
    @Test
    void aHostThreadSwappingADirectoryForALinkNeverLetsTheGuestOut() throws Exception {
        Path d = mount.resolve("sub/d");
        Path real = mount.resolve("sub/d-real");
        race(() -> () -> {
            Files.move(d, real, StandardCopyOption.ATOMIC_MOVE);
            Files.createSymbolicLink(d, Path.of("../../outside"));
            Thread.onSpinWait();
            Files.delete(d);
            Files.move(real, d, StandardCopyOption.ATOMIC_MOVE);
            // a real directory for up to 5 µs, so that calls get past their checks
            long until = System.nanoTime() + ThreadLocalRandom.current().nextInt(5_000);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
    }

    static void check(String what, int errno) {
        if (errno != 0) {
            throw new AssertionError(what + ": errno " + errno);
        }
    }

    FSConfig fs() {
        return FSConfig.defaults().withDirMount(mount.toString(), "/");
    }

    interface SwapperFactory {
        Swapper create() throws Exception;
    }

    private void race(SwapperFactory factory) throws Exception {
        snapshotOutside();  // reading the files sets their access times once (relatime)
        Map<String, String> before = snapshotOutside();
        Set<Object> keysOutside = outsideKeys();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        AtomicReference<Throwable> swapperFailed = new AtomicReference<>();
        Map<String, Integer> ok = new ConcurrentHashMap<>();
        List<String> leaks = new ArrayList<>();
        Swapper swapper = factory.create();
        Thread swapping = new Thread(() -> {
            try (swapper) {
                while (!stop.get()) {
                    swapper.swap();
                    swaps.incrementAndGet();
                }
            } catch (Throwable t) {
                swapperFailed.set(t);
            }
        }, "swapper");
        int rounds = 0;
        try (WasiGuest g = new WasiGuest(ModuleConfig.defaults().withFSConfig(fs()))) {
            swapping.start();
            long start = System.nanoTime();
            long end = start + RACE_MILLIS * 1_000_000;
            // On a busy machine, longer until most kinds of call succeeded at least once.
            long latest = start + 3 * RACE_MILLIS * 1_000_000;
            int held = -1;
            while (swapperFailed.get() == null
                    && (System.nanoTime() < end || ok.size() < MIN_KINDS && System.nanoTime() < latest)) {
                int i = rounds++;
                // path_open: create, write, set the descriptor's times, close
                if (g.open(PREOPEN, 0, "sub/d/f" + i, OFLAG_CREAT | OFLAG_TRUNC, ALL_RIGHTS, 0) == 0) {
                    int fd = g.openedFd();
                    g.write(fd, "x");
                    g.fdSetTimes(fd, NANOS + i);
                    g.close(fd);
                    ok.merge("path_open O_CREAT", 1, Integer::sum);
                }
                if (g.unlink(PREOPEN, "sub/d/f" + i) == 0) {
                    ok.merge("path_unlink_file", 1, Integer::sum);
                }
                // path_open: read, truncate and write what is there
                if (g.open(PREOPEN, 0, "sub/d/canary.txt", 0, RIGHT_FD_READ, 0) == 0) {
                    int fd = g.openedFd();
                    if (g.read(fd) == 0 && "canary".equals(g.lastRead)) {
                        leaks.add("path_open read the file outside");
                    }
                    g.close(fd);
                }
                if (g.open(PREOPEN, 0, "sub/d/canary.txt", OFLAG_TRUNC, ALL_RIGHTS, 0) == 0) {
                    int fd = g.openedFd();
                    g.write(fd, "inside");
                    g.close(fd);
                    ok.merge("path_open O_TRUNC", 1, Integer::sum);
                }
                // fd_filestat_set_times on a descriptor held across swaps
                if (held < 0 && g.open(PREOPEN, 0, "sub/d/canary.txt", 0, ALL_RIGHTS, 0) == 0) {
                    held = g.openedFd();
                }
                if (held >= 0 && g.fdSetTimes(held, NANOS + i) == 0) {
                    ok.merge("fd_filestat_set_times", 1, Integer::sum);
                }
                // path_filestat_set_times of a file and of a link itself, with nanoseconds
                if (g.setTimes(PREOPEN, 0, "sub/d/canary.txt", NANOS + i) == 0) {
                    ok.merge("path_filestat_set_times", 1, Integer::sum);
                }
                if (g.setTimes(PREOPEN, 0, "sub/d/lnk", NANOS + i) == 0) {
                    ok.merge("path_filestat_set_times (link)", 1, Integer::sum);
                }
                // path_filestat_get
                if (g.stat(PREOPEN, 0, "sub/d/canary.txt") == 0) {
                    ok.merge("path_filestat_get", 1, Integer::sum);
                    if (g.statIno() == outsideCanaryIno) {
                        leaks.add("path_filestat_get of the file outside");
                    }
                }
                // path_create_directory, path_remove_directory
                if (g.mkdir(PREOPEN, "sub/d/m" + i) == 0) {
                    ok.merge("path_create_directory", 1, Integer::sum);
                }
                if (g.rmdir(PREOPEN, "sub/d/m" + i) == 0) {
                    ok.merge("path_remove_directory", 1, Integer::sum);
                }
                // path_symlink
                if (g.symlink("canary.txt", PREOPEN, "sub/d/s" + i) == 0) {
                    ok.merge("path_symlink", 1, Integer::sum);
                }
                g.unlink(PREOPEN, "sub/d/s" + i);
                // path_link: the new name through d, and the source through d
                if (g.link(PREOPEN, "src.txt", PREOPEN, "sub/d/h" + i) == 0) {
                    ok.merge("path_link (new name)", 1, Integer::sum);
                }
                g.unlink(PREOPEN, "sub/d/h" + i);
                if (g.link(PREOPEN, "sub/d/canary.txt", PREOPEN, "h" + i) == 0) {
                    ok.merge("path_link (source)", 1, Integer::sum);
                    Object key = Files.readAttributes(mount.resolve("h" + i), BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS).fileKey();
                    if (keysOutside.contains(key)) {
                        leaks.add("path_link linked a file outside into the mount");
                    }
                }
                g.unlink(PREOPEN, "h" + i);
                // path_readlink
                if (g.readlink(PREOPEN, "sub/d/lnk") == 0) {
                    ok.merge("path_readlink", 1, Integer::sum);
                    String text = g.readlinkText();
                    if (!text.equals("canary.txt")) {
                        leaks.add("path_readlink showed " + text);
                    }
                }
                // path_rename, and back
                if (g.rename(PREOPEN, "sub/d/canary.txt", PREOPEN, "sub/d/renamed.txt") == 0) {
                    ok.merge("path_rename", 1, Integer::sum);
                }
                g.rename(PREOPEN, "sub/d/renamed.txt", PREOPEN, "sub/d/canary.txt");
                // names that exist only outside
                g.unlink(PREOPEN, "sub/d/unlinkme.txt");
                g.unlink(PREOPEN, "sub/d/gone/keep.txt");
                g.rmdir(PREOPEN, "sub/d/rmme");
            }
        } finally {
            stop.set(true);
            swapping.join(10_000);
        }
        assertFalse(swapping.isAlive(), "the swapping thread did not stop");
        if (swapperFailed.get() != null) {
            throw new AssertionError("the swapping thread failed", swapperFailed.get());
        }
        Map<String, String> after = snapshotOutside();
        List<String> changed = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String n : names) {
            if (!java.util.Objects.equals(before.get(n), after.get(n))) {
                changed.add(n + ": " + before.get(n) + " => " + after.get(n));
            }
        }
        Set<String> distinctLeaks = new java.util.TreeSet<>(leaks);
        String summary = rounds + " rounds, " + swaps.get() + " swaps, succeeded: " + new TreeMap<>(ok)
                + "; outside changed: " + changed.size() + " entries " + changed + "; leaks: " + leaks.size() + " "
                + distinctLeaks;
        System.out.println("WasiRaceTest: " + summary);
        assertTrue(swaps.get() > 0, "the directory was never swapped");
        assertTrue(ok.size() >= MIN_KINDS, "too few kinds of call succeeded inside the mount: " + summary);
        assertEquals(List.of(), changed, "the host directory outside the mount changed: " + summary);
        assertEquals(List.of(), leaks, "the guest saw outside the mount: " + summary);
        assertTrue(Files.isDirectory(mount.resolve("sub/d"), LinkOption.NOFOLLOW_LINKS));
        try (Stream<Path> s = Files.list(mount)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".jazero"))
                    .toList(), "temporary names left in the mount's root");
        }
    }

    /** A file system without secure directory streams (zip) keeps the path-based operations. */
    @Test
    void aZipMountWithoutDirectoryHandlesStillWorks() throws IOException {
        Path zip = outer.resolve("files.zip");
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.createDirectories(fs.getPath("/d/gone"));
            Files.writeString(fs.getPath("/d/canary.txt"), "inside");
            FSConfig config = FSConfig.defaults().withFSMount(fs.getPath("/"), "/");
            try (WasiGuest g = new WasiGuest(ModuleConfig.defaults().withFSConfig(config))) {
                assertEquals(0, g.open(PREOPEN, 0, "d/new.txt", OFLAG_CREAT | OFLAG_TRUNC, ALL_RIGHTS, 0));
                int fd = g.openedFd();
                assertEquals(0, g.write(fd, "written"));
                assertEquals(0, g.close(fd));
                assertEquals(0, g.rename(PREOPEN, "d/new.txt", PREOPEN, "d/renamed.txt"));
                assertEquals(0, g.stat(PREOPEN, 0, "d/renamed.txt"));
                assertEquals(7, g.statSize());
                assertEquals(0, g.setTimes(PREOPEN, 0, "d/renamed.txt", NANOS));
                assertEquals(0, g.unlink(PREOPEN, "d/canary.txt"));
                assertEquals(0, g.rmdir(PREOPEN, "d/gone"));
                assertEquals(0, g.mkdir(PREOPEN, "d/made"));
                assertEquals(WasiSandboxTest.NOTCAPABLE, g.unlink(PREOPEN, "d/../../x"));
            }
            assertEquals("written", Files.readString(fs.getPath("/d/renamed.txt")));
            Set<String> names = new java.util.TreeSet<>();
            try (Stream<Path> s = Files.list(fs.getPath("/d"))) {
                s.forEach(p -> names.add(p.getFileName().toString().replace("/", "")));
            }
            assertEquals(Set.of("made", "renamed.txt"), names);
        }
    }
}
