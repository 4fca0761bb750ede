// tag::readme[]
package example.wasi;

import dev.jazero.CompiledModule;
import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.sys.ExitException;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Runs a WASI command (examples/hello.wasm, built from hello.c) three times: with an argument,
 * listing a mounted directory, and copying a file in it. The guest sees only what its
 * ModuleConfig gives it.
 */
public final class Main {

    public static void main(String[] args) throws IOException {
        Path program = Path.of(args.length > 0 ? args[0] : "../hello.wasm");
        Path data = Files.createTempDirectory("jazero-example");
        Files.writeString(data.resolve("a.txt"), "some text\n");
        Files.writeString(data.resolve("b.txt"), "more text\n");
        try (Runtime runtime = Runtime.create()) {
            WasiSnapshotPreview1.instantiate(runtime);
            CompiledModule hello = runtime.compileModule(Files.readAllBytes(program));
            run(runtime, hello, data, "hello", "World");                          // Hello, World!
            run(runtime, hello, data, "hello", "ls", "/data");                    // a.txt, b.txt
            run(runtime, hello, data, "hello", "cp", "/data/a.txt", "/data/c.txt"); // copied 10 bytes
        } finally {
            try (Stream<Path> files = Files.list(data)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(data);
        }
    }

    private static void run(Runtime runtime, CompiledModule program, Path data, String... argv) {
        ModuleConfig config = ModuleConfig.defaults()
            .withArgs(argv)                                    // argv[0] first
            .withStdout(System.out).withStderr(System.err)    // default: discarded
            .withFSConfig(FSConfig.defaults()
                .withDirMount(data.toString(), "/data"));     // must exist
        try {
            runtime.instantiate(program, config).close();      // runs _start
        } catch (ExitException e) {                           // proc_exit with a code other than 0
            System.out.println("exit code " + e.exitCode());
        }
    }
}
// end::readme[]
