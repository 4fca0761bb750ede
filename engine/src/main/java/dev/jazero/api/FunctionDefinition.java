package dev.jazero.api;

import java.util.List;

/**
 * Describes a function of a module, before or after instantiation: its index, names and
 * signature. Like wazero's {@code api.FunctionDefinition}.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface FunctionDefinition {

    /** Returns the name of the module that defines the function. */
    String moduleName();

    /** Returns the function's index in the module's function index space (imports first). */
    int index();

    /** Returns the name from the name section, or {@code null} when there is none. */
    String name();

    /**
     * Returns a name for messages and stack traces: {@code module.function}, where the function
     * is named by the name section, else by its first export name, else as {@code $index}; the
     * module part is left out when the module has no name.
     */
    String debugName();

    /** Returns the module and name this function is imported from, or {@code null}. */
    String[] importedAs();

    /** Returns the names under which the module exports this function, possibly empty. */
    List<String> exportNames();

    /** Returns the parameter types. */
    List<ValueType> paramTypes();

    /** Returns the result types. */
    List<ValueType> resultTypes();

    /** Returns the parameter names, or an empty list when they are unknown. */
    List<String> paramNames();

    /** Returns the result names, or an empty list when they are unknown. */
    List<String> resultNames();

    /** Returns the host function behind this definition, or {@code null} for a Wasm function. */
    Object hostFunction();
}
