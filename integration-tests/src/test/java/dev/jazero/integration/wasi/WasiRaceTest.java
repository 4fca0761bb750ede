package dev.jazero.integration.wasi;

import static dev.jazero.integration.wasi.WasiGuest.ALL_RIGHTS;
import static dev.jazero.integration.wasi.WasiGuest.OFLAG_CREAT;
import static dev.jazero.integration.wasi.WasiGuest.OFLAG_TRUNC;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: a directory inside the mount is swapped, over and over by another thread, between a
 * real directory and a symbolic link to a directory outside the mount, while the guest unlinks,
 * truncates, writes, renames, removes directories and sets times through it. Whatever lands in
 * the window between the sandbox's check and the host's operation, nothing outside may change.
 */
class WasiRaceTest {

    static final int PREOPEN = 3;
    static final long RACE_MILLIS = 2000;
    static final int MAX_ROUNDS = 200_000;

    Path outer;
    Path outside;
    Path mount;

    @BeforeEach
    void setUp() throws IOException {
        outer = Files.createTempDirectory("jazero-race-");
        outside = outer.resolve("outside");
        Files.createDirectories(outside.resolve("gone"));
        // The names the guest works on inside the swapped directory, here outside the mount.
        Files.writeString(outside.resolve("canary.txt"), "canary");
        Files.writeString(outside.resolve("renamed.txt"), "renamed canary");
        Files.writeString(outside.resolve("gone/keep.txt"), "keep");
        mount = outer.resolve("mount");
        Files.createDirectories(mount.resolve("d/gone"));
        Files.writeString(mount.resolve("d/canary.txt"), "inside");
    }

    @AfterEach
    void tearDown() throws IOException {
        WasiRun.deleteTree(outer);
    }

    /** Every entry under the outside directory, and the directory itself: type, size, times, content. */
    Map<String, String> snapshotOutside() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(outside)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String v = (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f") + " " + a.size() + " "
                        + a.lastModifiedTime() + " " + a.lastAccessTime() + " " + a.fileKey()
                        + (a.isRegularFile() ? " " + Files.readString(p) : "");
                m.put(outer.relativize(p).toString(), v);
            }
        }
        return m;
    }

    @Test
    void aDirectorySwappedForALinkDuringCallsNeverLetsTheGuestOut() throws Exception {
        snapshotOutside();  // reading the files sets their access times once (relatime)
        Map<String, String> before = snapshotOutside();
        Path d = mount.resolve("d");
        Path real = mount.resolve("d-real");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        AtomicReference<Throwable> swapperFailed = new AtomicReference<>();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(d, real, StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(d, outside);
                    Thread.onSpinWait();
                    Files.delete(d);
                    Files.move(real, d, StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                }
            } catch (Throwable t) {
                swapperFailed.set(t);
            }
        }, "swapper");
        int rounds = 0;
        int succeeded = 0;
        FSConfig fs = FSConfig.defaults().withDirMount(mount.toString(), "/");
        try (WasiGuest g = new WasiGuest(ModuleConfig.defaults().withFSConfig(fs))) {
            swapper.start();
            long end = System.nanoTime() + RACE_MILLIS * 1_000_000;
            while (System.nanoTime() < end && rounds < MAX_ROUNDS && swapperFailed.get() == null) {
                rounds++;
                if (g.open(PREOPEN, 0, "d/canary.txt", OFLAG_CREAT | OFLAG_TRUNC, ALL_RIGHTS, 0) == 0) {
                    int fd = g.openedFd();
                    g.write(fd, "pwned");
                    g.close(fd);
                    succeeded++;
                }
                if (g.open(PREOPEN, 0, "d/renamed.txt", 0, ALL_RIGHTS, 0) == 0) {
                    int fd = g.openedFd();
                    g.truncate(fd, 0);
                    g.write(fd, "pwned");
                    g.close(fd);
                }
                g.setTimes(PREOPEN, 0, "d/canary.txt");
                if (g.rename(PREOPEN, "d/canary.txt", PREOPEN, "d/renamed.txt") == 0) {
                    succeeded++;
                }
                if (g.unlink(PREOPEN, "d/renamed.txt") == 0) {
                    succeeded++;
                }
                g.unlink(PREOPEN, "d/canary.txt");
                g.unlink(PREOPEN, "d/gone/keep.txt");
                g.rmdir(PREOPEN, "d/gone");
                g.stat(PREOPEN, 0, "d/canary.txt");
            }
        } finally {
            stop.set(true);
            swapper.join(10_000);
        }
        assertFalse(swapper.isAlive(), "the swapping thread did not stop");
        if (swapperFailed.get() != null) {
            throw new AssertionError("the swapping thread failed", swapperFailed.get());
        }
        assertTrue(swaps.get() > 0, "the directory was never swapped");
        assertTrue(succeeded > 0, "no operation ever succeeded inside the mount");
        assertEquals(before, snapshotOutside(), "the directory outside the mount changed (" + rounds + " rounds, "
                + swaps.get() + " swaps)");
        assertTrue(Files.isDirectory(mount.resolve("d"), LinkOption.NOFOLLOW_LINKS));
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
