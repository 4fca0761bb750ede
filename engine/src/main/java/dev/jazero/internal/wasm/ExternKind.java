package dev.jazero.internal.wasm;

/** The kinds of things a module imports and exports. */
public enum ExternKind {
    FUNC("func"), TABLE("table"), MEMORY("memory"), GLOBAL("global"), TAG("tag");

    private final String text;

    ExternKind(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
