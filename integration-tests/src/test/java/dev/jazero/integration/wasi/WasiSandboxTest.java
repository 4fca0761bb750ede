package dev.jazero.integration.wasi;

import static dev.jazero.integration.wasi.WasiGuest.ALL_RIGHTS;
import static dev.jazero.integration.wasi.WasiGuest.FOLLOW;
import static dev.jazero.integration.wasi.WasiGuest.OFLAG_CREAT;
import static dev.jazero.integration.wasi.WasiGuest.OFLAG_TRUNC;
import static dev.jazero.integration.wasi.WasiGuest.RIGHT_FD_READ;
import static dev.jazero.integration.wasi.WasiGuest.RIGHT_FD_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A guest tries every way out of its mount: {@code ..}, absolute paths, symbolic links the host
 * made and links it makes itself (absolute, relative, to a parent directory, chained), hard
 * links, renames, and every kind of write on a read-only mount. Afterwards nothing outside the
 * mount has changed, byte for byte and timestamp for timestamp.
 */
class WasiSandboxTest {

    static final int NOTCAPABLE = 76;
    static final int ROFS = 69;
    static final int BADF = 8;
    static final int EXIST = 20;
    static final int NOENT = 44;
    static final int NOTSUP = 58;
    static final int PREOPEN = 3;
    static final long DIR_RIGHTS = ALL_RIGHTS & ~RIGHT_FD_WRITE;

    Path outer;
    Path mount;
    Map<String, String> before;

    @BeforeEach
    void setUp() throws IOException {
        outer = Files.createTempDirectory("jazero-sandbox-");
        Files.writeString(outer.resolve("secret.txt"), "secret");
        Files.createDirectories(outer.resolve("other"));
        Files.writeString(outer.resolve("other/data.txt"), "other data");
        mount = outer.resolve("mount");
        Files.createDirectories(mount.resolve("sub/deeper"));
        Files.writeString(mount.resolve("inside.txt"), "inside");
        // Links the host left in the mount, each pointing outside.
        Files.createSymbolicLink(mount.resolve("abs"), outer.resolve("secret.txt"));
        Files.createSymbolicLink(mount.resolve("rel"), Path.of("../secret.txt"));
        Files.createSymbolicLink(mount.resolve("parent"), Path.of(".."));
        Files.createSymbolicLink(mount.resolve("sub/up"), Path.of("../.."));
        Files.createSymbolicLink(mount.resolve("chain"), Path.of("sub/up"));
        Files.createSymbolicLink(mount.resolve("root"), Path.of("/"));
        // A link that stays inside is fine.
        Files.createSymbolicLink(mount.resolve("ok"), Path.of("sub/../inside.txt"));
        before = snapshotOutside();
    }

    @AfterEach
    void tearDown() throws IOException {
        WasiRun.deleteTree(outer);
    }

