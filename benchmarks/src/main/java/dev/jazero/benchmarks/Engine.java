package dev.jazero.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.Module;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The engines measured side by side, behind one small interface. */
public enum Engine {
    JAZERO_COMPILER("jazero-compiler") {
        @Override
        public Loaded load(byte[] wasm) {
            return jazero(RuntimeConfig.compiler(), wasm);
        }
    },
    JAZERO_INTERPRETER("jazero-interpreter") {
        @Override
        public Loaded load(byte[] wasm) {
            return jazero(RuntimeConfig.interpreter(), wasm);
        }
    },
    /** The compiler with canonical NaNs, to measure their price; not in the default report. */
    JAZERO_COMPILER_CANONICAL_NANS("jazero-compiler-canonical-nans") {
        @Override
        public Loaded load(byte[] wasm) {
            return jazero(RuntimeConfig.compiler().withCanonicalNaNs(true), wasm);
        }
    },
    /** The interpreter with canonical NaNs; not in the default report. */
    JAZERO_INTERPRETER_CANONICAL_NANS("jazero-interpreter-canonical-nans") {
        @Override
        public Loaded load(byte[] wasm) {
            return jazero(RuntimeConfig.interpreter().withCanonicalNaNs(true), wasm);
        }
    },
    CHICORY_COMPILER("chicory-compiler") {
        @Override
        public Loaded load(byte[] wasm) {
            WasmModule module = Parser.parse(wasm);
            return chicory(Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module)).build());
        }
    },
    CHICORY_INTERPRETER("chicory-interpreter") {
        @Override
        public Loaded load(byte[] wasm) {
            return chicory(Instance.builder(Parser.parse(wasm)).withMachineFactory(InterpreterMachine::new).build());
        }
    };

    /** The names used in {@code @Param} and in the report, in report order. */
    public static final String[] NAMES = {"jazero-compiler", "jazero-interpreter", "chicory-compiler", "chicory-interpreter"};

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Loads {@code wasm} on the engine of that label, or on V8 for {@code v8} ({@link V8}). */
    public static Loaded load(String label, byte[] wasm) {
        return label.equals("v8") ? V8.load(wasm) : of(label).load(wasm);
    }

    public static Engine of(String label) {
        for (Engine e : values()) {
            if (e.label.equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine: " + label);
    }

    /** Decodes, compiles and instantiates a module that imports nothing. */
    public abstract Loaded load(byte[] wasm);

    /** An instantiated module. */
    public interface Loaded extends AutoCloseable {
        Call export(String name);

        @Override
        void close();
    }

    /** An exported function of one i32 parameter and one result. */
    @FunctionalInterface
    public interface Call {
        long call(long arg);
    }

    private static Loaded jazero(RuntimeConfig config, byte[] wasm) {
        Runtime runtime = Runtime.create(config);
        Module module = runtime.instantiate(wasm);
        return new Loaded() {
            @Override
            public Call export(String name) {
                Function f = module.exportedFunction(name);
                return arg -> f.call(arg)[0];
            }

            @Override
            public void close() {
                runtime.close();
            }
        };
    }

    private static Loaded chicory(Instance instance) {
        return new Loaded() {
            @Override
            public Call export(String name) {
                ExportFunction f = instance.export(name);
                return arg -> f.apply(arg)[0];
            }

            @Override
            public void close() {}
        };
    }

    /** A resource next to this class: a workload's .wasm, or a .wat. */
    public static byte[] resource(String name) {
        try (InputStream in = Engine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
