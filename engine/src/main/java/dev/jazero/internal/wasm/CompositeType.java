package dev.jazero.internal.wasm;

/** What a defined type describes: a function ({@link FuncType}), a struct or an array. */
public sealed interface CompositeType permits FuncType, StructType, ArrayType {
}
