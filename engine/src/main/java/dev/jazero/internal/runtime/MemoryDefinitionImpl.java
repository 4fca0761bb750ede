package dev.jazero.internal.runtime;

import dev.jazero.api.MemoryDefinition;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.MemoryType;
import java.util.ArrayList;
import java.util.List;

/** The definition of one memory of a compiled module. */
final class MemoryDefinitionImpl implements MemoryDefinition {

    private final String moduleName;
    private final int index;
    private final MemoryType type;
    private final String[] importedAs;
    final List<String> exportNames = new ArrayList<>();

    MemoryDefinitionImpl(String moduleName, int index, MemoryType type, String[] importedAs) {
        this.moduleName = moduleName;
        this.index = index;
        this.type = type;
        this.importedAs = importedAs;
    }

    @Override
    public String moduleName() {
        return moduleName;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public long minPages() {
        return type.min();
    }

    @Override
    public long maxPages() {
        return type.max();
    }

    @Override
    public ValueType addressType() {
        return type.address64() ? ValueType.I64 : ValueType.I32;
    }

    @Override
    public String[] importedAs() {
        return importedAs == null ? null : importedAs.clone();
    }

    @Override
    public List<String> exportNames() {
        return List.copyOf(exportNames);
    }
}
