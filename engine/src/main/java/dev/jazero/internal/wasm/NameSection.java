package dev.jazero.internal.wasm;

import java.util.HashMap;
import java.util.Map;

/** What the name custom section says, where it could be read; best effort, never an error. */
public final class NameSection {

    private String moduleName;
    private final Map<Integer, String> functionNames = new HashMap<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();

    public String moduleName() {
        return moduleName;
    }

    public void setModuleName(String moduleName) {
        this.moduleName = moduleName;
    }

    /** Returns the function's name, or null. */
    public String functionName(int functionIndex) {
        return functionNames.get(functionIndex);
    }

    public void putFunctionName(int functionIndex, String name) {
        functionNames.put(functionIndex, name);
    }

    /** Returns the local's name, or null. */
    public String localName(int functionIndex, int localIndex) {
        Map<Integer, String> locals = localNames.get(functionIndex);
        return locals == null ? null : locals.get(localIndex);
    }

    public void putLocalName(int functionIndex, int localIndex, String name) {
        localNames.computeIfAbsent(functionIndex, k -> new HashMap<>()).put(localIndex, name);
    }
}
