package dev.jazero.internal.runtime;

import dev.jazero.api.MemoryDefinition;
import java.util.ArrayList;
import java.util.List;

/** The definition of one memory of a compiled module. */
final class MemoryDefinitionImpl implements MemoryDefinition {

    private final String moduleName;
    private final int index;
    private final long min;
    private final long max;
    private final String[] importedAs;
    final List<String> exportNames = new ArrayList<>();

    MemoryDefinitionImpl(String moduleName, int index, long min, long max, String[] importedAs) {
        this.moduleName = moduleName;
        this.index = index;
        this.min = min;
        this.max = max;
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
        return min;
    }

    @Override
    public long maxPages() {
        return max;
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
