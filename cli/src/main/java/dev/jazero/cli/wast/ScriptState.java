package dev.jazero.cli.wast;

import dev.jazero.CompiledModule;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * What a script has built so far, as in the reference interpreter: one fresh {@link Runtime}
 * with {@code spectest} in it, the most recent module, and the modules and module definitions
 * by their script names ({@code $M}).
 */
final class ScriptState implements AutoCloseable {

    private final Runtime runtime;
    private final ModuleCompiler compiler;
    private final Map<String, ScriptModule> named = new HashMap<>();
    private final Map<String, CompiledModule> definitions = new HashMap<>();
    private ScriptModule current;

    /** Creates the runtime and instantiates {@code spectest} in it. */
    ScriptState(RuntimeConfig config, PrintStream spectestOutput) {
        this.runtime = Runtime.create(config);
        try {
            Spectest.instantiate(runtime, spectestOutput);
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
        this.compiler = new ModuleCompiler(runtime);
    }

    ModuleCompiler compiler() {
        return compiler;
    }

    /** Records a module definition (or its failure) as the current module and under its name. */
    void define(String name, ScriptModule module) {
        current = module;
        if (name != null) {
            named.put(name, module);
        }
    }

    /** Records a compiled module of {@code (module definition $D ...)}; {@code name} may be null. */
    void defineCompiled(String name, CompiledModule compiled) {
        definitions.put(name, compiled);
    }

    /** Returns the compiled module of a {@code module definition}, by name or the latest (null). */
    CompiledModule compiled(String name) {
        CompiledModule compiled = definitions.get(name);
        if (compiled == null) {
            throw new CommandFailure("no module definition " + (name == null ? "without a name" : name));
        }
        return compiled;
    }

    /** Returns the instance a command means: by script name, or the current one for null. */
    Module module(String name, String what) {
        ScriptModule module = name == null ? current : named.get(name);
        if (module == null) {
            throw new CommandFailure(what + ": " + (name == null ? "no module has been defined" : "no module " + name));
        }
        return module.require(what);
    }

    /** Makes an instance importable under {@code as}, as the {@code register} command does. */
    void register(String as, Module module) {
        runtime.register(as, module);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
