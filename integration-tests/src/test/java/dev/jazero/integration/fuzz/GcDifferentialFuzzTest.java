package dev.jazero.integration.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.I31;
import dev.jazero.api.Module;
import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapException;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmArray;
import dev.jazero.api.WasmException;
import dev.jazero.api.WasmStruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The differential test of the two tiers on modules with garbage collection and exception
 * handling, which binaryen 132's fuzzer generates (see {@link Wasm30DifferentialFuzzTest} for
 * where it comes from): structs, arrays, casts, {@code i31}, {@code try_table} and
 * {@code throw}, with the {@code fuzzing-support} imports binaryen's harness has, references
 * logged and results compared by their kind. Any Java failure of the engine other than a
 * {@code WasmException} fails the test. {@code -Djazero.gcfuzz.modules=N} and
 * {@code -Djazero.fuzz.seed=S} choose another run; {@code -Djazero.gcfuzz.file=F} runs one module
 * the test kept, printing what each tier did.
 */
class GcDifferentialFuzzTest {

    private static final int MODULES = Integer.getInteger("jazero.gcfuzz.modules", 50);
    private static final long SEED = Long.getLong("jazero.fuzz.seed", 0x5EED_2026L) ^ 0x6C6CL;
    private static final List<String> FEATURES = List.of("--enable-sign-ext", "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int", "--enable-mutable-globals", "--enable-multivalue",
            "--enable-reference-types", "--enable-gc", "--enable-exception-handling", "--enable-tail-call");

