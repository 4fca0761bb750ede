package dev.jazero.integration.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The differential test of the two tiers ({@link DifferentialFuzzTest}) on modules with the
 * WebAssembly 3.0 features Jazero has: tail calls, 64-bit memories, several memories, extended
 * constants and, in every other module, relaxed SIMD. Debian's binaryen (108) generates none of
 * them, so this takes binaryen 132 from npm, which {@code .ci/run} installs in
 * {@code ~/.cache/jazero/binaryen-132} (or {@code $JAZERO_BINARYEN}, a folder with
 * {@code wasm-opt}); without it the test says it did not run. V8 is left out: Node.js's V8 lacks
 * 64-bit memories. {@code -Djazero.difffuzz30.modules=N} and {@code -Djazero.fuzz.seed=S} choose
 * another run.
 */
class Wasm30DifferentialFuzzTest {

    private static final int MODULES = Integer.getInteger("jazero.difffuzz30.modules", 200);
    private static final long SEED = Long.getLong("jazero.fuzz.seed", 0x5EED_2026L) ^ 0x3030L;
    private static final List<String> FEATURES = List.of("--enable-sign-ext", "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue", "--enable-tail-call",
            "--enable-memory64", "--enable-multimemory", "--enable-extended-const");
    private static final List<String> SIMD = List.of("--enable-simd", "--enable-relaxed-simd");
    private static final CoreFeatures WASM30 = CoreFeatures.V2.with(CoreFeatures.EXTENDED_CONST).with(CoreFeatures.MULTI_MEMORY)
            .with(CoreFeatures.MEMORY64).with(CoreFeatures.RELAXED_SIMD).with(CoreFeatures.TAIL_CALL);

    /** binaryen 132's wasm-opt, where {@code .ci/run} puts it or {@code $JAZERO_BINARYEN} says; else the test does not run. */
    static Path findWasmOpt() {
        String dir = System.getenv("JAZERO_BINARYEN");
        Path wasmOpt;
        if (dir != null) {
            wasmOpt = Path.of(dir, "wasm-opt");
        } else {
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
            wasmOpt = base.resolve("jazero/binaryen-132/node_modules/.bin/wasm-opt");
        }
        if (!Files.isExecutable(wasmOpt)) {
            Assumptions.abort("binaryen 132's wasm-opt is not at " + wasmOpt + ", so the differential test of the 3.0"
                    + " features cannot run: npm install --prefix ~/.cache/jazero/binaryen-132 binaryen@132.0.0"
                    + " (.ci/run does this)");
        }
        return wasmOpt;
    }

    @Test
    void bothTiersAgreeOnGeneratedModulesWith30Features() throws Exception {
        Path wasmOpt = findWasmOpt();
        Path dir = Files.createTempDirectory("jazero-difffuzz30");
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        try {
            for (int i = 0; i < MODULES; i++) {
                String difference = compare(i, wasmOpt, dir);
                compared++;
                if (difference != null) {
                    disagreements.add("module " + i + " " + difference);
                }
            }
        } finally {
            DifferentialFuzzTest.deleteTree(dir);
        }
        System.out.printf("differential fuzzing with 3.0 features, seed %d: %d modules in both tiers; %d disagreements%n",
                SEED, compared, disagreements.size());
        assertEquals(MODULES, compared);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + MODULES + " modules (seed " + SEED + ") ran differently:\n"
                    + String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size()))));
        }
    }

    private static String compare(int i, Path wasmOpt, Path dir) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(SEED + i * 0x9E37_79B9_7F4A_7C15L);
        byte[] seed = new byte[1000 + random.nextInt(8000)];
        random.nextBytes(seed);
        Path in = dir.resolve("seed.bin");
        Path out = dir.resolve("module.wasm");
        Files.write(in, seed);
        List<String> command = new ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "-ttf", "-o", out.toString()));
        command.addAll(FEATURES);
        if (i % 2 == 0) {
            command.addAll(SIMD);
        }
        byte[] module = DifferentialFuzzTest.runWasmOpt(command, dir, out);
        DifferentialFuzzTest.Run interpreted = DifferentialFuzzTest.run(
                RuntimeConfig.interpreter().withCanonicalNaNs(true).withCoreFeatures(WASM30), module, false);
        DifferentialFuzzTest.Run compiled = DifferentialFuzzTest.run(
                RuntimeConfig.compiler().withCanonicalNaNs(true).withCoreFeatures(WASM30), module, false);
        String difference = null;
        String unexpected = DifferentialFuzzTest.firstUnexpected(interpreted.exact(), compiled.exact());
        if (unexpected != null) {
            difference = "ended badly: " + unexpected;
        } else if (!interpreted.exact().equals(compiled.exact())) {
            difference = "interpreter and compiler differ: "
                    + DifferentialFuzzTest.firstDifference("interpreter", interpreted.exact(), "compiler", compiled.exact());
        }
        if (difference == null) {
            return null;
        }
        Path kept = dir.getParent().resolve("jazero-difffuzz30-" + SEED + "-" + i + ".wasm");
        Files.write(kept, module);
        return "(kept as " + kept + "): " + difference;
    }
}
