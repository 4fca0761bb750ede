package dev.jazero.integration.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.CompiledModule;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmException;
import dev.jazero.cli.wast.Spectest;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the whole engine, from the decoder and the text parser to running
 * code: every module of the 2.0 spec scripts (binary and text) and real programs, mutated
 * ({@link Mutations}), then compiled, instantiated with WASI and the spec scripts' {@code spectest} at hand (start functions under a
 * deadline) and three of its exports called with zero arguments under a deadline, in the
 * interpreter for even inputs and the compiler for odd ones. Every input must end in success or a
 * {@link WasmException}: never another exception, an error such as {@link OutOfMemoryError} or
 * {@link StackOverflowError}, or a hang.
 *
 * <p>{@code -Djazero.fuzz.inputs=N} and {@code -Djazero.fuzz.seed=S} choose a longer or another
 * run (the {@code fuzz} profile of integration-tests/pom.xml runs the long campaign); a failure
 * names the input's number, which with the seed reproduces it; {@code -Djazero.fuzz.traces=true}
 * prints each failure's stack trace.
 */
class MutationFuzzTest {

    private static final int INPUTS = Integer.getInteger("jazero.fuzz.inputs", 100_000);
    private static final long SEED = Long.getLong("jazero.fuzz.seed", 0x5EED_2026L);
    /** Longest time one input may take before it counts as a hang. */
    private static final long SLOW_INPUT_NANOS = Duration.ofSeconds(10).toNanos();
    /** How long a mutated module's start functions, and each export called, may run. */
    private static final Duration RUN_LIMIT = Duration.ofMillis(20);
    /** One input in this many is text. */
    private static final int TEXT_EVERY = 4;

    @Test
    void mutatedModulesEndInSuccessOrAWasmException() {
        FuzzCorpus corpus = FuzzCorpus.load();
        assertTrue(corpus.binaries().size() > 1000, "the corpus has only " + corpus.binaries().size() + " binary modules");
        assertTrue(corpus.texts().size() > 1000, "the corpus has only " + corpus.texts().size() + " text modules");
        assertTrue(corpus.realPrograms() >= 10, "the corpus has only " + corpus.realPrograms() + " real programs");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        assertTimeoutPreemptively(Duration.ofMinutes(15).plusMillis(INPUTS / 10L * 15), () -> run(corpus, failures, outcomes));
        System.out.printf("mutation fuzzing, seed %d: %d inputs (%d text) from %d binaries, %d texts and %d real programs;"
                + " outcomes %s; %d failures%n", SEED, INPUTS, INPUTS / TEXT_EVERY, corpus.binaries().size(),
                corpus.texts().size(), corpus.realPrograms(), outcomes, failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + INPUTS + " inputs (seed " + SEED + ") ended badly:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    /**
     * Counts each input's outcome in {@code outcomes}: instantiated (and whether code ran), or
     * the kind of {@link WasmException} it ended in.
     */
    private static void run(FuzzCorpus corpus, List<String> failures, Map<String, Integer> outcomes) {
        SplittableRandom random = new SplittableRandom(SEED);
        Runtime[] runtimes = {newRuntime(RuntimeConfig.interpreter()), newRuntime(RuntimeConfig.compiler())};
        try {
            for (int i = 0; i < INPUTS; i++) {
                boolean text = i % TEXT_EVERY == TEXT_EVERY - 1;
                Object input = text
                        ? Mutations.mutate(corpus.texts().get(random.nextInt(corpus.texts().size())), corpus.texts(), random)
                        : Mutations.mutate(corpus.binaries().get(random.nextInt(corpus.binaries().size())), corpus.binaries(), random);
                int tier = i & 1;
                long start = System.nanoTime();
                try {
                    outcomes.merge(compileAndRun(runtimes[tier], input) ? "ran code" : "instantiated", 1, Integer::sum);
                } catch (WasmException expected) {
                    // The outcome a bad module must have.
                    outcomes.merge(expected.kind().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                } catch (Throwable t) {
                    failures.add("input " + i + " (" + (text ? "text" : "binary") + ", " + (tier == 0 ? "interpreter" : "compiler")
                            + "): " + t);
                    if (Boolean.getBoolean("jazero.fuzz.traces")) {
                        t.printStackTrace();
                    }
                    if (t instanceof VirtualMachineError) {
                        runtimes[tier].close();
                        runtimes[tier] = newRuntime(tier == 0 ? RuntimeConfig.interpreter() : RuntimeConfig.compiler());
                    }
                }
                long took = System.nanoTime() - start;
                if (took > SLOW_INPUT_NANOS) {
                    failures.add("input " + i + " took " + took / 1_000_000 + " ms");
                }
                if (i % 10_000 == 9_999) {
                    // A fresh runtime now and then keeps the registries of one run small.
                    runtimes[tier].close();
                    runtimes[tier] = newRuntime(tier == 0 ? RuntimeConfig.interpreter() : RuntimeConfig.compiler());
                }
            }
        } finally {
            runtimes[0].close();
            runtimes[1].close();
        }
    }

    /** A memory limit of 16 MiB keeps inputs that ask for huge memories cheap: they fail to instantiate. */
    private static Runtime newRuntime(RuntimeConfig config) {
        Runtime runtime = Runtime.create(config.withMemoryLimitPages(256).withCloseOnCancel(true));
        WasiSnapshotPreview1.instantiate(runtime);
        Spectest.instantiate(runtime, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        return runtime;
    }

    /** Compiles and instantiates the input, then calls up to three exports; returns whether code ran. */
    private static boolean compileAndRun(Runtime runtime, Object input) {
        CompiledModule compiled = input instanceof String text ? runtime.compileModule(text) : runtime.compileModule((byte[]) input);
        Module module = runtime.instantiate(compiled, ModuleConfig.defaults().withName(null).withInstantiationTimeout(RUN_LIMIT));
        boolean ran = false;
        try {
            int called = 0;
            for (Map.Entry<String, FunctionDefinition> e : module.exportedFunctionDefinitions().entrySet()) {
                if (called++ == 3 || module.isClosed()) {
                    break;
                }
                int slots = 0;
                for (ValueType t : e.getValue().paramTypes()) {
                    slots += t.slots();
                }
                ran = true;
                try {
                    module.exportedFunction(e.getKey()).call(RUN_LIMIT, new long[slots]);
                } catch (WasmException expected) {
                    // A trap, an exit or the deadline: the next export, if the module is still open.
                }
            }
        } finally {
            module.close();
        }
        return ran;
    }
}
