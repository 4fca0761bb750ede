package dev.jazero.benchmarks;

import java.util.concurrent.TimeUnit;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A measure of the javax.script engine: {@code compile} of a 1 MiB module (WAT text for
 * 4,000 functions) against {@code CompiledScript.eval}, which instantiates the compiled module
 * again; eval must cost a small fraction of compile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class ScriptEngineBenchmark {

    private Compilable engine;
    private String module;
    private CompiledScript compiled;

    @Setup
    public void setUp() throws ScriptException {
        ScriptEngine found = new ScriptEngineManager().getEngineByName("wasm");
        engine = (Compilable) found;
        StringBuilder wat = new StringBuilder("(module (memory 1)\n");
        for (int i = 0; wat.length() < 1 << 20; i++) {
            wat.append("  (func $f").append(i).append(" (export \"f").append(i).append("\") (param i32) (result i32)")
                    .append(" (i32.add (i32.load offset=").append(i % 1000).append(" (local.get 0))")
                    .append(" (i32.mul (local.get 0) (i32.const ").append(i).append("))))\n");
        }
        module = wat.append(")\n").toString();
        compiled = engine.compile(module);
    }

    @Benchmark
    public CompiledScript compile() throws ScriptException {
        return engine.compile(module);
    }

    @Benchmark
    public Object eval() throws ScriptException {
        return compiled.eval();
    }
}
