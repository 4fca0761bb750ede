package dev.jazero.integration.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.sys.ExitException;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ModuleConfig and FSConfig as a WASI program sees them, with examples/hello.wasm (hello.c). */
class WasiConfigTest {

    static final Path HELLO = Path.of("..", "examples", "hello.wasm");

    Path temp;

    @BeforeEach
    void setUp() throws IOException {
        temp = Files.createTempDirectory("jazero-wasi-config-");
    }

    @AfterEach
    void tearDown() throws IOException {
        WasiRun.deleteTree(temp);
    }

    private static WasiRun.Outcome hello(ModuleConfig config) throws IOException {
        return WasiRun.run(RuntimeConfig.defaults(), Files.readAllBytes(HELLO), config);
    }

    @Test
    void argsEnvironmentAndStdio() throws IOException {
        assertEquals("Hello, World!\n", hello(ModuleConfig.defaults().withArgs("hello", "World")).stdout());
        assertEquals("Hello, Jazero!\n",
                hello(ModuleConfig.defaults().withArgs("hello").withEnv("NAME", "Jazero")).stdout());
        assertEquals("Hello, WebAssembly!\n", hello(ModuleConfig.defaults()).stdout());
        byte[] input = "line 1\nline 2 \u00e9\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("line 1\nline 2 \u00e9\n", hello(ModuleConfig.defaults().withArgs("hello", "cat")
                .withStdin(new ByteArrayInputStream(input))).stdout());
        // Default stdin is empty.
        assertEquals("", hello(ModuleConfig.defaults().withArgs("hello", "cat")).stdout());
    }

    @Test
    void exitCodesFollowWazero() throws IOException {
        // A non-zero exit: ExitException with the code, from instantiate.
        WasiRun.Outcome usage = hello(ModuleConfig.defaults().withArgs("hello", "a", "b", "c", "d"));
        assertEquals(64, usage.exitCode());
        assertTrue(usage.stderr().startsWith("usage: hello"));
        try (Runtime runtime = Runtime.create()) {
            WasiSnapshotPreview1.instantiate(runtime);
            ExitException e = assertThrows(ExitException.class, () -> runtime.instantiate(
                    runtime.compileModule(Files.readAllBytes(HELLO)), ModuleConfig.defaults().withArgs("h", "1", "2", "3")));
            assertEquals(64, e.exitCode());
            // A return from _start is a normal end of instantiation.
            Module ok = runtime.instantiate(runtime.compileModule(Files.readAllBytes(HELLO)),
                    ModuleConfig.defaults().withName("ok"));
            assertFalse(ok.isClosed());
        }
    }

    @Test
    void procExitZeroEndsInstantiationNormallyAndClosesTheModule() {
        String wat = """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 0)) unreachable))
            """;
        for (RuntimeConfig tier : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            try (Runtime runtime = Runtime.create(tier)) {
                WasiSnapshotPreview1.instantiate(runtime);
                Module m = runtime.instantiate(runtime.compileModule(wat.getBytes(StandardCharsets.UTF_8)));
                assertTrue(m.isClosed());
                ExitException again = assertThrows(ExitException.class, () -> m.exportedFunction("_start").call());
                assertEquals(0, again.exitCode());
            }
        }
    }

    @Test
    void fakeClocksAndDeterministicRandomByDefault() {
        String wat = """
            (module
              (import "wasi_snapshot_preview1" "clock_time_get" (func $time (param i32 i64 i32) (result i32)))
              (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "time") (param i32) (result i64)
                (drop (call $time (local.get 0) (i64.const 1) (i32.const 0)))
                (i64.load (i32.const 0)))
              (func (export "random") (result i64)
                (drop (call $random (i32.const 8) (i32.const 8)))
                (i64.load (i32.const 8))))
            """;
        long[] first = new long[5];
        long[] second = new long[5];
        for (long[] out : new long[][] {first, second}) {
            try (Runtime runtime = Runtime.create()) {
                WasiSnapshotPreview1.instantiate(runtime);
                Module m = runtime.instantiate(runtime.compileModule(wat.getBytes(StandardCharsets.UTF_8)));
                out[0] = m.exportedFunction("time").call(0)[0];
                out[1] = m.exportedFunction("time").call(0)[0];
                out[2] = m.exportedFunction("time").call(1)[0];
                out[3] = m.exportedFunction("time").call(1)[0];
                out[4] = m.exportedFunction("random").call()[0];
            }
        }
        assertEquals(ModuleConfig.FAKE_EPOCH_NANOS + 1_000_000, first[0]);
        assertEquals(ModuleConfig.FAKE_EPOCH_NANOS + 2_000_000, first[1]);
        assertEquals(1_000_000, first[2]);
        assertEquals(2_000_000, first[3]);
        assertArrayEquals(first, second, "the defaults are deterministic");
        try (Runtime runtime = Runtime.create()) {
            WasiSnapshotPreview1.instantiate(runtime);
            Module m = runtime.instantiate(runtime.compileModule(wat.getBytes(StandardCharsets.UTF_8)),
                    ModuleConfig.defaults().withSysWalltime().withNanotime(() -> 42)
                            .withRandSource(new ByteArrayInputStream(new byte[] {1, 0, 0, 0, 0, 0, 0, 0})));
            long now = System.currentTimeMillis() * 1_000_000L;
            assertTrue(Math.abs(m.exportedFunction("time").call(0)[0] - now) < 60_000_000_000L);
            assertEquals(42, m.exportedFunction("time").call(1)[0]);
            assertEquals(1, m.exportedFunction("random").call()[0]);
        }
    }

    @Test
    void longestGuestPathWins() throws IOException {
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Files.writeString(a.resolve("from-a"), "");
        Files.createDirectories(a.resolve("data"));
        Files.writeString(a.resolve("data/hidden"), "");
        Files.writeString(b.resolve("from-b"), "");
        FSConfig fs = FSConfig.defaults().withDirMount(a.toString(), "/").withReadOnlyDirMount(b.toString(), "/data");
        assertEquals("from-b\n", hello(ModuleConfig.defaults().withArgs("hello", "ls", "/data").withFSConfig(fs)).stdout());
        assertEquals("data\nfrom-a\n",
                hello(ModuleConfig.defaults().withArgs("hello", "ls", "/").withFSConfig(fs)).stdout());
        // The same order the other way round.
        FSConfig reversed = FSConfig.defaults().withReadOnlyDirMount(b.toString(), "/data").withDirMount(a.toString(), "/");
        assertEquals("from-b\n",
                hello(ModuleConfig.defaults().withArgs("hello", "ls", "/data").withFSConfig(reversed)).stdout());
        // A later mount at the same guest path replaces the earlier one.
        assertEquals(1, fs.withDirMount(a.toString(), "/data").mounts().stream()
                .filter(m -> m.guestPath().equals("/data")).count());
    }

    @Test
    void zipFileSystemMount() throws IOException {
        Path zip = temp.resolve("files.zip");
        Path out = Files.createDirectories(temp.resolve("out"));
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Files.createDirectories(fs.getPath("/docs"));
            Files.writeString(fs.getPath("/docs/readme.txt"), "from a zip\n");
            Files.writeString(fs.getPath("/top.txt"), "top\n");
        }
        try (FileSystem fs = FileSystems.newFileSystem(zip)) {
            FSConfig config = FSConfig.defaults().withReadOnlyFSMount(fs.getPath("/"), "/zip")
                    .withDirMount(out.toString(), "/out");
            assertEquals("docs\ntop.txt\n",
                    hello(ModuleConfig.defaults().withArgs("hello", "ls", "/zip").withFSConfig(config)).stdout());
            WasiRun.Outcome copy = hello(ModuleConfig.defaults().withArgs("hello", "cp", "/zip/docs/readme.txt",
                    "/out/readme.txt").withFSConfig(config));
            assertEquals(0, copy.exitCode(), copy.stderr());
            assertEquals("from a zip\n", Files.readString(out.resolve("readme.txt")));
            WasiRun.Outcome refused = hello(ModuleConfig.defaults().withArgs("hello", "cp", "/out/readme.txt",
                    "/zip/new.txt").withFSConfig(config));
            assertEquals(2, refused.exitCode());
            assertTrue(refused.stderr().contains("Read-only file system"), refused.stderr());
        }
    }

    @Test
    void moduleConfigIsImmutable() {
        ModuleConfig base = ModuleConfig.defaults();
        ModuleConfig changed = base.withArgs("x").withEnv("K", "V").withStdout(new ByteArrayOutputStream());
        assertTrue(base.args().isEmpty());
        assertTrue(base.env().isEmpty());
        assertEquals(null, base.stdout());
        assertEquals(Map.of("K", "V"), changed.env());
        assertThrows(IllegalArgumentException.class, () -> base.withEnv("A=B", "C"));
        assertThrows(UnsupportedOperationException.class, () -> changed.args().add("y"));
    }
}
