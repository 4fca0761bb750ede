package dev.jazero.api;

import java.util.Map;

/**
 * An instantiated module: WebAssembly code compiled and linked, or a host module. Like wazero's
 * {@code api.Module}. Closing it removes it from its runtime, so other modules can no longer
 * import from it, and releases what it holds.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface Module extends AutoCloseable {

    /** Returns the module's name in its runtime, or {@code null} for an anonymous instance. */
    String name();

    /** Returns the exported function with that name, or {@code null} when there is none. */
    Function exportedFunction(String name);

    /** Returns the definitions of all exported functions by export name. */
    Map<String, FunctionDefinition> exportedFunctionDefinitions();

    /** Returns the exported memory with that name, or {@code null} when there is none. */
    Memory exportedMemory(String name);

    /** Returns the definitions of all exported memories by export name. */
    Map<String, MemoryDefinition> exportedMemoryDefinitions();

    /** Returns the exported global with that name, or {@code null} when there is none. */
    Global exportedGlobal(String name);

    /** Returns the exported tag of this name, or null when there is none. */
    Tag exportedTag(String name);

    /**
     * Returns the memory host functions mean: the module's first memory, defined or imported, or
     * {@code null} when it has none. Of a module with several memories, the one it exports as
     * {@code memory} (as WASI has it), when it does.
     */
    Memory memory();

    /** Returns true once the module has been closed. */
    boolean isClosed();

    /** Closes the module with exit code 0. */
    @Override
    void close();

    /** Closes the module, recording the exit code a running call will report. */
    void closeWithExitCode(int exitCode);
}
