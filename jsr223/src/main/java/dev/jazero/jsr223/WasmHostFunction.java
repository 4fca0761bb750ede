package dev.jazero.jsr223;

import dev.jazero.api.StackFunction;
import dev.jazero.api.ValueType;
import java.util.List;
import java.util.Objects;

/**
 * One stack-based host function bound explicitly: put it into the engine's bindings (under any
 * key, {@code "env.log"} reads well) and guests can import it as {@code (import "env" "log" ...)}.
 * Functions of the same module, bound separately or beside a {@code @HostModule} object of that
 * module name, make one host module.
 *
 * <pre>{@code
 * engine.put("env.log", WasmHostFunction.of("env", "log", List.of(ValueType.I32), List.of(),
 *         stack -> System.out.println(ValueType.decodeI32(stack[0]))));
 * }</pre>
 *
 * @param moduleName the module guests import from
 * @param name the function's name in that module
 * @param params the parameter types
 * @param results the result types
 * @param function the code, on wazero's stack ABI (see {@link ValueType})
 */
public record WasmHostFunction(String moduleName, String name, List<ValueType> params, List<ValueType> results,
        StackFunction function) {

    public WasmHostFunction {
        Objects.requireNonNull(moduleName, "moduleName");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        results = List.copyOf(results);
        Objects.requireNonNull(function, "function");
    }

    /** A function {@code moduleName.name} of the given signature. */
    public static WasmHostFunction of(String moduleName, String name, List<ValueType> params, List<ValueType> results,
            StackFunction function) {
        return new WasmHostFunction(moduleName, name, params, results, function);
    }
}
