package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/** A table type: element reference type and limits in elements ({@code max} -1 when absent). */
public record TableType(ValueType elementType, long min, long max) {
}
