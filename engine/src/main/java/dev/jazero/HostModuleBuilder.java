package dev.jazero;

import dev.jazero.api.Module;

/**
 * Defines a module of Java functions that WebAssembly modules can import. Like wazero's
 * {@code HostModuleBuilder}: start a function with {@link #newFunctionBuilder()}, finish it with
 * {@link HostFunctionBuilder#export(String)}, then {@link #compile()} or {@link #instantiate()}.
 *
 * <pre>{@code
 * runtime.newHostModuleBuilder("env")
 *     .newFunctionBuilder()
 *         .withStackFunction(stack -> System.out.println((int) stack[0]),
 *                            List.of(ValueType.I32), List.of())
 *         .export("print")
 *     .instantiate();
 * }</pre>
 *
 * <p>For a class annotated {@code @HostModule} (module {@code jazero-annotations}), the
 * annotation processor in {@code jazero-processor} generates {@code
 * Foo_HostModule.newBuilder(runtime, foo)},
 * which returns a builder with the class's functions already defined.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface HostModuleBuilder {

    /** Starts the definition of a function. */
    HostFunctionBuilder newFunctionBuilder();

    /**
     * Defines and exports a tag whose exceptions carry values of {@code params}: guests import it
     * to throw and catch exceptions of it, and host functions throw them as
     * {@link dev.jazero.api.ThrownException}s with the instance's {@code exportedTag(name)}.
     *
     * @throws IllegalArgumentException when the module already exports {@code name}, or a type
     *     names a module's type (as {@code (ref $t)} does)
     */
    HostModuleBuilder exportTag(String name, java.util.List<dev.jazero.api.ValueType> params);

    /** Compiles the host module, to be instantiated with {@link Runtime#instantiate}. */
    CompiledModule compile();

    /** Compiles and instantiates the host module under its name. */
    Module instantiate();
}
