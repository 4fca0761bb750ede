package dev.jazero.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The big-module generator makes valid, deterministic modules that run the same in both tiers. */
class BigModuleTest {

    /** Small enough to compile in a second or two; the shapes are those of the full module. */
    private static final BigModule.Spec SMALL = BigModule.Spec.defaults().withFunctions(200).withCodeBytes(120_000);

    @Test
    void deterministic() {
        BigModule.Generated a = BigModule.generate(SMALL);
        BigModule.Generated b = BigModule.generate(SMALL);
        assertArrayEquals(a.bytes(), b.bytes());
        BigModule.Generated other = BigModule.generate(SMALL.withSeed(2));
        assertTrue(!java.util.Arrays.equals(a.bytes(), other.bytes()));
    }

    @Test
    void sizeAsAsked() {
        BigModule.Generated g = BigModule.generate(SMALL);
        assertEquals(200, g.bodySizes().length);
        double ratio = (double) g.codeBytes() / SMALL.codeBytes();
        assertTrue(ratio > 0.9 && ratio < 1.1, "code bytes " + g.codeBytes() + " for " + SMALL.codeBytes());
    }

    @Test
    void runsTheSameInBothTiers() {
        byte[] wasm = BigModule.generate(SMALL).bytes();
        long compiled = run(RuntimeConfig.compiler(), wasm);
        long interpreted = run(RuntimeConfig.interpreter(), wasm);
        assertEquals(interpreted, compiled);
    }

    private static long run(RuntimeConfig config, byte[] wasm) {
        try (Runtime runtime = Runtime.create(config)) {
            return runtime.instantiate(wasm).exportedFunction(BigModule.ENTRY).call()[0];
        }
    }

    /** wabt's validator, when it is installed (apt-get install wabt). */
    @Test
    void wasmValidateAccepts(@TempDir Path dir) throws Exception {
        String tool = onPath("wasm-validate");
        Assumptions.assumeTrue(tool != null, "wasm-validate is not installed");
        Path file = dir.resolve("small.wasm");
        Files.write(file, BigModule.generate(SMALL).bytes());
        Process p = new ProcessBuilder(tool, "--enable-all", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
