package dev.jazero.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.wasi.Errno;
import dev.jazero.wasi.internal.PathResolver.Mount;
import dev.jazero.wasi.internal.PathResolver.Resolved;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PathResolverTest {

    Path outer;
    Mount mount;

    @BeforeEach
    void setUp() throws IOException {
        outer = Files.createTempDirectory("jazero-resolver-").toRealPath();
        Path root = Files.createDirectories(outer.resolve("root"));
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file"), "x");
        Files.writeString(outer.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("in"), Path.of("a/b/file"));
        Files.createSymbolicLink(root.resolve("a/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("out"), Path.of("../secret"));
        Files.createSymbolicLink(root.resolve("abs"), outer.resolve("secret"));
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        Files.createSymbolicLink(root.resolve("dirlink"), Path.of("a/"));
        mount = new Mount(root, false, "/");
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(outer)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Resolved resolve(String path, boolean follow) {
        return PathResolver.resolve(mount, List.of(), path, follow);
    }

    private int errno(List<String> base, String path, boolean follow) {
        return assertThrows(Errors.WasiError.class, () -> PathResolver.resolve(mount, base, path, follow)).errno;
    }

    @Test
    void plainPathsAndDots() {
        assertEquals(List.of("a", "b", "file"), resolve("a/b/file", false).comps());
        assertEquals(List.of("a", "b", "file"), resolve("./a//b/./file", false).comps());
        assertEquals(List.of("a"), resolve("a/b/..", false).comps());
        assertEquals(List.of(), resolve(".", false).comps());
        assertEquals(mount.root.resolve("a/b/file"), resolve("a/b/file", false).host());
        assertTrue(resolve("a/", false).trailingSlash());
        assertEquals(List.of("missing"), resolve("missing", false).comps());
    }

    @Test
    void escapesAreNotCapable() {
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "..", false));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "a/../..", false));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "/a", false));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "out", true));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "abs", true));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "a/up/out", true));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "a/up/a/up/..", false));
        // The directory a descriptor names is a floor, even inside the mount.
        assertEquals(Errno.NOTCAPABLE, errno(List.of("a"), "../a", false));
        assertEquals(Errno.NOTCAPABLE, errno(List.of("a"), "up/file", false));
    }

    @Test
    void linksInsideAreFollowedHere() {
        assertEquals(List.of("a", "b", "file"), resolve("in", true).comps());
        assertEquals(List.of("in"), resolve("in", false).comps());
        assertEquals(List.of("a", "b", "file"), resolve("dirlink/b/file", false).comps());
        assertEquals(List.of("a", "b"), resolve("a/up/a/b", false).comps());
        // A trailing slash follows the last link.
        assertEquals(List.of("a"), resolve("dirlink/", false).comps());
    }

    @Test
    void errors() {
        assertEquals(Errno.NOENT, errno(List.of(), "", false));
        assertEquals(Errno.NOENT, errno(List.of(), "missing/x", false));
        assertEquals(Errno.NOTDIR, errno(List.of(), "a/b/file/x", false));
        assertEquals(Errno.LOOP, errno(List.of(), "self", true));
        assertEquals(Errno.ILSEQ, errno(List.of(), "a\0b", false));
    }

    @Test
    void aBaseDirectorySwappedForALinkIsRefused() throws IOException {
        Files.move(mount.root.resolve("a"), mount.root.resolve("a-moved"));
        Files.createSymbolicLink(mount.root.resolve("a"), outer);
        assertEquals(Errno.NOTCAPABLE, errno(List.of("a"), "secret", false));
    }

    @Test
    void recheckCatchesALinkSwappedInAfterResolving() throws IOException {
        Resolved r = resolve("a/b/file", false);
        PathResolver.recheck(mount, r.host());
        // Between resolving and the host's operation, a directory on the way becomes a link out.
        Files.move(mount.root.resolve("a"), mount.root.resolve("a-moved"));
        Files.createDirectories(outer.resolve("b"));
        Files.writeString(outer.resolve("b/file"), "outside");
        Files.createSymbolicLink(mount.root.resolve("a"), outer);
        Errors.WasiError e = assertThrows(Errors.WasiError.class, () -> PathResolver.recheck(mount, r.host()));
        assertEquals(Errno.NOTCAPABLE, e.errno);
    }

    @Test
    void zipFileSystemsResolveToo() throws IOException {
        Path zip = outer.resolve("t.zip");
        try (var fs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
            Files.createDirectories(fs.getPath("/d"));
            Files.writeString(fs.getPath("/d/f.txt"), "zipped");
            Mount z = new Mount(fs.getPath("/").toRealPath(), true, "/z");
            Resolved r = PathResolver.resolve(z, List.of(), "d/../d/f.txt", false);
            assertEquals("zipped", Files.readString(r.host()));
            assertEquals(Errno.NOTCAPABLE, assertThrows(Errors.WasiError.class,
                    () -> PathResolver.resolve(z, List.of(), "../x", false)).errno);
        }
    }

    @Test
    void theRootsTemporaryNamesAreNotTheGuests() throws IOException {
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), Target.TEMP_PREFIX + "0123456789abcdef", false));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "a/../" + Target.TEMP_PREFIX + "x", false));
        Files.createSymbolicLink(mount.root.resolve("totemp"), Path.of(Target.TEMP_PREFIX + "x"));
        assertEquals(Errno.NOTCAPABLE, errno(List.of(), "totemp", true));
        // Below the root such a name is an ordinary one.
        assertEquals(List.of("a", Target.TEMP_PREFIX + "x"), resolve("a/" + Target.TEMP_PREFIX + "x", false).comps());
    }

    @Test
    void readlinkTargetsThatLeaveTheMount() {
        assertTrue(PathFunctions.leavesMount(List.of("a"), "/etc/passwd"));
        assertTrue(PathFunctions.leavesMount(List.of(), ".."));
        assertTrue(PathFunctions.leavesMount(List.of("a"), "../.."));
        assertTrue(PathFunctions.leavesMount(List.of("a"), "b/../../../x"));
        assertEquals(false, PathFunctions.leavesMount(List.of("a"), "../x"));
        assertEquals(false, PathFunctions.leavesMount(List.of(), "a/./b/../c"));
        assertEquals(false, PathFunctions.leavesMount(List.of("a", "b"), "../../file"));
    }
}
