package dev.jazero.integration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.CompiledModule;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.WasmException;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import dev.jazero.internal.text.WastCommand;
import dev.jazero.internal.text.WastModule;
import dev.jazero.internal.text.WastParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the decoder, validator and linker, starting from every module of
 * the 2.0 spec scripts: bit flips, byte changes, truncations, splices of two modules, inserted
 * huge LEB128 counts, deleted and repeated ranges. Every input must end in success or a
 * {@link WasmException}: never another exception, an error such as {@link OutOfMemoryError}, or
 * a hang.
 *
 * <p>Mutated modules are compiled and, when they have no start function, instantiated; their
 * code is not run, since a mutated loop may never end and cancellation does not exist yet.
 *
 * <p>{@code -Djazero.fuzz.inputs=N} and {@code -Djazero.fuzz.seed=S} choose a longer or another
 * run; a failure names the input's number, which with the seed reproduces it.
 */
class MutationFuzzTest {

    private static final int INPUTS = Integer.getInteger("jazero.fuzz.inputs", 100_000);
    private static final long SEED = Long.getLong("jazero.fuzz.seed", 0x5EED_2026L);
    /** Longest time one input may take before it counts as a hang. */
    private static final long SLOW_INPUT_NANOS = Duration.ofSeconds(10).toNanos();

    @Test
    void mutatedModulesEndInSuccessOrAWasmException() throws IOException {
        List<byte[]> corpus = corpus();
        assertTrue(corpus.size() > 1000, "the corpus has only " + corpus.size() + " modules");
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMinutes(15), () -> run(corpus, failures));
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + INPUTS + " inputs (seed " + SEED + ") ended badly:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    private static void run(List<byte[]> corpus, List<String> failures) {
        SplittableRandom random = new SplittableRandom(SEED);
        Runtime runtime = newRuntime();
        try {
            for (int i = 0; i < INPUTS; i++) {
                byte[] input = mutate(corpus, random);
                long start = System.nanoTime();
                try {
                    compileAndInstantiate(runtime, input);
                } catch (WasmException expected) {
                    // The outcome a bad module must have.
                } catch (Throwable t) {
                    failures.add("input " + i + " (" + input.length + " bytes): " + t);
                    if (t instanceof VirtualMachineError) {
                        runtime.close();
                        runtime = newRuntime();
                    }
                }
                long took = System.nanoTime() - start;
                if (took > SLOW_INPUT_NANOS) {
                    failures.add("input " + i + " took " + took / 1_000_000 + " ms");
                }
                if (i % 10_000 == 9_999) {
                    // A fresh runtime now and then keeps the registries of one run small.
                    runtime.close();
                    runtime = newRuntime();
                }
            }
        } finally {
            runtime.close();
        }
    }

    /** A memory limit of 16 MiB keeps inputs that ask for huge memories cheap: they fail to instantiate. */
    private static Runtime newRuntime() {
        return Runtime.create(RuntimeConfig.defaults().withMemoryLimitPages(256));
    }

    private static void compileAndInstantiate(Runtime runtime, byte[] input) {
        CompiledModule compiled = runtime.compileModule(input);
        if (((CompiledModuleImpl) compiled).module().startFunction < 0) {
            runtime.instantiate(compiled, ModuleConfig.defaults().withName(null).withStartFunctions()).close();
        }
    }

    private static byte[] mutate(List<byte[]> corpus, SplittableRandom random) {
        byte[] data = corpus.get(random.nextInt(corpus.size()));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            data = mutateOnce(data, corpus, random);
        }
        return data;
    }

    private static byte[] mutateOnce(byte[] data, List<byte[]> corpus, SplittableRandom random) {
        if (data.length == 0) {
            return data;
        }
        int at = random.nextInt(data.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] out = data.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = data.clone();
                byte[] interesting = {0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 0x01, 0x40, 0x0B, 0x60};
                out[at] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
                return out;
            }
            case 2 -> {
                return Arrays.copyOf(data, at);
            }
            case 3 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = random.nextInt(other.length);
                byte[] out = Arrays.copyOf(data, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
            case 4 -> {
                byte[] leb = random.nextBoolean()
                        ? new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}
                        : new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};
                return splice(data, at, 0, leb);
            }
            case 5 -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(16));
                return splice(data, at, length, new byte[0]);
            }
            default -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(16));
                return splice(data, at, 0, Arrays.copyOfRange(data, at, at + length));
            }
        }
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }

    /** Every module of the 2.0 scripts that encodes to the binary format. */
    private static List<byte[]> corpus() throws IOException {
        Path dir = TestSuiteDirectory.resolve("spec/wasm-2.0");
        List<byte[]> modules = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
                for (WastCommand command : WastParser.parse(Files.readString(file), file.getFileName().toString())) {
                    WastModule module = moduleOf(command);
                    if (module == null) {
                        continue;
                    }
                    try {
                        byte[] bytes = module.encode();
                        if (bytes.length > 0) {
                            modules.add(bytes);
                        }
                    } catch (WasmException notEncodable) {
                        // Malformed text has no binary form to start from.
                    }
                }
            }
        }
        return modules;
    }

    private static WastModule moduleOf(WastCommand command) {
        if (command instanceof WastCommand.Module m) {
            return m.module();
        } else if (command instanceof WastCommand.AssertInvalid a) {
            return a.module();
        } else if (command instanceof WastCommand.AssertMalformed a) {
            return a.module();
        } else if (command instanceof WastCommand.AssertUnlinkable a) {
            return a.module();
        } else if (command instanceof WastCommand.AssertUninstantiable a) {
            return a.module();
        } else if (command instanceof WastCommand.AssertModuleTrap a) {
            return a.module();
        }
        return null;
    }
}
