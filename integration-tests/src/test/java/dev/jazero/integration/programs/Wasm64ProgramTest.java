package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wasm64 WASI command, as clang builds one today without a wasm64 libc
 * ({@code wasm64.wasm}, rebuilt by the {@code build.sh} beside it): a 64-bit memory, 64-bit
 * pointers in its code, and WASI calls that take 32-bit offsets. It grows its memory past 4 GiB
 * and sorts an array that lives there. {@code ./jazero run --max-memory 5GiB} runs it in either
 * tier and prints what the same C built natively prints.
 *
 * <p>It runs in a JVM of its own, whose heap holds a memory of 4 GiB and more, as the JVM of
 * {@code ./jazero} on a machine of 24 GiB does by default.
 */
class Wasm64ProgramTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"--compiler", "--interpreter"})
    void runsAsTheNativeBuildDoes(String tier) throws IOException, InterruptedException {
        Path module = Files.write(tmp.resolve("wasm64.wasm"), Programs.resource("wasm64.wasm"));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx6g", "-cp", System.getProperty("java.class.path"), "dev.jazero.cli.Main",
                "run", tier, "--max-memory", "5GiB", module.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./jazero run did not finish in 5 minutes");
        }
        assertEquals(0, p.exitValue(), () -> read(err));
        assertEquals(Programs.expected("wasm64") + "\n", read(out));
    }

    /** Its data is past the default limit of 4 GiB, where it cannot grow. */
    @org.junit.jupiter.api.Test
    void withinTheDefaultLimitItCannotGrowPast4GiB() throws IOException {
        Path module = Files.write(tmp.resolve("wasm64.wasm"), Programs.resource("wasm64.wasm"));
        java.io.StringWriter out = new java.io.StringWriter();
        int code = dev.jazero.cli.Main.execute(new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()),
                "run", module.toString());
        assertEquals(1, code);
        assertEquals("cannot grow the memory past 4 GiB\n", out.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
