package dev.jazero.internal.engine;

import dev.jazero.RuntimeConfig;
import dev.jazero.internal.compiler.CompilerEngine;
import dev.jazero.internal.interpreter.Interpreter;
import dev.jazero.internal.runtime.Engine;

/**
 * The one place that picks a runtime's execution tier, as wazero's {@code runtime.go} does: the
 * runtime calls its {@link Engine} and knows no tier, and neither tier knows the other.
 */
public final class Engines {

    private Engines() {
    }

    /** The tier {@code config} asks for: the compiler (which hands what it cannot compile to the interpreter), or the interpreter. */
    public static Engine create(RuntimeConfig config) {
        Interpreter interpreter = new Interpreter(config.maxCallDepth());
        return config.isCompiler() ? new CompilerEngine(interpreter, config.tieredCompilation()) : interpreter;
    }
}
