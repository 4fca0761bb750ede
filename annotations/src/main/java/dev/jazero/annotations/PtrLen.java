package dev.jazero.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter of a {@link WasmExport} method as a string in the calling
 * module's memory given by two i32 Wasm parameters: the address of its first byte and its length
 * in bytes, decoded as UTF-8 (malformed sequences become U+FFFD). The Wasm parameters are named
 * after the Java parameter: {@code message} and {@code message_len}.
 *
 * <pre>{@code
 * @WasmExport("log")                               // "log": (i32 message, i32 message_len) -> ()
 * public void log(@PtrLen String message) {
 *     System.out.println(message);
 * }
 * }</pre>
 *
 * <p>This is the usual shape for strings in WebAssembly ABIs (Rust's {@code &str}, Go's and
 * Zig's slices, WASI's {@code path}/{@code path_len}). A range outside the memory traps the
 * guest with {@code out of bounds memory access}; a caller without a memory traps with
 * {@code host function failed}.
 *
 * @see CString
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface PtrLen {
}
