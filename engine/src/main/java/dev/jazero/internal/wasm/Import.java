package dev.jazero.internal.wasm;

/**
 * An import. Exactly one of the descriptors matches {@link #kind()}: the type index for
 * functions, else the table, memory or global type.
 */
public record Import(String module, String name, ExternKind kind, int typeIndex, TableType table,
        MemoryType memory, GlobalType global) {

    @Override
    public String toString() {
        return kind + " " + module + "." + name;
    }
}
