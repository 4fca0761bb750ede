package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/**
 * A table type: element reference type, limits in elements, unsigned ({@code max} meaningful when
 * {@code hasMax}, else -1; a 64-bit table's maximum of 2^64 - 1 is -1 too), and whether the table
 * is indexed by {@code i64} (3.0's 64-bit tables) rather than {@code i32}.
 */
public record TableType(ValueType elementType, long min, long max, boolean hasMax, boolean address64) {

    /** A 32-bit table, with no maximum when {@code max} is -1. */
    public TableType(ValueType elementType, long min, long max) {
        this(elementType, min, max, max != -1, false);
    }

    /** The type of the table's indexes and sizes. */
    public ValueType addressType() {
        return address64 ? ValueType.I64 : ValueType.I32;
    }
}
