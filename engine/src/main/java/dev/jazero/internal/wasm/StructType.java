package dev.jazero.internal.wasm;

import java.util.List;

/** A struct type: its fields, in order. Equal by structure. */
public record StructType(List<FieldType> fields) implements CompositeType {

    public StructType {
        fields = List.copyOf(fields);
    }
}
