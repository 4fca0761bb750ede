/**
 * Declares WebAssembly host modules as annotated Java classes.
 *
 * <p>Annotate a class with {@link dev.jazero.annotations.HostModule}, its functions with
 * {@link dev.jazero.annotations.WasmExport}, and string parameters read from guest memory with
 * {@link dev.jazero.annotations.PtrLen} or {@link dev.jazero.annotations.CString}. With
 * {@code jazero-processor} as an annotation processor, the compiler generates for a class
 * {@code Foo} a class {@code Foo_HostModule} in the same package, whose
 * {@code newBuilder(runtime, foo)} defines the module:
 *
 * <pre>{@code
 * @HostModule("env")
 * public class Env {
 *     @WasmExport
 *     public int add(int a, int b) {
 *         return a + b;
 *     }
 *
 *     @WasmExport("log")
 *     public void log(@PtrLen String message) {
 *         System.out.println(message);
 *     }
 * }
 *
 * // A guest imports (import "env" "add" (func (param i32 i32) (result i32)))
 * //           and (import "env" "log" (func (param i32 i32))).
 * Env_HostModule.newBuilder(runtime, new Env()).instantiate();
 * }</pre>
 *
 * <p>The annotations have {@code CLASS} retention: they are read by the processor and kept in
 * class files for tools, but never read at run time, so {@code jazero-annotations} is a
 * compile-time dependency only. See {@code docs/host-modules.md} for the full rules.
 */
package dev.jazero.annotations;
