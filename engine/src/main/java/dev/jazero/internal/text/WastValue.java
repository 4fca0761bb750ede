package dev.jazero.internal.text;

/**
 * A value written in a script: an argument of an action, or the value of an exact expected result.
 * Floats are kept as raw bits so that NaN payloads and the sign of zero survive.
 */
public sealed interface WastValue {

    /** {@code (i32.const n)}. */
    record I32(int value) implements WastValue {}

    /** {@code (i64.const n)}. */
    record I64(long value) implements WastValue {}

    /** {@code (f32.const z)}: the IEEE 754 bits. */
    record F32(int bits) implements WastValue {}

    /** {@code (f64.const z)}: the IEEE 754 bits. */
    record F64(long bits) implements WastValue {}

    /**
     * {@code (v128.const shape ...)}: the 128 bits as two little-endian halves, {@code low}
     * holding bytes 0-7 (lane 0 of any shape in its lowest bits).
     */
    record V128(long low, long high) implements WastValue {}

    /**
     * {@code (ref.null ht)}: a null reference. {@code heapType} is the heap type as written
     * ({@code "func"}, {@code "extern"}, {@code "$t"}, ...), or null when a result pattern leaves it
     * out ({@code (ref.null)} matches any null reference).
     */
    record RefNull(String heapType) implements WastValue {}

    /** {@code (ref.extern n)}: the host reference number {@code n}, as the spec's harness makes them. */
    record RefExtern(long index) implements WastValue {}

    /** {@code (ref.host n)}: a host reference of the 3.0 scripts, as seen from inside a module. */
    record RefHost(long index) implements WastValue {}
}
