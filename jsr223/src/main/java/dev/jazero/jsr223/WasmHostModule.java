package dev.jazero.jsr223;

import dev.jazero.HostModuleBuilder;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A host module bound explicitly: put one into the engine's bindings (under any key) and guests
 * can import its functions from {@link #moduleName()}. For an annotated class without the generated
 * provider (in a named module, say), bind
 * {@code WasmHostModule.of(Foo_HostModule.MODULE_NAME, b -> Foo_HostModule.exportFunctions(b, foo))};
 * for hand-written functions, add them to the builder:
 * {@code WasmHostModule.of("env", b -> b.newFunctionBuilder().withStackFunction(...).export("log"))}.
 *
 * @param moduleName the name guests import from
 * @param functions adds the functions to the module's builder; called once per evaluation
 */
public record WasmHostModule(String moduleName, Consumer<HostModuleBuilder> functions) {

    public WasmHostModule {
        Objects.requireNonNull(moduleName, "moduleName");
        Objects.requireNonNull(functions, "functions");
    }

    /** A host module named {@code moduleName} whose functions {@code functions} defines. */
    public static WasmHostModule of(String moduleName, Consumer<HostModuleBuilder> functions) {
        return new WasmHostModule(moduleName, functions);
    }
}
