package dev.jazero.jsr223;

import dev.jazero.CompiledModule;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;

/**
 * A decoded and validated module. Each {@link #eval(ScriptContext)} instantiates it afresh, in a
 * runtime of its own with the host modules of that context's bindings, so evaluations are isolated
 * from each other and may run on several threads at once; it costs an instantiation, not a
 * compilation.
 */
public final class WasmCompiledScript extends CompiledScript {

    private final WasmScriptEngine engine;
    private final CompiledModule module;
    private final String fileName;
    private final boolean binary;

    WasmCompiledScript(WasmScriptEngine engine, CompiledModule module, String fileName, boolean binary) {
        this.engine = engine;
        this.module = module;
        this.fileName = fileName;
        this.binary = binary;
    }

    /**
     * Instantiates the module with the host modules found in {@code context}'s bindings, runs its
     * start function and, for a command, {@code _start}; puts the instance into the context's
     * engine-scope bindings (under {@link WasmScriptEngine#MODULE}, and its exports under their
     * names).
     *
     * @return the exit code (an {@code Integer}) of a module that exports {@code _start}, else the
     *     {@link dev.jazero.api.Module} instance
     */
    @Override
    public Object eval(ScriptContext context) throws ScriptException {
        return engine.run(this, context);
    }

    @Override
    public ScriptEngine getEngine() {
        return engine;
    }

    /** The compiled module: its imports, exports and custom sections. */
    public CompiledModule compiledModule() {
        return module;
    }

    String fileName() {
        return fileName;
    }

    boolean isBinary() {
        return binary;
    }
}
