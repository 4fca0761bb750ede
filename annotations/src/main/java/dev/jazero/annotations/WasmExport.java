package dev.jazero.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exports a method of a {@link HostModule} class as a host function. The method must be a
 * {@code public} instance method declared in that class; the generated adapter reads the Wasm
 * parameters from the stack, calls the method directly and writes its results back, with no
 * reflection, boxing or allocation of its own.
 *
 * <pre>{@code
 * @HostModule("env")
 * public class Env {
 *     @WasmExport                                    // "add": (i32, i32) -> i32
 *     public int add(int a, int b) { return a + b; }
 *
 *     @WasmExport("print")                           // "print": (i32, i32) -> ()
 *     public void print(Memory memory, int ptr, int len) {
 *         System.out.print(memory.readString(Integer.toUnsignedLong(ptr), len));
 *     }
 *
 *     public record DivMod(long quotient, long remainder) {}
 *
 *     @WasmExport                                    // "div_mod": (i64, i64) -> (i64, i64)
 *     public DivMod divMod(long a, long b) { return new DivMod(a / b, a % b); }
 * }
 * }</pre>
 *
 * <h2>Parameters</h2>
 * Each Java parameter, in order, is one of:
 * <ul>
 *   <li>{@code int}, {@code long}, {@code float}, {@code double}: one Wasm parameter of type
 *       i32, i64, f32, f64; {@code boolean}: an i32, true when non-zero;
 *   <li>{@code dev.jazero.api.Module}: the calling module instance, injected (no Wasm
 *       parameter), to call its exports or reach its memories;
 *   <li>{@code dev.jazero.api.Memory}: the calling module's memory, injected (a trap when the
 *       caller has none);
 *   <li>{@code String} annotated {@link PtrLen}: two i32 Wasm parameters, pointer and length of
 *       UTF-8 bytes in the caller's memory;
 *   <li>{@code String} annotated {@link CString}: one i32 Wasm parameter, the pointer to
 *       NUL-terminated UTF-8 bytes.
 * </ul>
 * The Wasm parameter names are the Java parameter names ({@code name} and {@code name_len} for
 * {@code @PtrLen}).
 *
 * <h2>Results</h2>
 * The return type is {@code void} (no result), {@code int}, {@code long}, {@code float},
 * {@code double} or {@code boolean} (one result: i32, i64, f32, f64, or i32 1/0), or a
 * {@code record} whose components are of those five types: one result per component, in order,
 * named after the components. A record is the way to return several values.
 *
 * <h2>Failures</h2>
 * An unchecked exception thrown by the method traps the guest: the call ends in a
 * {@code TrapException} of kind {@code HOST_FUNCTION_FAILED} with the exception as its cause
 * ({@code WasmException}s, such as a {@code TrapException} from an out-of-bounds memory access,
 * pass through unchanged). The method may not declare checked exceptions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface WasmExport {

    /**
     * The export name; when empty (the default), the method name in snake_case: {@code fdWrite}
     * becomes {@code fd_write}, {@code getHTTPStatus} becomes {@code get_http_status}.
     */
    String value() default "";
}
