package dev.jazero.internal.wasm;

/** An array type: the type of its elements. */
public record ArrayType(FieldType element) implements CompositeType {
}
