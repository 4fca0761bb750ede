package dev.jazero.benchmarks;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.Module;
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
 * The cost of cancellation (RuntimeConfig.withCloseOnCancel), which adds a check at every loop
 * iteration and function entry (in compiled code one that does nothing until a call is
 * cancelled): the workloads with and without it, in each tier. The target is less than 10%.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Three forks: how HotSpot compiles a workload differs from fork to fork, by up to 3x (docs/benchmarks.md).
@Fork(value = 3, jvmArgsAppend = {"-Xss16m"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class CancellationBenchmark {

    @Param({"fib", "intmath", "nbody", "sieve", "sort", "vm", "alloc"})
    public String workload;

    @Param({"compiler", "interpreter"})
    public String tier;

    @Param({"false", "true"})
    public boolean cancellable;

    private Runtime runtime;
    private Function kernel;
    private long arg;

    @Setup
    public void setUp() {
        Workload w = Workload.of(workload);
        RuntimeConfig config = tier.equals("compiler") ? RuntimeConfig.compiler() : RuntimeConfig.interpreter();
        runtime = Runtime.create(config.withCloseOnCancel(cancellable));
        Module module = runtime.instantiate(Engine.resource(w.file));
        kernel = module.exportedFunction(w.export);
        arg = w.arg;
        long result = kernel.call(arg)[0];
        if (result != w.expected) {
            throw new IllegalStateException(workload + " computes " + result + ", expected " + w.expected);
        }
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public long run() {
        return kernel.call(arg)[0];
    }
}
