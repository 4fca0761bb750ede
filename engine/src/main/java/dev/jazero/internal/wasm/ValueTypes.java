package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/** The value types the engine decodes and runs, of those {@link ValueType} can express. */
public final class ValueTypes {

    private ValueTypes() {
    }

    /**
     * The value type that the binary format writes in one byte {@code code}, among those the
     * engine reads: the numbers, the vector, {@code funcref} and {@code externref}; else null.
     */
    public static ValueType oneByte(int code) {
        ValueType t = ValueType.fromCode(code);
        return t != null && t.isReference() && t != ValueType.FUNCREF && t != ValueType.EXTERNREF ? null : t;
    }
}