    /** Everything under outer except the mount: type, size, content, times, link targets. */
    Map<String, String> snapshotOutside() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(outer)) {
            for (Path p : s.toList()) {
                if (p.startsWith(mount)) {
                    continue;  // the guest's own; the mount directory's times change with it
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String v = (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f") + " " + a.size() + " "
                        + a.lastModifiedTime() + (a.isRegularFile() ? " " + Files.readString(p) : "");
                m.put(outer.relativize(p).toString(), v);
            }
        }
        return m;
    }

    private WasiGuest guest(boolean readOnly) {
        FSConfig fs = readOnly ? FSConfig.defaults().withReadOnlyDirMount(mount.toString(), "/")
                : FSConfig.defaults().withDirMount(mount.toString(), "/");
        return new WasiGuest(ModuleConfig.defaults().withFSConfig(fs));
    }

    private void assertOutsideUnchanged() throws IOException {
        assertEquals(before, snapshotOutside(), "the host directory around the mount changed");
    }

    @Test
    void dotDotAndAbsolutePathsAreRefused() throws IOException {
        try (WasiGuest g = guest(false)) {
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "../secret.txt", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "sub/../../secret.txt", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "sub/deeper/../../../other/data.txt", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "/secret.txt", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, outer.resolve("secret.txt").toString(), 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "..", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.stat(PREOPEN, 0, "../secret.txt"));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "../evil.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            assertEquals(NOTCAPABLE, g.mkdir(PREOPEN, "../evil"));
            assertEquals(NOTCAPABLE, g.unlink(PREOPEN, "../secret.txt"));
            assertEquals(NOTCAPABLE, g.rmdir(PREOPEN, "../other"));
            assertEquals(NOTCAPABLE, g.rename(PREOPEN, "inside.txt", PREOPEN, "../stolen.txt"));
            assertEquals(NOTCAPABLE, g.rename(PREOPEN, "../secret.txt", PREOPEN, "stolen.txt"));
            assertEquals(NOTCAPABLE, g.link(PREOPEN, "../secret.txt", PREOPEN, "hard.txt"));
            assertEquals(NOTCAPABLE, g.link(PREOPEN, "inside.txt", PREOPEN, "../hard.txt"));
            assertEquals(NOTCAPABLE, g.symlink("inside.txt", PREOPEN, "../evil-link"));
            assertEquals(NOTCAPABLE, g.setTimes(PREOPEN, FOLLOW, "../secret.txt"));
            // A directory opened below the mount is a floor too.
            assertEquals(0, g.open(PREOPEN, 0, "sub", WasiGuest.OFLAG_DIRECTORY, DIR_RIGHTS, 0));
            int sub = g.openedFd();
            assertEquals(NOTCAPABLE, g.open(sub, 0, "../inside.txt", 0, RIGHT_FD_READ, 0));
            assertEquals(0, g.open(sub, 0, "deeper/..", WasiGuest.OFLAG_DIRECTORY, DIR_RIGHTS, 0));
        }
        assertOutsideUnchanged();
    }

    @Test
    void hostSymlinksOutOfTheMountAreRefused() throws IOException {
        try (WasiGuest g = guest(false)) {
            for (String link : new String[] {"abs", "rel", "root"}) {
                assertEquals(NOTCAPABLE, g.open(PREOPEN, FOLLOW, link, 0, RIGHT_FD_READ, 0), link);
                assertEquals(NOTCAPABLE, g.open(PREOPEN, FOLLOW, link, OFLAG_TRUNC, ALL_RIGHTS, 0), link);
                assertEquals(NOTCAPABLE, g.stat(PREOPEN, FOLLOW, link), link);
                assertEquals(NOTCAPABLE, g.setTimes(PREOPEN, FOLLOW, link), link);
            }
            for (String path : new String[] {"parent/secret.txt", "sub/up/secret.txt", "chain/secret.txt",
                    "root/etc/passwd", "abs/", "parent/mount/inside.txt"}) {
                assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, path, 0, RIGHT_FD_READ, 0), path);
                assertEquals(NOTCAPABLE, g.stat(PREOPEN, 0, path), path);
            }
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "parent/new.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            assertEquals(NOTCAPABLE, g.mkdir(PREOPEN, "parent/newdir"));
            assertEquals(NOTCAPABLE, g.unlink(PREOPEN, "parent/secret.txt"));
            assertEquals(NOTCAPABLE, g.rename(PREOPEN, "inside.txt", PREOPEN, "chain/stolen.txt"));
            assertEquals(NOTCAPABLE, g.symlink("x", PREOPEN, "parent/x"));
            // Not following the final link reaches the link itself, inside the mount.
            assertEquals(0, g.stat(PREOPEN, 0, "abs"));
            // Its target, a host path, is not shown; nor one that climbs out of the mount.
            for (String link : new String[] {"abs", "rel", "root", "parent", "sub/up"}) {
                assertEquals(NOTCAPABLE, g.readlink(PREOPEN, link), link);
            }
            assertEquals(0, g.readlink(PREOPEN, "chain"));
            assertEquals("sub/up", g.readlinkText());
            assertEquals(0, g.readlink(PREOPEN, "ok"));
            assertEquals("sub/../inside.txt", g.readlinkText());
            // A link that stays inside works.
            assertEquals(0, g.open(PREOPEN, FOLLOW, "ok", 0, RIGHT_FD_READ, 0));
            assertEquals(0, g.read(g.openedFd()));
            assertEquals("inside", g.lastRead);
        }
        assertOutsideUnchanged();
    }

    @Test
    void symlinksTheGuestCreatesCannotLeadOut() throws IOException {
        try (WasiGuest g = guest(false)) {
            // An absolute target is refused outright; relative ones are created but never followed out.
            assertEquals(NOTCAPABLE, g.symlink(outer.resolve("secret.txt").toString(), PREOPEN, "mine-abs"));
            assertEquals(0, g.symlink("../secret.txt", PREOPEN, "mine"));
            assertEquals(0, g.symlink("..", PREOPEN, "mine-dir"));
            assertEquals(0, g.symlink("../../other", PREOPEN, "sub/mine-other"));
            assertEquals(0, g.symlink("loop2", PREOPEN, "loop1"));
            assertEquals(0, g.symlink("loop1", PREOPEN, "loop2"));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, FOLLOW, "mine", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, FOLLOW, "mine", OFLAG_CREAT | OFLAG_TRUNC, ALL_RIGHTS, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "mine-dir/secret.txt", 0, RIGHT_FD_READ, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, 0, "mine-dir/planted.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            assertEquals(NOTCAPABLE, g.open(PREOPEN, FOLLOW, "sub/mine-other", WasiGuest.OFLAG_DIRECTORY, DIR_RIGHTS, 0));
            assertEquals(NOTCAPABLE, g.stat(PREOPEN, FOLLOW, "mine"));
            assertEquals(32, g.open(PREOPEN, FOLLOW, "loop1", 0, RIGHT_FD_READ, 0), "ELOOP");
            // path_readlink shows no target that leads out of the mount.
            assertEquals(NOTCAPABLE, g.readlink(PREOPEN, "mine"));
            assertEquals(NOTCAPABLE, g.readlink(PREOPEN, "mine-dir"));
            assertEquals(NOTCAPABLE, g.readlink(PREOPEN, "sub/mine-other"));
            assertEquals(0, g.readlink(PREOPEN, "loop1"));
            assertEquals("loop2", g.readlinkText());
            // Removing the guest's links removes the links, not what they name.
            assertEquals(0, g.unlink(PREOPEN, "mine"));
            assertEquals(0, g.unlink(PREOPEN, "mine-dir"));
            assertTrue(Files.exists(outer.resolve("secret.txt")));
        }
        assertOutsideUnchanged();
    }

    @Test
    void readOnlyMountRefusesEveryWrite() throws IOException {
        Map<String, String> mountBefore;
        try (Stream<Path> s = Files.walk(mount)) {
            mountBefore = new TreeMap<>();
            for (Path p : s.toList()) {
                mountBefore.put(mount.relativize(p).toString(),
                        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime()
                                + (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p) : ""));
            }
        }
        try (WasiGuest g = guest(true)) {
            assertEquals(ROFS, g.open(PREOPEN, 0, "new.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            assertEquals(ROFS, g.open(PREOPEN, 0, "inside.txt", OFLAG_TRUNC, ALL_RIGHTS, 0));
            assertEquals(ROFS, g.open(PREOPEN, 0, "inside.txt", 0, RIGHT_FD_READ | RIGHT_FD_WRITE, 0));
            assertEquals(ROFS, g.open(PREOPEN, 0, "inside.txt", 0, RIGHT_FD_READ, 1 /* append */));
            assertEquals(ROFS, g.mkdir(PREOPEN, "newdir"));
            assertEquals(ROFS, g.unlink(PREOPEN, "inside.txt"));
            assertEquals(ROFS, g.rmdir(PREOPEN, "sub/deeper"));
            assertEquals(ROFS, g.rename(PREOPEN, "inside.txt", PREOPEN, "renamed.txt"));
            assertEquals(ROFS, g.link(PREOPEN, "inside.txt", PREOPEN, "hard.txt"));
            assertEquals(ROFS, g.symlink("inside.txt", PREOPEN, "link"));
            assertEquals(ROFS, g.setTimes(PREOPEN, 0, "inside.txt"));
            // Reading works; a read-only descriptor does not write or truncate.
            assertEquals(0, g.open(PREOPEN, 0, "inside.txt", 0, RIGHT_FD_READ, 0));
            int fd = g.openedFd();
            assertEquals(0, g.read(fd));
            assertEquals("inside", g.lastRead);
            assertEquals(BADF, g.write(fd, "overwritten"));
            assertEquals(BADF, g.truncate(fd, 0));
        }
        try (Stream<Path> s = Files.walk(mount)) {
            Map<String, String> after = new TreeMap<>();
            for (Path p : s.toList()) {
                after.put(mount.relativize(p).toString(),
                        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).lastModifiedTime()
                                + (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p) : ""));
            }
            assertEquals(mountBefore, after, "the read-only mount changed");
        }
        assertOutsideUnchanged();
    }

    @Test
    void writableMountWorksInside() throws IOException {
        try (WasiGuest g = guest(false)) {
            assertEquals(0, g.open(PREOPEN, 0, "sub/new.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            int fd = g.openedFd();
            assertEquals(0, g.write(fd, "hello"));
            assertEquals(0, g.close(fd));
            assertEquals(0, g.rename(PREOPEN, "sub/new.txt", PREOPEN, "sub/deeper/moved.txt"));
            assertEquals(0, g.stat(PREOPEN, 0, "sub/deeper/moved.txt"));
            assertEquals(5, g.statSize());
            assertEquals(BADF, g.close(fd));
            // Directories, links and hard links are created in place, and only once.
            assertEquals(0, g.mkdir(PREOPEN, "sub/made"));
            assertEquals(EXIST, g.mkdir(PREOPEN, "sub/made"));
            assertEquals(EXIST, g.mkdir(PREOPEN, "inside.txt"));
            assertEquals(0, g.rmdir(PREOPEN, "sub/made"));
            assertEquals(0, g.symlink("../inside.txt", PREOPEN, "sub/sl"));
            assertEquals(EXIST, g.symlink("x", PREOPEN, "sub/sl"));
            assertEquals(EXIST, g.symlink("x", PREOPEN, "sub/deeper"));
            assertEquals(0, g.readlink(PREOPEN, "sub/sl"));
            assertEquals("../inside.txt", g.readlinkText());
            assertEquals(0, g.link(PREOPEN, "inside.txt", PREOPEN, "sub/hard"));
            assertEquals(EXIST, g.link(PREOPEN, "inside.txt", PREOPEN, "sub/hard"));
            assertEquals(EXIST, g.link(PREOPEN, "inside.txt", PREOPEN, "sub/sl"));
            assertEquals(0, g.stat(PREOPEN, 0, "sub/hard"));
            assertEquals(6, g.statSize());
            // Times to the nanosecond, on a file and on a link itself.
            assertEquals(0, g.setTimes(PREOPEN, 0, "sub/hard", 1_000_000_000_123L));
            assertEquals(0, g.stat(PREOPEN, 0, "inside.txt"));
            assertEquals(1_000_000_000_123L, g.memory.readLong(WasiGuest.BUF + 48));
            assertEquals(0, g.setTimes(PREOPEN, 0, "sub/sl", 2_000_000_000_456L));
            assertEquals(0, g.stat(PREOPEN, 0, "sub/sl"));
            assertEquals(2_000_000_000_456L, g.memory.readLong(WasiGuest.BUF + 48));
            assertEquals(0, g.readlink(PREOPEN, "sub/sl"));
            assertEquals(0, g.unlink(PREOPEN, "sub/hard"));
            assertEquals(0, g.unlink(PREOPEN, "sub/sl"));
            // A descriptor's times are set through its name while that names the file it opened.
            assertEquals(0, g.open(PREOPEN, 0, "sub/timed.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            int timed = g.openedFd();
            assertEquals(0, g.fdSetTimes(timed, 3_000_000_000_789L));
            assertEquals(0, g.stat(PREOPEN, 0, "sub/timed.txt"));
            assertEquals(3_000_000_000_789L, g.memory.readLong(WasiGuest.BUF + 48));
            assertEquals(0, g.rename(PREOPEN, "sub/timed.txt", PREOPEN, "sub/moved.txt"));
            assertEquals(NOENT, g.fdSetTimes(timed, 4_000_000_000_000L));
            assertEquals(0, g.open(PREOPEN, 0, "sub/timed.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            assertEquals(NOTSUP, g.fdSetTimes(timed, 4_000_000_000_000L));
            assertEquals(0, g.stat(PREOPEN, 0, "sub/moved.txt"));
            assertEquals(3_000_000_000_789L, g.memory.readLong(WasiGuest.BUF + 48));
        }
        try (Stream<Path> s = Files.list(mount)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".jazero")).toList());
        }
        assertEquals("inside", Files.readString(mount.resolve("inside.txt")));
        assertEquals("hello", Files.readString(mount.resolve("sub/deeper/moved.txt"), StandardCharsets.UTF_8));
        assertOutsideUnchanged();
    }

    @Test
    void aDirectoryReplacedByALinkAfterOpeningIsNotFollowedOut() throws IOException {
        try (WasiGuest g = guest(false)) {
            assertEquals(0, g.open(PREOPEN, 0, "sub", WasiGuest.OFLAG_DIRECTORY, DIR_RIGHTS, 0));
            int sub = g.openedFd();
            // The host swaps the directory for a link to outside, behind the guest's back.
            Files.move(mount.resolve("sub"), mount.resolve("sub-moved"));
            Files.createSymbolicLink(mount.resolve("sub"), outer.resolve("other"));
            int errno = g.open(sub, 0, "data.txt", 0, RIGHT_FD_READ, 0);
            assertNotEquals(0, errno, "read a file outside the mount through a swapped-in link");
            assertEquals(NOTCAPABLE, g.open(sub, 0, "planted.txt", OFLAG_CREAT, ALL_RIGHTS, 0));
            assertEquals(NOTCAPABLE, g.mkdir(sub, "planted"));
        }
        assertOutsideUnchanged();
    }
}
