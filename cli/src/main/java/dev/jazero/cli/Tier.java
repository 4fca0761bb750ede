package dev.jazero.cli;

import dev.jazero.RuntimeConfig;

/** The execution tier a command runs modules with. */
public enum Tier {
    /** The engine's best tier, what {@link RuntimeConfig#defaults()} chooses. */
    DEFAULT,
    /** The interpreter, whatever the default is. */
    INTERPRETER,
    /** The compiler to JVM bytecode, whatever the default is. */
    COMPILER;

    /** Returns the runtime configuration that selects this tier. */
    public RuntimeConfig runtimeConfig() {
        return switch (this) {
            case DEFAULT -> RuntimeConfig.defaults();
            case INTERPRETER -> RuntimeConfig.interpreter();
            case COMPILER -> RuntimeConfig.compiler();
        };
    }
}
