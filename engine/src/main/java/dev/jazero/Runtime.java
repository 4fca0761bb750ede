package dev.jazero;

import dev.jazero.api.Module;
import dev.jazero.internal.runtime.RuntimeImpl;

/**
 * The entry point: compiles modules and instantiates them, and is the namespace in which modules
 * find each other's exports by module name. Like wazero's {@code Runtime}.
 *
 * <pre>{@code
 * try (Runtime runtime = Runtime.create()) {
 *     Module module = runtime.instantiate(Files.readAllBytes(Path.of("add.wasm")));
 *     long[] sum = module.exportedFunction("add").call(1, 2);
 * }
 * }</pre>
 *
 * <p>A runtime is safe to use from several threads; each module instance is meant for one thread
 * at a time. Closing the runtime closes every module it instantiated.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface Runtime extends AutoCloseable {

    /** Creates a runtime with the default configuration. */
    static Runtime create() {
        return create(RuntimeConfig.defaults());
    }

    /** Creates a runtime with the given configuration. */
    static Runtime create(RuntimeConfig config) {
        return new RuntimeImpl(config, dev.jazero.internal.engine.Engines.create(config));
    }

    /** Returns the runtime's configuration. */
    RuntimeConfig config();

    /**
     * Decodes, validates and compiles a module given in the binary format, or in the text format
     * as UTF-8 (recognised by starting, after white space, with a parenthesis or a comment).
     *
     * @throws dev.jazero.api.MalformedModuleException when the input is not a module
     * @throws dev.jazero.api.InvalidModuleException when the module does not validate
     */
    CompiledModule compileModule(byte[] wasmOrWat);

    /** Compiles a module given in the text format. */
    CompiledModule compileModule(String wat);

    /**
     * Compiles a module given in the text format, naming its source: errors, and the stack
     * traces of its traps, give positions as {@code name:line:column}.
     *
     * @param name the source's name, such as its file's; empty for none
     */
    CompiledModule compileModule(String wat, String name);

    /**
     * Instantiates a compiled module: resolves its imports against the modules of this runtime,
     * initialises tables and memories, and runs its start function and then the start functions
     * of {@code config}. A named instance becomes importable by that name.
     *
     * @throws dev.jazero.api.UnlinkableModuleException when an import cannot be satisfied
     * @throws dev.jazero.api.UninstantiableModuleException when initialisation or a start
     *     function fails
     * @throws IllegalArgumentException when a directory that {@code config} mounts is not there
     */
    Module instantiate(CompiledModule module, ModuleConfig config);

    /** Instantiates a compiled module with the default {@link ModuleConfig}. */
    default Module instantiate(CompiledModule module) {
        return instantiate(module, ModuleConfig.defaults());
    }

    /** Compiles and instantiates a module in one step. */
    default Module instantiate(byte[] wasmOrWat) {
        return instantiate(compileModule(wasmOrWat));
    }

    /** Returns the instantiated module with that name, or {@code null}. */
    Module module(String name);

    /**
     * Makes {@code module}, an instance of this runtime, importable under {@code name} as well,
     * as the spec scripts' {@code register} command does: modules instantiated afterwards that
     * import from {@code name} link to its exports, sharing its state. A module registered under
     * that name before is no longer reached by it; neither instance is closed.
     *
     * @throws IllegalArgumentException if {@code module} is not an instance of this runtime
     */
    void register(String name, Module module);

    /** Starts the definition of a host module named {@code moduleName}. */
    HostModuleBuilder newHostModuleBuilder(String moduleName);

    /** Closes every module of the runtime and the runtime itself. */
    @Override
    void close();

    /** Closes everything, recording the exit code that running calls will report. */
    void closeWithExitCode(int exitCode);
}
