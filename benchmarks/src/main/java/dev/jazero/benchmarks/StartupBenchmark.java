package dev.jazero.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Startup: decode, compile and instantiate the module of every workload ({@code all.wasm}) and
 * make a first call ({@code fib(10)}), then close it. Measured warm (the engine's own classes
 * are JIT-compiled), which is what a server that loads modules on demand pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class StartupBenchmark {
    @Param({"jazero-compiler", "jazero-interpreter", "chicory-compiler", "chicory-interpreter"})
    public String engine;

    private Engine kind;
    private byte[] wasm;

    @Setup
    public void setUp() {
        kind = Engine.of(engine);
        wasm = Engine.resource("all.wasm");
    }

    @Benchmark
    public long startup() {
        try (Engine.Loaded loaded = kind.load(wasm)) {
            return loaded.export("fib").call(10);
        }
    }
}
