package dev.jazero;

import dev.jazero.api.HostFunction;
import dev.jazero.api.StackFunction;
import dev.jazero.api.ValueType;
import java.util.List;

/**
 * Defines one function of a host module. Like wazero's {@code HostFunctionBuilder}. Functions get
 * indices in the order they are exported.
 */
public interface HostFunctionBuilder {

    /** Uses a function of the stack only, with the given signature. */
    HostFunctionBuilder withStackFunction(StackFunction function, List<ValueType> params, List<ValueType> results);

    /** Uses a function of the calling module and the stack, with the given signature. */
    HostFunctionBuilder withHostFunction(HostFunction function, List<ValueType> params, List<ValueType> results);

    /** Sets the function's name for the name section and stack traces (default: the export name). */
    HostFunctionBuilder withName(String name);

    /** Sets the parameter names. */
    HostFunctionBuilder withParameterNames(String... names);

    /** Sets the result names. */
    HostFunctionBuilder withResultNames(String... names);

    /** Exports the function under {@code name} and returns to the module builder. */
    HostModuleBuilder export(String name);
}
