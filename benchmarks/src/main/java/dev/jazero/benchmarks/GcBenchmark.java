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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A garbage-collection-heavy workload, binary trees of structs ({@code gctrees.wat}, assembled into {@code gctrees.wasm}), on Jazero's
 * tiers and on V8 ({@link V8}), in one run: what the report's ratios compare. Chicory has no
 * garbage collection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 2)
public class GcBenchmark {

    /** The depth of the largest trees: about 3 million structs per operation. */
    static final int DEPTH = 14;
    /** gctrees(14), as every engine computes it. */
    static final long EXPECTED = 3_156_655;

    @Param({"jazero-compiler", "jazero-interpreter", "v8"})
    public String engine;

    private Engine.Loaded loaded;
    private Engine.Call kernel;

    @Setup
    public void setUp() {
        byte[] wasm = Engine.resource("gctrees.wasm");
        loaded = Engine.load(engine, wasm);
        kernel = loaded.export("gctrees");
        long result = kernel.call(DEPTH);
        if (result != EXPECTED) {
            throw new IllegalStateException(engine + " computes gctrees(" + DEPTH + ") = " + result + ", expected " + EXPECTED);
        }
    }

    @TearDown
    public void tearDown() {
        loaded.close();
    }

    @Benchmark
    public long run() {
        return kernel.call(DEPTH);
    }
}
