package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wasm64 WASI command, as clang builds one today without a wasm64 libc
 * ({@code wasm64.wasm}, rebuilt by the {@code build.sh} beside it): a 64-bit memory, 64-bit
 * pointers in its code, and WASI calls that take 32-bit offsets. {@code ./jazero run --feature
 * memory64} runs it in either tier and prints what the same C built natively prints.
 */
class Wasm64ProgramTest {

    @TempDir
    Path tmp;


    @ParameterizedTest
    @ValueSource(strings = {"--compiler", "--interpreter"})
    void runsAsTheNativeBuildDoes(String tier) throws IOException {
        Path module = Files.write(tmp.resolve("wasm64.wasm"), Programs.resource("wasm64.wasm"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", tier, "--feature", "memory64",
                module.toString());
        assertEquals(0, code, err::toString);
        assertEquals(Programs.expected("wasm64") + "\n", out.toString());
    }
}
