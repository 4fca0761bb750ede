package dev.jazero.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter of a {@link WasmExport} method as a C string in the calling
 * module's memory: one i32 Wasm parameter, the address of UTF-8 bytes that end at the first NUL
 * byte (which is not part of the string). The Wasm parameter has the Java parameter's name.
 *
 * <pre>{@code
 * @WasmExport                                       // "puts": (i32 text) -> i32
 * public int puts(@CString String text) {
 *     System.out.println(text);
 *     return text.length();
 * }
 * }</pre>
 *
 * <p>For a C or C++ guest's {@code const char*}. When no NUL byte comes before the end of the
 * memory, the guest traps with {@code out of bounds memory access}. Prefer {@link PtrLen} where
 * the guest knows the length: it reads no byte twice and allows NUL inside the string.
 *
 * @see PtrLen
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface CString {
}
