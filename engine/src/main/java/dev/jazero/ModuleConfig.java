package dev.jazero;

import java.util.List;

/**
 * How one instance of a module is made: its name and the exports called after instantiation.
 * Immutable: each {@code withX} method returns a changed copy. Like wazero's {@code ModuleConfig}.
 */
public final class ModuleConfig {

    private final String name;
    private final boolean nameSet;
    private final List<String> startFunctions;

    private ModuleConfig(String name, boolean nameSet, List<String> startFunctions) {
        this.name = name;
        this.nameSet = nameSet;
        this.startFunctions = startFunctions;
    }

    /**
     * Returns the default configuration: the module's own name (from its name section) and the
     * start function {@code _start}, called when the module exports it.
     */
    public static ModuleConfig defaults() {
        return new ModuleConfig(null, false, List.of("_start"));
    }

    /**
     * Returns a copy that names the instance; {@code null} makes it anonymous, so that several
     * instances of one module can live in a runtime. Other modules import from it by this name.
     */
    public ModuleConfig withName(String name) {
        return new ModuleConfig(name, true, startFunctions);
    }

    /**
     * Returns a copy that calls these exports, in order, after instantiation (and after the
     * module's start section); an export that is missing is skipped. None at all disables it.
     */
    public ModuleConfig withStartFunctions(String... names) {
        return new ModuleConfig(name, nameSet, List.of(names));
    }

    /** Returns the instance name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Returns true when {@link #withName} chose the name, rather than the module. */
    public boolean isNameSet() {
        return nameSet;
    }

    /** Returns the start functions. */
    public List<String> startFunctions() {
        return startFunctions;
    }
}
