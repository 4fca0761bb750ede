package dev.jazero;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.MemoryDefinition;
import java.util.List;
import java.util.Map;

/**
 * A decoded, validated and compiled module, ready to be instantiated any number of times. Safe to
 * share between threads. Like wazero's {@code CompiledModule}.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface CompiledModule extends AutoCloseable {

    /** Returns the module's name from its name section, or {@code null}. */
    String name();

    /** Returns the definitions of the imported functions, in index order. */
    List<FunctionDefinition> importedFunctions();

    /** Returns the definitions of the exported functions by export name. */
    Map<String, FunctionDefinition> exportedFunctions();

    /** Returns the definitions of the imported memories. */
    List<MemoryDefinition> importedMemories();

    /** Returns the definitions of the exported memories by export name. */
    Map<String, MemoryDefinition> exportedMemories();

    /** Returns the custom sections, when the runtime keeps them; else an empty list. */
    List<CustomSection> customSections();

    /** Releases what compilation produced. Instances already made stay usable. */
    @Override
    void close();
}
