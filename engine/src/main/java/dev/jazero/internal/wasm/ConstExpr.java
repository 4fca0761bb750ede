package dev.jazero.internal.wasm;

/**
 * A constant expression (global initialisers, segment offsets and items), kept as its code up to
 * and including the final {@code end}; {@code offset} is where it starts in the module's bytes.
 */
public record ConstExpr(byte[] code, int offset) {
}
