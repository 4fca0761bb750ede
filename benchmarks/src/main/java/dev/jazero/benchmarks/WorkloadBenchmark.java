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
 * One workload's kernel on one engine: a benchmark operation is one call of the exported kernel
 * on an instance made once per trial. {@code v8} is Node.js in a process of its own ({@link V8}):
 * a call's round trip over its pipe adds tens of microseconds to kernels of milliseconds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Three forks: how HotSpot compiles a workload differs from fork to fork, by up to 3x (docs/benchmarks.md).
@Fork(value = 3, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class WorkloadBenchmark {
    @Param({"fib", "intmath", "nbody", "sieve", "sort", "vm", "alloc"})
    public String workload;

    @Param({"jazero-compiler", "jazero-interpreter", "chicory-compiler", "chicory-interpreter", "v8"})
    public String engine;

    private Engine.Loaded loaded;
    private Engine.Call kernel;
    private long arg;

    @Setup
    public void setUp() {
        Workload w = Workload.of(workload);
        byte[] wasm = Engine.resource(w.file);
        loaded = Engine.load(engine, wasm);
        kernel = loaded.export(w.export);
        arg = w.arg;
        long result = kernel.call(arg);
        if (result != w.expected) {
            throw new IllegalStateException(engine + " computes " + workload + "(" + arg + ") = " + result
                    + ", expected " + w.expected);
        }
    }

    @TearDown
    public void tearDown() {
        loaded.close();
    }

    @Benchmark
    public long run() {
        return kernel.call(arg);
    }
}
