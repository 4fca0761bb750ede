package dev.jazero.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class (or interface) as a WebAssembly host module named {@link #value()}. Its
 * {@link WasmExport} methods become the module's functions.
 *
 * <pre>{@code
 * @HostModule("env")
 * public class Env {
 *     @WasmExport
 *     public long nowNanos() {          // exported as "now_nanos": () -> i64
 *         return System.nanoTime();
 *     }
 * }
 *
 * try (Runtime runtime = Runtime.create()) {
 *     Env_HostModule.newBuilder(runtime, new Env()).instantiate();
 *     Module guest = runtime.instantiate(wasm);   // (import "env" "now_nanos" (func (result i64)))
 * }
 * }</pre>
 *
 * <p>The annotation processor in {@code jazero-processor} generates, in the same package, the
 * class {@code <Name>_HostModule} (for a nested class {@code Outer.Inner}:
 * {@code Outer_Inner_HostModule}), marked {@code @Generated}, with
 * <ul>
 *   <li>{@code MODULE_NAME}, this annotation's value;
 *   <li>{@code newBuilder(Runtime runtime, <Name> host)}, which starts a host module named
 *       {@code MODULE_NAME} on the runtime with the functions of {@code host}, and returns the
 *       {@code HostModuleBuilder} to {@code compile()} or {@code instantiate()};
 *   <li>{@code exportFunctions(HostModuleBuilder builder, <Name> host)}, which adds the
 *       functions to a builder of the caller's, so that several classes can make up one module.
 * </ul>
 * Functions are defined, and so indexed, in the order the methods are declared.
 *
 * <p>The class must be reachable from the generated class: top-level or a {@code static} nested
 * class, and neither it nor a class enclosing it private. It may be abstract or an interface,
 * since {@code newBuilder} takes an instance. The processor reports a compile error otherwise.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface HostModule {

    /** The module name under which WebAssembly modules import the functions, such as {@code "env"}; not empty. */
    String value();
}
