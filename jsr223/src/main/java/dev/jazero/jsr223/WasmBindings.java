package dev.jazero.jsr223;

import dev.jazero.api.Global;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.script.SimpleBindings;

/**
 * The engine's bindings: thread-safe, and besides what is put into them, they answer the exports
 * (functions, memories and globals) of the module instance that the last evaluation in them made,
 * by export name. Keys put explicitly win over exports.
 */
final class WasmBindings extends SimpleBindings {

    private final Map<String, Object> map;

    WasmBindings() {
        this(Collections.synchronizedMap(new LinkedHashMap<>()));
    }

    private WasmBindings(Map<String, Object> map) {
        super(map);
        this.map = map;
    }

    /** The lock that guards the map (a synchronized map's own monitor). */
    Object lock() {
        return map;
    }

    List<Object> snapshotValues() {
        synchronized (map) {
            return new ArrayList<>(map.values());
        }
    }

    @Override
    public Object get(Object key) {
        synchronized (map) {
            Object value = super.get(key);
            if (value != null || super.containsKey(key)) {
                return value;
            }
            return export(key);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (map) {
            return super.containsKey(key) || export(key) != null;
        }
    }

    private Object export(Object key) {
        if (!(key instanceof String name) || !(map.get(WasmScriptEngine.MODULE) instanceof Module module)) {
            return null;
        }
        Object function = module.exportedFunction(name);
        if (function != null) {
            return function;
        }
        Memory memory = module.exportedMemory(name);
        if (memory != null) {
            return memory;
        }
        Global global = module.exportedGlobal(name);
        return global;
    }
}
