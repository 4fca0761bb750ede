package dev.jazero.internal.runtime;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.List;

/** The definition of one function of a compiled module. */
final class FunctionDefinitionImpl implements FunctionDefinition {

    private final String moduleName;
    private final int index;
    private final String name;
    private final String[] importedAs;
    final List<String> exportNames = new ArrayList<>();
    private final List<ValueType> params;
    private final List<ValueType> results;
    private final List<String> paramNames;
    private final List<String> resultNames;
    private final Object host;

    FunctionDefinitionImpl(String moduleName, int index, String name, String[] importedAs, ValueType[] params,
            ValueType[] results, List<String> paramNames, List<String> resultNames, Object host) {
        this.moduleName = moduleName;
        this.index = index;
        this.name = name;
        this.importedAs = importedAs;
        this.params = List.of(params);
        this.results = List.of(results);
        this.paramNames = paramNames;
        this.resultNames = resultNames;
        this.host = host;
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
    public String name() {
        return name;
    }

    @Override
    public String debugName() {
        return FrameNames.debugName(moduleName, name, exportNames.isEmpty() ? null : exportNames.get(0), index);
    }

    @Override
    public String[] importedAs() {
        return importedAs == null ? null : importedAs.clone();
    }

    @Override
    public List<String> exportNames() {
        return List.copyOf(exportNames);
    }

    @Override
    public List<ValueType> paramTypes() {
        return params;
    }

    @Override
    public List<ValueType> resultTypes() {
        return results;
    }

    @Override
    public List<String> paramNames() {
        return paramNames;
    }

    @Override
    public List<String> resultNames() {
        return resultNames;
    }

    @Override
    public Object hostFunction() {
        return host;
    }

    @Override
    public String toString() {
        return debugName() + params + " -> " + results;
    }
}
