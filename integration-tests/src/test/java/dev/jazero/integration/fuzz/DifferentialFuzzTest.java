package dev.jazero.integration.fuzz;

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
 * memory must be the same in both tiers. Both run with canonical NaNs
 * ({@link RuntimeConfig#withCanonicalNaNs}): without them, the JIT may give an arithmetic NaN
 * another payload or sign in one tier than in the other, which the spec allows and the modules
 * in {@code disagreements/} show. Where Node.js is installed, V8 runs every other module
 * too, those generated without SIMD, with binaryen's {@code --denan} (a NaN's bits may differ
 * between engines, as the spec allows, and flow into integers), through {@code v8-run.cjs} beside
 * this class; it must agree with the compiler on what both can tell apart: a trap is only a
 * trap, and exports with a v128 in their type, which JavaScript cannot call, are skipped.
 *
 * <p>binaryen comes from Debian's {@code binaryen} package, which {@code .ci/run} installs. Its
 * reference types predate the final 2.0 semantics, so that feature is left out of generation.
 * {@code -Djazero.difffuzz.modules=N} and {@code -Djazero.fuzz.seed=S} choose another run.
 */
class DifferentialFuzzTest {

    private static final int MODULES = Integer.getInteger("jazero.difffuzz.modules", 1000);
    private static final long SEED = Long.getLong("jazero.fuzz.seed", 0x5EED_2026L) ^ 0xD1FFL;
    private static final List<String> FEATURES = List.of("--enable-sign-ext", "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue", "--enable-simd");

    @Test
    void bothTiersAgreeOnGeneratedModules() throws Exception {
        Path wasmOpt = findWasmOpt();
        Path node = V8.find();
        Path dir = Files.createTempDirectory("jazero-difffuzz");
        List<String> disagreements = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger compared = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger comparedWithV8 = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        // One worker per core: generating with wasm-opt and running Node.js are processes of their own.
        int workers = Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Path workDir = Files.createDirectory(dir.resolve("worker" + w));
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < MODULES; ) {
                        String difference = compare(i, wasmOpt, node, workDir, comparedWithV8);
                        compared.incrementAndGet();
                        if (difference != null) {
                            disagreements.add("module " + i + " " + difference);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            deleteTree(dir);
        }
        System.out.printf("differential fuzzing, seed %d: %d modules in both tiers, %d of them in V8 too%s; %d disagreements%n",
                SEED, compared.get(), comparedWithV8.get(), node == null ? " (Node.js is not installed)" : "",
                disagreements.size());
        assertEquals(MODULES, compared.get());
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + MODULES + " modules (seed " + SEED + ") ran differently:\n"
                    + String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size()))));
        }
    }

    /** Generates module {@code i} of the run and compares the engines on it; returns the difference, or null. */
    private static String compare(int i, Path wasmOpt, Path node, Path dir, java.util.concurrent.atomic.AtomicInteger comparedWithV8)
            throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(SEED + i * 0x9E37_79B9_7F4A_7C15L);
        byte[] seed = new byte[1000 + random.nextInt(8000)];
        random.nextBytes(seed);
        // Every other module without SIMD, for V8: binaryen's --denan leaves NaNs in vectors, and
        // their bits may differ between engines and flow into integers.
        boolean simd = i % 2 == 0;
        byte[] module = generate(wasmOpt, dir, seed, simd);
        Run interpreted = run(RuntimeConfig.interpreter().withCanonicalNaNs(true), module, false);
        Run compiled = run(RuntimeConfig.compiler().withCanonicalNaNs(true), module, false);
        String difference = null;
        String unexpected = firstUnexpected(interpreted.exact(), compiled.exact());
        if (unexpected != null) {
            // The same crash in both tiers (the decoder, the validator, linking) is still a crash.
            difference = "ended badly: " + unexpected;
        } else if (!interpreted.exact().equals(compiled.exact())) {
            difference = "interpreter and compiler differ: "
                    + firstDifference("interpreter", interpreted.exact(), "compiler", compiled.exact());
        } else if (node != null && !simd) {
            // NaNs may have other bits in V8 (the spec allows any arithmetic NaN), which can flow
            // into integers: V8 runs the module with every NaN made 0. And again without the
            // exports V8 cannot call, so that both see the same calls.
            byte[] denanned = denan(wasmOpt, dir, module);
            Run forV8 = run(RuntimeConfig.compiler(), denanned, true);
            if (forV8.portable() != null) {
                List<String> v8 = V8.run(node, dir, denanned, forV8.exports());
                comparedWithV8.incrementAndGet();
                if (!v8.equals(forV8.portable())) {
                    difference = "V8 and the compiler differ: " + firstDifference("V8", v8, "compiler", forV8.portable());
                }
            }
        }
        if (difference == null) {
            return null;
        }
        Path kept = dir.getParent().resolveSibling("jazero-difffuzz-" + SEED + "-" + i + ".wasm");
        Files.write(kept, module);
        return "(kept as " + kept + "): " + difference;
    }

    static Path findWasmOpt() {
        Path wasmOpt = V8.onPath("wasm-opt");
        if (wasmOpt == null) {
            Assumptions.abort("binaryen's wasm-opt is not installed, so the differential test cannot run:"
                    + " install Debian's binaryen package (apt-get install binaryen; .ci/run does this)");
        }
        return wasmOpt;
    }

    private static byte[] generate(Path wasmOpt, Path dir, byte[] seed, boolean simd) throws IOException, InterruptedException {
        Path in = dir.resolve("seed.bin");
        Path out = dir.resolve("module.wasm");
        Files.write(in, seed);
        List<String> command = new ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "-ttf", "-o", out.toString()));
        command.addAll(FEATURES);
        if (!simd) {
            command.remove("--enable-simd");
        }
        return runWasmOpt(command, dir, out);
    }

    static byte[] runWasmOpt(List<String> command, Path dir, Path out) throws IOException, InterruptedException {
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

    /** The module with binaryen's {@code --denan}: every NaN a computation makes becomes 0. */
    static byte[] denan(Path wasmOpt, Path dir, byte[] module) throws IOException, InterruptedException {
        Path in = dir.resolve("nan.wasm");
        Path out = dir.resolve("denan.wasm");
        Files.write(in, module);
        List<String> command = new ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "--denan", "-o", out.toString()));
        command.addAll(FEATURES);
        return runWasmOpt(command, dir, out);
    }

    /**
     * What a module did in one tier: its events exactly, and as V8 can show them too
     * ({@link V8#portable}); {@code portable} is null when V8 cannot run the module alike (it
     * called {@code log-v128}). {@code exports} lists the exports, for V8. With
     * {@code skipV128}, exports with a v128 in their type are not called, as in V8.
     */
    record Run(List<String> exact, List<String> portable, List<String> exports) {
    }

    static Run run(RuntimeConfig config, byte[] bytes, boolean skipV128) {
        List<String> events = new ArrayList<>();
        List<String> portable = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        boolean[] v128Import = {false};
        try (Runtime runtime = Runtime.create(config)) {
            defineFuzzingSupport(runtime, events, portable, v128Import);
            Module module;
            try {
                module = runtime.instantiate(runtime.compileModule(bytes), ModuleConfig.defaults().withName("fuzz"));
            } catch (WasmException e) {
                TrapException trap = e instanceof TrapException t ? t
                        : e.getCause() instanceof TrapException t ? t : null;
                events.add("instantiate: " + e.kind() + (trap != null ? " " + trap.trapKind() : ""));
                portable.add("instantiate failed");
                return new Run(events, v128Import[0] ? null : portable, exports);
            }
            Function resetHangLimit = module.exportedFunction("hangLimitInitializer");
            for (Map.Entry<String, FunctionDefinition> export : module.exportedFunctionDefinitions().entrySet()) {
                if (export.getKey().equals("hangLimitInitializer")) {
                    continue;
                }
                FunctionDefinition definition = export.getValue();
                exports.add(export.getKey() + " " + V8.letters(definition.paramTypes()) + " " + V8.letters(definition.resultTypes()));
                boolean v128 = V8.letters(definition.paramTypes()).contains("v") || V8.letters(definition.resultTypes()).contains("v");
                if (resetHangLimit != null) {
                    resetHangLimit.call();
                }
                if (v128) {
                    portable.add(export.getKey() + " skipped");
                    if (skipV128) {
                        continue;
                    }
                }
                Function f = module.exportedFunction(export.getKey());
                int slots = 0;
                for (ValueType t : definition.paramTypes()) {
                    slots += t.slots();
                }
                try {
                    long[] results = f.call(new long[slots]);
                    events.add(export.getKey() + " -> " + Arrays.toString(results));
                    if (!v128) {
                        portable.add(export.getKey() + " -> " + V8.portable(definition.resultTypes(), results));
                    }
                } catch (TrapException e) {
                    events.add(export.getKey() + " trapped: " + e.trapKind());
                    if (!v128) {
                        portable.add(export.getKey() + " trapped");
                    }
                } catch (WasmException e) {
                    events.add(export.getKey() + " failed: " + e.kind());
                    if (!v128) {
                        portable.add(export.getKey() + " failed");
                    }
                }
            }
            Memory memory = module.memory();
            if (memory != null) {
                events.add("memory: " + memory.size() + " bytes, hash "
                        + Arrays.hashCode(memory.read(0, (int) memory.size())));
            }
            for (String name : module.exportedMemoryDefinitions().keySet()) {
                Memory exported = module.exportedMemory(name);
                portable.add("memory: " + exported.size() + " bytes, hash " + Arrays.hashCode(exported.read(0, (int) exported.size())));
                break;
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            events.add("unexpected: " + e);
            portable.add("unexpected: " + e);
        }
        return new Run(events, v128Import[0] ? null : portable, exports);
    }

    private static void defineFuzzingSupport(Runtime runtime, List<String> events, List<String> portable, boolean[] v128Import) {
        runtime.newHostModuleBuilder("fuzzing-support")
                .newFunctionBuilder().withStackFunction(s -> log(events, portable, "log-i32 " + (int) s[0], "log-i32 " + (int) s[0]),
                        List.of(ValueType.I32), List.of()).export("log-i32")
                .newFunctionBuilder().withStackFunction(s -> log(events, portable, "log-i64 " + s[0], "log-i64 " + s[0]),
                        List.of(ValueType.I64), List.of()).export("log-i64")
                .newFunctionBuilder().withStackFunction(s -> log(events, portable, "log-f32 " + Integer.toHexString((int) s[0]),
                        "log-f32 " + V8.portable(ValueType.F32, s[0])), List.of(ValueType.F32), List.of()).export("log-f32")
                .newFunctionBuilder().withStackFunction(s -> log(events, portable, "log-f64 " + Long.toHexString(s[0]),
                        "log-f64 " + V8.portable(ValueType.F64, s[0])), List.of(ValueType.F64), List.of()).export("log-f64")
                .newFunctionBuilder().withStackFunction(s -> {
                    v128Import[0] = true;
                    events.add("log-v128 " + Long.toHexString(s[0]) + " " + Long.toHexString(s[1]));
                }, List.of(ValueType.V128), List.of()).export("log-v128")
                .instantiate();
    }

    private static void log(List<String> events, List<String> portable, String exact, String forV8) {
        events.add(exact);
        portable.add(forV8);
    }

    /** The first event that is not a result, a trap or a {@code WasmException}, or null. */
    @SafeVarargs
    static String firstUnexpected(List<String>... runs) {
        for (List<String> events : runs) {
            for (String e : events) {
                if (e.startsWith("unexpected")) {
                    return e;
                }
            }
        }
        return null;
    }

    static String firstDifference(String aName, List<String> a, String bName, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < b.size() ? b.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "event " + i + ": " + aName + " " + x + " / " + bName + " " + y;
            }
        }
        return "none";
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
