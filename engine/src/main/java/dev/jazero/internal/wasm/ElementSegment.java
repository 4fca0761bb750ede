package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/**
 * An element segment. Items are constant expressions; for the common form that lists function
 * indices, {@code functionIndices} holds them and {@code items} is null.
 */
public record ElementSegment(SegmentMode mode, int tableIndex, ConstExpr offset, ValueType type,
        int[] functionIndices, ConstExpr[] items) {

    /** Returns the number of items. */
    public int size() {
        return functionIndices != null ? functionIndices.length : items.length;
    }
}
