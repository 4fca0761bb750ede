package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/** A global type: value type and mutability. */
public record GlobalType(ValueType valueType, boolean mutable) {
}
