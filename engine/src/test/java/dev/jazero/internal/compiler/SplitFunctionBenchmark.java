package dev.jazero.internal.compiler;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How much faster a large function runs split and compiled than interpreted (what the compiler
 * did with it before it could split): an interpreter loop of about 30 KB of Wasm code, a
 * br_table over 120 cases in a loop. On demand:
 * {@code mvn -B -q -pl engine test -Dtest=SplitFunctionBenchmark -Djazero.splitBenchmark=true}.
 */
@EnabledIfSystemProperty(named = "jazero.splitBenchmark", matches = "true")
class SplitFunctionBenchmark {

    private static final long STEPS = 200_000;

    @Test
    void interpreterLoopOf30KiB() {
        String wat = SplitFunctionTest.interpreterLoop(Integer.getInteger("jazero.splitBenchmark.cases", 120), 20);
        double interpreted = 0;
        for (RuntimeConfig config : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            try (Runtime runtime = Runtime.create(config)) {
                runtime.newHostModuleBuilder("env").newFunctionBuilder()
                        .withStackFunction(stack -> stack[0] = stack[0] * 3 + 1, java.util.List.of(dev.jazero.api.ValueType.I32),
                                java.util.List.of(dev.jazero.api.ValueType.I32))
                        .export("host").instantiate();
                CompiledModuleImpl module = (CompiledModuleImpl) runtime.compileModule(wat);
                int size = module.module().codes.get(1).code().length;
                Function run = runtime.instantiate(module).exportedFunction("run");
                long result = 0;
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < deadline) {
                    result += run.call(STEPS)[0];
                }
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 10; i++) {
                    long start = System.nanoTime();
                    result += run.call(STEPS)[0];
                    best = Math.min(best, System.nanoTime() - start);
                }
                double perStep = (double) best / STEPS;
                if (!config.isCompiler()) {
                    interpreted = perStep;
                }
                System.out.printf("%s: %d bytes of Wasm, compiled %b, %.1f ns per case (best of 10 runs of %d)%s (%d)%n",
                        config.isCompiler() ? "compiler" : "interpreter", size, module.isCompiled(2), perStep, STEPS,
                        config.isCompiler() ? String.format(", %.1fx faster", interpreted / perStep) : "", result);
            }
        }
    }
}
