package dev.jazero.internal.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One index space of a module (types, functions, tables, ...) or of a function (locals): it
 * assigns indices in order of definition and binds symbolic {@code $names} to them.
 */
final class IndexSpace {

    /** The kind as used in messages: "func", "table", "local", ... */
    final String kind;
    private final Map<String, Integer> byName = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    IndexSpace(String kind) {
        this.kind = kind;
    }

    int size() {
        return names.size();
    }

    /**
     * Adds an entry with an optional name and returns its index; a name already bound is an
     * error at token {@code at}.
     */
    int add(String name, Tokens t, int at) {
        int index = names.size();
        if (name != null && byName.putIfAbsent(name, index) != null) {
            throw t.error(at, "duplicate " + kind);
        }
        names.add(name);
        return index;
    }

    /** Index bound to {@code name}, or -1. */
    int lookup(String name) {
        Integer i = byName.get(name);
        return i == null ? -1 : i;
    }

    /** Name of entry {@code index}, or null. */
    String nameOf(int index) {
        return index >= 0 && index < names.size() ? names.get(index) : null;
    }

    /**
     * Consumes an index at the cursor: a u32 literal or a bound {@code $name}.
     */
    long resolve(Cursor c) {
        if (c.at(Tokens.ID)) {
            String name = c.idName(c.pos);
            int i = lookup(name);
            if (i < 0) {
                throw c.error("unknown " + kind + " $" + name);
            }
            c.pos++;
            return i;
        }
        return c.u32();
    }
}
