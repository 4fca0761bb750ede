package dev.jazero.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential testing of the two execution tiers: binaryen's {@code wasm-opt --translate-to-fuzz}
 * turns seeded random bytes into valid modules that exercise most of WebAssembly 2.0, and each
 * module runs in the interpreter and in the compiler. Like binaryen's own {@code --fuzz-exec},
 * every exported function is called with zero arguments after the module's hang limit is reset;
 * the results, traps, values logged through the {@code fuzzing-support} imports and the final
 * memory must be the same in both tiers.
 *
 * <p>binaryen comes from Debian's {@code binaryen} package, which {@code .ci/run} installs. Its
 * reference types predate the final 2.0 semantics, so that feature is left out of generation.
 * {@code -Djazero.difffuzz.modules=N} and {@code -Djazero.difffuzz.seed=S} choose another run.
 */
class DifferentialFuzzTest {

    private static final int MODULES = Integer.getInteger("jazero.difffuzz.modules", 1000);
    private static final long SEED = Long.getLong("jazero.difffuzz.seed", 0xD1FF_2026L);
    private static final List<String> FEATURES = List.of("--enable-sign-ext", "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue", "--enable-simd");

    @Test
    void bothTiersAgreeOnGeneratedModules() throws Exception {
        Path wasmOpt = findWasmOpt();
        Path dir = Files.createTempDirectory("jazero-difffuzz");
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        try {
            for (int i = 0; i < MODULES; i++) {
                byte[] seed = new byte[1000 + random.nextInt(8000)];
                random.nextBytes(seed);
                byte[] module = generate(wasmOpt, dir, seed);
                List<String> interpreted = run(RuntimeConfig.interpreter(), module);
                List<String> compiled = run(RuntimeConfig.compiler(), module);
                compared++;
                if (!interpreted.equals(compiled)) {
                    Path kept = dir.resolveSibling("jazero-difffuzz-" + SEED + "-" + i + ".wasm");
                    Files.write(kept, module);
                    disagreements.add("module " + i + " (kept as " + kept + "): " + firstDifference(interpreted, compiled));
                }
            }
        } finally {
            deleteTree(dir);
        }
        assertEquals(MODULES, compared);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + MODULES + " modules (seed " + SEED + ") ran differently:\n"
                    + String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size()))));
        }
    }

    private static Path findWasmOpt() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "wasm-opt");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("binaryen's wasm-opt is not installed, so the differential test cannot run:"
                + " install Debian's binaryen package (apt-get install binaryen; .ci/run does this)");
        return null;
    }

    private static byte[] generate(Path wasmOpt, Path dir, byte[] seed) throws IOException, InterruptedException {
        Path in = dir.resolve("seed.bin");
        Path out = dir.resolve("module.wasm");
        Files.write(in, seed);
        List<String> command = new ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "-ttf", "-o", out.toString()));
        command.addAll(FEATURES);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("wasm-opt.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wasm-opt did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wasm-opt failed: " + Files.readString(dir.resolve("wasm-opt.log")));
        }
        return Files.readAllBytes(out);
    }

    /** What a module does in one tier, as lines to compare. */
    private static List<String> run(RuntimeConfig config, byte[] bytes) {
        List<String> events = new ArrayList<>();
        try (Runtime runtime = Runtime.create(config)) {
            defineFuzzingSupport(runtime, events);
            Module module;
            try {
                module = runtime.instantiate(runtime.compileModule(bytes), ModuleConfig.defaults().withName("fuzz"));
            } catch (WasmException e) {
                TrapException trap = e instanceof TrapException t ? t
                        : e.getCause() instanceof TrapException t ? t : null;
                events.add("instantiate: " + e.kind() + (trap != null ? " " + trap.trapKind() : ""));
                return events;
            }
            Function resetHangLimit = module.exportedFunction("hangLimitInitializer");
            for (Map.Entry<String, FunctionDefinition> export : module.exportedFunctionDefinitions().entrySet()) {
                if (export.getKey().equals("hangLimitInitializer")) {
                    continue;
                }
                if (resetHangLimit != null) {
                    resetHangLimit.call();
                }
                Function f = module.exportedFunction(export.getKey());
                int slots = 0;
                for (ValueType t : export.getValue().paramTypes()) {
                    slots += t.slots();
                }
                try {
                    events.add(export.getKey() + " -> " + Arrays.toString(f.call(new long[slots])));
                } catch (TrapException e) {
                    events.add(export.getKey() + " trapped: " + e.trapKind());
                } catch (WasmException e) {
                    events.add(export.getKey() + " failed: " + e.kind());
                }
            }
            Memory memory = module.memory();
            if (memory != null) {
                events.add("memory: " + memory.size() + " bytes, hash "
                        + Arrays.hashCode(memory.read(0, (int) memory.size())));
            }
        } catch (RuntimeException | StackOverflowError e) {
            events.add("unexpected: " + e);
        }
        return events;
    }

    private static void defineFuzzingSupport(Runtime runtime, List<String> events) {
        runtime.newHostModuleBuilder("fuzzing-support")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-i32 " + (int) s[0]),
                        List.of(ValueType.I32), List.of()).export("log-i32")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-i64 " + s[0]),
                        List.of(ValueType.I64), List.of()).export("log-i64")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-f32 " + Integer.toHexString((int) s[0])),
                        List.of(ValueType.F32), List.of()).export("log-f32")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-f64 " + Long.toHexString(s[0])),
                        List.of(ValueType.F64), List.of()).export("log-f64")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-v128 " + Long.toHexString(s[0]) + " "
                        + Long.toHexString(s[1])), List.of(ValueType.V128), List.of()).export("log-v128")
                .instantiate();
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < b.size() ? b.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "event " + i + ": interpreter " + x + " / compiler " + y;
            }
        }
        return "none";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