    @Test
    void bothTiersAgreeOnGeneratedModulesWithGcAndExceptions() throws Exception {
        Path wasmOpt = Wasm30DifferentialFuzzTest.findWasmOpt();
        String file = System.getProperty("jazero.gcfuzz.file");
        if (file != null) {
            rerun(wasmOpt, Path.of(file));
            return;
        }
        Path dir = Files.createTempDirectory("jazero-gcfuzz");
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int instantiated = 0;
        try {
            for (int i = 0; i < MODULES; i++) {
                SplittableRandom random = new SplittableRandom(SEED + i * 0x9E37_79B9_7F4A_7C15L);
                byte[] seed = new byte[1000 + random.nextInt(8000)];
                random.nextBytes(seed);
                Path in = Files.write(dir.resolve("seed.bin"), seed);
                Path out = dir.resolve("module.wasm");
                List<String> command = new ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "-ttf", "-o", out.toString()));
                command.addAll(FEATURES);
                byte[] module = DifferentialFuzzTest.runWasmOpt(command, dir, out);
                String globals = importedGlobals(wasmOpt, out, dir);
                List<String> interpreted = run(RuntimeConfig.interpreter().withCanonicalNaNs(true), module, globals);
                List<String> compiled = run(RuntimeConfig.compiler().withCanonicalNaNs(true), module, globals);
                compared++;
                if (interpreted.isEmpty() || !interpreted.get(0).startsWith("instantiate:")) {
                    instantiated++;
                }
                String unexpected = DifferentialFuzzTest.firstUnexpected(interpreted, compiled);
                String difference = unexpected != null ? "ended badly: " + unexpected
                        : interpreted.equals(compiled) ? null
                        : DifferentialFuzzTest.firstDifference("interpreter", interpreted, "compiler", compiled);
                if (difference != null) {
                    Path kept = dir.getParent().resolve("jazero-gcfuzz-" + SEED + "-" + i + ".wasm");
                    Files.write(kept, module);
                    disagreements.add("module " + i + " (kept as " + kept + "): " + difference);
                }
            }
        } finally {
            DifferentialFuzzTest.deleteTree(dir);
        }
        System.out.printf("differential fuzzing with garbage collection and exceptions, seed %d: %d modules in both"
                + " tiers, %d instantiated; %d disagreements%n", SEED, compared, instantiated, disagreements.size());
        assertEquals(MODULES, compared);
        // Most generated modules start (a start function may trap): else the harness's imports are wrong.
        assertTrue(instantiated >= MODULES * 3 / 4, instantiated + " of " + MODULES + " modules instantiated");
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + MODULES + " modules (seed " + SEED + ") ran differently:\n"
                    + String.join("\n", disagreements.subList(0, Math.min(10, disagreements.size()))));
        }
    }

    /** Runs a module kept by an earlier run in both tiers, printing what each did, and compares them. */
    private static void rerun(Path wasmOpt, Path module) throws Exception {
        Path dir = Files.createTempDirectory("jazero-gcfuzz");
        try {
            byte[] bytes = Files.readAllBytes(module);
            String globals = importedGlobals(wasmOpt, module, dir);
            List<String> interpreted = run(RuntimeConfig.interpreter().withCanonicalNaNs(true), bytes, globals);
            List<String> compiled = run(RuntimeConfig.compiler().withCanonicalNaNs(true), bytes, globals);
            System.out.println("interpreter:\n  " + String.join("\n  ", interpreted));
            System.out.println("compiler:\n  " + String.join("\n  ", compiled));
            assertEquals(interpreted, compiled);
        } finally {
            DifferentialFuzzTest.deleteTree(dir);
        }
    }

    /**
     * The module {@code __fuzz_import} that gives the globals the generated module imports from it
     * (binaryen's harness has them): read off its text by binaryen's {@code wasm-dis}, a non-null
     * external reference where the type wants one.
     */
    private static String importedGlobals(Path wasmOpt, Path module, Path dir) throws IOException, InterruptedException {
        Path text = dir.resolve("module.wat");
        Process p = new ProcessBuilder(wasmOpt.resolveSibling("wasm-dis").toString(), module.toString(), "-o", text.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("wasm-dis.log").toFile()).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wasm-dis failed: " + Files.readString(dir.resolve("wasm-dis.log")));
        }
        java.util.regex.Pattern global = java.util.regex.Pattern.compile(
                "\\(import \"__fuzz_import\" \"([^\"]+)\" \\(global \\$\\S+ (\\(mut )?(externref|\\(ref extern\\))");
        StringBuilder wat = new StringBuilder("(module");
        for (String line : Files.readAllLines(text)) {
            java.util.regex.Matcher m = global.matcher(line);
            if (m.find()) {
                boolean nonNull = m.group(3).startsWith("(ref");
                String type = m.group(2) != null ? "(mut " + m.group(3) + ")" : m.group(3);
                wat.append("\n  (global (export \"").append(m.group(1)).append("\") ").append(type).append(' ')
                        .append(nonNull ? "(extern.convert_any (ref.i31 (i32.const 7)))" : "(ref.null extern)").append(')');
            }
        }
        return wat.append(')').toString();
    }

    /** What a module did: its logs, each export's results (references by kind), traps and exceptions. */
    private static List<String> run(RuntimeConfig config, byte[] bytes, String globals) throws IOException {
        List<String> events = new ArrayList<>();
        try (Runtime runtime = Runtime.create(config)) {
            Module[] instance = new Module[1];
            defineFuzzingSupport(runtime, events, instance);
            runtime.instantiate(runtime.compileModule(globals), ModuleConfig.defaults().withName("__fuzz_import"));
            try {
                instance[0] = runtime.instantiate(runtime.compileModule(bytes), ModuleConfig.defaults().withName("fuzz"));
            } catch (WasmException e) {
                events.add("instantiate: " + e.kind() + " " + e.getMessage());
                return events;
            }
            for (Map.Entry<String, FunctionDefinition> export : instance[0].exportedFunctionDefinitions().entrySet()) {
                events.add(export.getKey() + " " + call(instance[0], export.getKey(), export.getValue()));
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            events.add("unexpected: " + e);
            if (System.getProperty("jazero.gcfuzz.file") != null) {
                e.printStackTrace();
            }
        }
        return events;
    }

    private static String call(Module module, String name, FunctionDefinition definition) {
        int slots = Math.max(slots(definition.paramTypes()), slots(definition.resultTypes()));
        long[] stack = new long[slots];
        Object[] refs = new Object[slots];
        try {
            module.exportedFunction(name).callWithStack(stack, refs);
        } catch (TrapException e) {
            return "trapped: " + e.trapKind();
        } catch (ThrownException e) {
            return "threw " + e.tag().paramTypes() + " " + Arrays.toString(e.values());
        } catch (WasmException e) {
            return "failed: " + e.kind();
        }
        StringBuilder results = new StringBuilder("->");
        int slot = 0;
        for (ValueType t : definition.resultTypes()) {
            results.append(' ').append(t.isReference() ? kind(refs[slot]) : Long.toHexString(stack[slot]));
            if (t == ValueType.V128) {
                results.append(':').append(Long.toHexString(stack[slot + 1]));
            }
            slot += t.slots();
        }
        return results.toString();
    }

    private static int slots(List<ValueType> types) {
        int n = 0;
        for (ValueType t : types) {
            n += t.slots();
        }
        return n;
    }

    /** A reference as the harness logs it: null, an i31's value, or its kind. */
    private static String kind(Object ref) {
        return ref == null ? "null" : ref instanceof I31 i ? "i31 " + i.value() : ref instanceof WasmStruct ? "struct"
                : ref instanceof WasmArray ? "array" : ref instanceof ThrownException ? "exn" : "ref";
    }

    /**
     * The imports of binaryen's fuzzing harness: logs, {@code throw} (an exception of a tag of
     * this module, which only {@code catch_all} catches), calls of the module's exports by index
     * ({@code call-export-catch} telling whether the call failed), and tags; a table of no
     * functions, calls of references that log them, and a {@code sleep} that returns at once.
     */
    private static void defineFuzzingSupport(Runtime runtime, List<String> events, Module[] instance) {
        Module[] self = new Module[1];
        self[0] = runtime.newHostModuleBuilder("fuzzing-support")
                .exportTag("thrown", List.of(ValueType.I32))
                .exportTag("wasmtag", List.of(ValueType.I32))
                .exportTag("jstag", List.of(ValueType.EXTERNREF))
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> refs[0] = null,
                        List.of(ValueType.I32), List.of(ValueType.FUNCREF)).export("table-get")
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> events.add("table-set " + (int) s[0]),
                        List.of(ValueType.I32, ValueType.FUNCREF), List.of()).export("table-set")
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> events.add("call-ref " + kind(refs[0])),
                        List.of(ValueType.FUNCREF, ValueType.I32), List.of()).export("call-ref")
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> s[0] = 0,
                        List.of(ValueType.FUNCREF), List.of(ValueType.I32)).export("call-ref-catch")
                .newFunctionBuilder().withStackFunction(s -> s[0] = s[1],
                        List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32)).export("sleep")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-i32 " + (int) s[0]),
                        List.of(ValueType.I32), List.of()).export("log-i32")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-i64 " + s[0]),
                        List.of(ValueType.I64), List.of()).export("log-i64")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-f32 " + Integer.toHexString((int) s[0])),
                        List.of(ValueType.F32), List.of()).export("log-f32")
                .newFunctionBuilder().withStackFunction(s -> events.add("log-f64 " + Long.toHexString(s[0])),
                        List.of(ValueType.F64), List.of()).export("log-f64")
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> events.add("log-anyref " + kind(refs[0])),
                        List.of(ValueType.ref(dev.jazero.api.HeapType.ANY, true)), List.of()).export("log-anyref")
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> events.add("log-funcref " + kind(refs[0])),
                        List.of(ValueType.FUNCREF), List.of()).export("log-funcref")
                .newFunctionBuilder().withReferenceFunction((caller, s, refs) -> events.add("log-externref " + kind(refs[0])),
                        List.of(ValueType.EXTERNREF), List.of()).export("log-externref")
                .newFunctionBuilder().withHostFunction((caller, s) -> {
                    throw new ThrownException(self[0].exportedTag("thrown"), new long[] {s[0]}, null);
                }, List.of(ValueType.I32), List.of()).export("throw")
                .newFunctionBuilder().withHostFunction((caller, s) -> callExport(instance[0], (int) s[0], events),
                        List.of(ValueType.I32, ValueType.I32), List.of()).export("call-export")
                .newFunctionBuilder().withHostFunction((caller, s) -> {
                    try {
                        callExport(instance[0], (int) s[0], events);
                        s[0] = 0;
                    } catch (WasmException e) {
                        s[0] = 1;
                    }
                }, List.of(ValueType.I32), List.of(ValueType.I32)).export("call-export-catch")
                .instantiate();
    }

    /**
     * How deep calls of exports from the harness's imports may nest. A generated module resets
     * its hang limit when it traps, so exports that call exports and catch each other's traps can
     * run for a time exponential in their depth, which binaryen's own harness bounds with V8's small
     * stack; a fixed depth bounds them alike in both tiers.
     */
    static final int MAX_EXPORT_NESTING = 16;
    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

    /** Calls export number {@code index} with zero arguments; its failure passes on. */
    private static void callExport(Module module, int index, List<String> events) {
        List<Map.Entry<String, FunctionDefinition>> exports = List.copyOf(module.exportedFunctionDefinitions().entrySet());
        if (index < 0 || index >= exports.size()) {
            throw new IllegalArgumentException("no export " + index);
        }
        int[] nesting = NESTING.get();
        if (nesting[0] >= MAX_EXPORT_NESTING) {
            throw new IllegalStateException("calls of exports nested too deep");
        }
        FunctionDefinition definition = exports.get(index).getValue();
        int slots = Math.max(slots(definition.paramTypes()), slots(definition.resultTypes()));
        nesting[0]++;
        try {
            module.exportedFunction(exports.get(index).getKey()).callWithStack(new long[slots], new Object[slots]);
        } finally {
            nesting[0]--;
        }
        events.add("called " + exports.get(index).getKey());
    }
}
