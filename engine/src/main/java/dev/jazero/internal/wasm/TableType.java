package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/**
 * A table type: element reference type, limits in elements ({@code max} -1 when absent), and
 * whether the table is indexed by {@code i64} (3.0's 64-bit tables) rather than {@code i32}.
 */
public record TableType(ValueType elementType, long min, long max, boolean address64) {

    /** A 32-bit table. */
    public TableType(ValueType elementType, long min, long max) {
        this(elementType, min, max, false);
    }

    /** The type of the table's indexes and sizes. */
    public ValueType addressType() {
        return address64 ? ValueType.I64 : ValueType.I32;
    }
}
