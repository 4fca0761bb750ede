package dev.jazero.benchmarks;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
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
 * Host calls: a guest calls {@code bench.add(i32, i32) -> i32} {@value #CALLS} times in a
 * loop; the host function is defined four ways. One operation is the whole loop, so the score
 * divided by {@value #CALLS} is the cost of one guest-to-host call and back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// The compiled loop needs about 6 s to settle: before that, iterations alternate between ~1 ms
// and ~12 ms per operation (see docs/benchmarks.md).
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 3, time = 1)
public class HostCallBenchmark {
    public static final int CALLS = 100_000;

    /**
     * generated: the processor's adapter for {@link BenchHost}; handwritten: a {@code HostFunction}
     * (module and stack) written by hand; stack: a {@code StackFunction} written by hand; withFunc:
     * {@code withFunc(IntBinaryOperator.class, host::add)}.
     */
    @Param({"generated", "handwritten", "stack", "withFunc"})
    public String adapter;

    @Param({"compiler", "interpreter"})
    public String tier;

    private Runtime runtime;
    private Function loop;

    @Setup
    public void setUp() {
        runtime = Runtime.create("compiler".equals(tier) ? RuntimeConfig.compiler() : RuntimeConfig.interpreter());
        BenchHost host = new BenchHost();
        List<ValueType> params = List.of(ValueType.I32, ValueType.I32);
        List<ValueType> results = List.of(ValueType.I32);
        switch (adapter) {
            case "generated":
                BenchHost_HostModule.newBuilder(runtime, host).instantiate();
                break;
            case "handwritten":
                runtime.newHostModuleBuilder("bench")
                        .newFunctionBuilder()
                        .withHostFunction((caller, stack) -> stack[0] = ValueType.encodeI32(
                                host.add(ValueType.decodeI32(stack[0]), ValueType.decodeI32(stack[1]))), params, results)
                        .export("add")
                        .instantiate();
                break;
            case "stack":
                runtime.newHostModuleBuilder("bench")
                        .newFunctionBuilder()
                        .withStackFunction(stack -> stack[0] = ValueType.encodeI32(
                                host.add(ValueType.decodeI32(stack[0]), ValueType.decodeI32(stack[1]))), params, results)
                        .export("add")
                        .instantiate();
                break;
            case "withFunc":
                runtime.newHostModuleBuilder("bench")
                        .newFunctionBuilder()
                        .withFunc(IntBinaryOperator.class, host::add)
                        .export("add")
                        .instantiate();
                break;
            default:
                throw new IllegalArgumentException("unknown adapter: " + adapter);
        }
        String wat = new String(Engine.resource("hostcall.wat"), StandardCharsets.UTF_8);
        loop = runtime.instantiate(runtime.compileModule(wat)).exportedFunction("loop");
        long expected = (long) CALLS * (CALLS - 1) / 2 & 0xFFFFFFFFL;
        long result = loop.call(CALLS)[0];
        if (result != expected) {
            throw new IllegalStateException(adapter + "/" + tier + ": loop returned " + result + ", expected " + expected);
        }
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public long hostCalls() {
        return loop.call(CALLS)[0];
    }
}
