package dev.jazero.integration.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jazero.jsr223.WasmScriptEngine;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script engine with nothing but jazero-jsr223 and what it depends on (engine, WASI, ASM):
 * {@code jrunscript -cp <jars> -l wasm} finds it through {@code ScriptEngineManager} on the class
 * path (META-INF/services), and a JVM with the jars on the module path finds it through
 * {@code module-info}'s {@code provides}. Also the README's {@code jrunscript} lines.
 */
class ScriptEngineJarsTest {

    static final String HELLO = """
            (module
              (import "jsr223" "println" (func $println (param i32 i32)))
              (memory 1)
              (data (i32.const 0) "Hello from WebAssembly")
              (func $main (call $println (i32.const 0) (i32.const 22)))
              (start $main))
            """;

    /** (module (import "jsr223" "print_i32" (func (param i32))) (func $m (call 0 (i32.const 42))) (start $m)) */
    static final byte[] PRINT_42 = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x08, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00,
        0x02, 0x14, 0x01, 0x06, 'j', 's', 'r', '2', '2', '3', 0x09, 'p', 'r', 'i', 'n', 't', '_', 'i', '3', '2', 0x00, 0x00,
        0x03, 0x02, 0x01, 0x01,
        0x08, 0x01, 0x01,
        0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x2a, 0x10, 0x00, 0x0b,
    };

    /** The jars (or class directories) of jazero-jsr223 and what it depends on: jazero-engine, jazero-wasi, ASM. */
    static String path() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(WasmScriptEngine.class, dev.jazero.Runtime.class,
                dev.jazero.wasi.WasiSnapshotPreview1.class, org.objectweb.asm.ClassVisitor.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static Path tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), () -> command + " failed:\n" + err);
        return new String(out, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void jrunscriptEvaluatesWatOnTheCommandLine() throws Exception {
        assumeTrue(Files.isExecutable(tool("jrunscript")), "no jrunscript in this JDK");
        String out = run(List.of(tool("jrunscript").toString(), "-cp", path(), "-l", "wasm", "-e", HELLO));
        assertEquals("Hello from WebAssembly\n", out);
    }

    @Test
    void jrunscriptRunsFiles(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(tool("jrunscript")), "no jrunscript in this JDK");
        Path wat = Files.writeString(dir.resolve("hello.wat"), HELLO);
        assertEquals("Hello from WebAssembly\n",
                run(List.of(tool("jrunscript").toString(), "-cp", path(), "-l", "wasm", "-f", wat.toString())));
        Path wasm = Files.write(dir.resolve("print42.wasm"), PRINT_42);
        assertEquals("42", run(List.of(tool("jrunscript").toString(), "-cp", path(), "-l", "wasm", "-f", wasm.toString())));
    }

    @Test
    void readmeShowsTheFileAndTheCommands() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("```wat\n" + HELLO + "```"), "README.md does not show HELLO as hello.wat");
        assertTrue(readme.contains("jrunscript -cp $JAR -l wasm -f examples/script-engine/hello.wat"));
        assertTrue(readme.contains("jrunscript -cp $JAR -l wasm -e \"$(cat examples/script-engine/hello.wat)\""));
    }

    @Test
    void foundOnTheModulePath() throws Exception {
        String out = run(List.of(tool("java").toString(), "--module-path", path(), "--add-modules", "dev.jazero.jsr223",
                "-m", "java.scripting/com.sun.tools.script.shell.Main", "-l", "wasm", "-e", HELLO));
        assertEquals("Hello from WebAssembly\n", out);
    }
}
