package dev.jazero.benchmarks;

import dev.jazero.CompilationCache;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compilation cache: {@code compileModule} of the big generated module
 * ({@link BigModule}, 18,000 functions, 16 MiB of code) without a cache ({@code cold}), and with
 * a directory cache that a previous compile filled ({@code warm}); the same plus instantiation
 * and the first call ({@code coldFirstCall}, {@code warmFirstCall}), since a hit leaves the
 * generated classes to be defined on first use. The target is warm {@code compileModule} at
 * least 10x faster than cold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CompilationCacheBenchmark {

    @Param({"compiler", "interpreter"})
    public String tier;

    private byte[] module;
    private Path directory;
    private CompilationCache warmCache;
    private RuntimeConfig config;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        module = BigModule.generate(BigModule.Spec.defaults()).bytes();
        config = tier.equals("compiler") ? RuntimeConfig.compiler() : RuntimeConfig.interpreter();
        directory = Files.createTempDirectory("jazero-cache-bench");
        warmCache = CompilationCache.directory(directory);
        try (Runtime runtime = Runtime.create(config.withCompilationCache(warmCache))) {
            runtime.compileModule(module);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        warmCache.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Object cold() {
        try (Runtime runtime = Runtime.create(config)) {
            return runtime.compileModule(module);
        }
    }

    @Benchmark
    public Object warm() {
        try (Runtime runtime = Runtime.create(config.withCompilationCache(warmCache))) {
            return runtime.compileModule(module);
        }
    }

    @Benchmark
    public long coldFirstCall() {
        try (Runtime runtime = Runtime.create(config)) {
            return firstCall(runtime);
        }
    }

    @Benchmark
    public long warmFirstCall() {
        try (Runtime runtime = Runtime.create(config.withCompilationCache(warmCache))) {
            return firstCall(runtime);
        }
    }

    private long firstCall(Runtime runtime) {
        Module instance = runtime.instantiate(runtime.compileModule(module));
        long[] results = instance.exportedFunction(BigModule.ENTRY).call();
        return results.length == 0 ? 0 : results[0];
    }
}
