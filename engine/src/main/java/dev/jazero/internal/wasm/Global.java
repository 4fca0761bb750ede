package dev.jazero.internal.wasm;

/** A global defined by the module. */
public record Global(GlobalType type, ConstExpr init) {
}
