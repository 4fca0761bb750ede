package dev.jazero.integration.fuzz;

import dev.jazero.api.WasmException;
import dev.jazero.integration.TestSuiteDirectory;
import dev.jazero.internal.text.WastCommand;
import dev.jazero.internal.text.WastModule;
import dev.jazero.internal.text.WastParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the mutation fuzzer starts from: every valid module of the 2.0 spec scripts, in the binary
 * format and (for those written as text) in the text format, and real programs: the
 * {@code wasi-testsuite} programs under 200 KB, {@code examples/hello.wasm} and the benchmark
 * workloads, compiled from C.
 */
record FuzzCorpus(List<byte[]> binaries, List<String> texts, int realPrograms) {

    /** Real programs larger than this are left out: mutating one costs a compilation of all of it. */
    private static final long MAX_PROGRAM_BYTES = 200_000;

    static FuzzCorpus load() {
        List<byte[]> binaries = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        // Only valid modules: a mutation of one reaches further than a mutation of a module the
        // decoder already refuses, and mutations make enough invalid ones.
        try (dev.jazero.Runtime validator = dev.jazero.Runtime.create(dev.jazero.RuntimeConfig.interpreter())) {
            Path spec = TestSuiteDirectory.resolve("spec/wasm-2.0");
            try (Stream<Path> files = Files.list(spec)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
                    for (WastCommand command : WastParser.parse(Files.readString(file), file.getFileName().toString())) {
                        WastModule module = moduleOf(command);
                        if (module == null) {
                            continue;
                        }
                        try {
                            byte[] bytes = module.encode();
                            validator.compileModule(bytes);
                            binaries.add(bytes);
                            if (module.kind() == WastModule.Kind.TEXT) {
                                texts.add(module.text());
                            }
                        } catch (WasmException invalid) {
                            // Malformed or invalid: not a start.
                        }
                    }
                }
            }
            int specModules = binaries.size();
            List<Path> programs = new ArrayList<>();
            try (Stream<Path> files = Files.walk(TestSuiteDirectory.resolve("wasi"))) {
                files.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(programs::add);
            }
            programs.add(Path.of("..", "examples", "hello.wasm"));
            try (Stream<Path> files = Files.list(Path.of("..", "benchmarks", "src", "main", "resources", "dev", "jazero", "benchmarks"))) {
                files.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(programs::add);
            }
            for (Path program : programs) {
                if (Files.size(program) <= MAX_PROGRAM_BYTES) {
                    binaries.add(Files.readAllBytes(program));
                }
            }
            return new FuzzCorpus(List.copyOf(binaries), List.copyOf(texts), binaries.size() - specModules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
