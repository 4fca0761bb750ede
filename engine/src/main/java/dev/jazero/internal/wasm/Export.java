package dev.jazero.internal.wasm;

/** An export: a name for an index in one of the index spaces. */
public record Export(String name, ExternKind kind, int index) {
}
