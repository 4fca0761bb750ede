package dev.jazero.jsr223;

import dev.jazero.HostModuleBuilder;

/**
 * A service that makes objects of one class host modules of the script engine: an object of
 * {@link #hostClass()} (or a subclass) put into the engine's bindings becomes the host module
 * {@link #moduleName()}, which guests import.
 *
 * <p>jazero-processor writes one of these, {@code Foo_HostModuleProvider}, for each
 * {@code @HostModule} class {@code Foo} compiled with jazero-jsr223 on the class path, and lists it
 * in {@code META-INF/services/dev.jazero.jsr223.HostModuleProvider}, so that the engine finds
 * {@code Foo_HostModule} for an object of class {@code Foo} with {@link java.util.ServiceLoader}
 * and the class literal {@link #hostClass()} returns: no reflection, and nothing to register by
 * hand on the class path. In a named module, declare
 * {@code provides dev.jazero.jsr223.HostModuleProvider with ...Foo_HostModuleProvider;} in
 * {@code module-info.java}, or bind a {@link WasmHostModule} instead.
 */
public interface HostModuleProvider {

    /** The {@code @HostModule} class whose objects this provider turns into host modules. */
    Class<?> hostClass();

    /** The module name from {@code @HostModule}. */
    String moduleName();

    /** Adds the functions of {@code host}, an instance of {@link #hostClass()}, to {@code builder}. */
    void exportFunctions(HostModuleBuilder builder, Object host);
}
