package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/**
 * A field of a struct, or the element of an array: a value type, or a packed integer of 8 or 16
 * bits (its {@code type} is then {@code i32}, the type it is read as), mutable or not.
 *
 * @param packedBits 8 or 16 for a packed {@code i8} or {@code i16}, else 0
 */
public record FieldType(ValueType type, int packedBits, boolean mutable) {

    @Override
    public String toString() {
        String storage = packedBits == 0 ? type.toString() : "i" + packedBits;
        return mutable ? "(mut " + storage + ")" : storage;
    }
}
