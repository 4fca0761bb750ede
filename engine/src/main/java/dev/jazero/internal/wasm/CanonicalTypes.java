package dev.jazero.internal.wasm;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers defined types so that equivalent types, of one module or of several, have one number.
 * WebAssembly 3.0 compares defined types by structure, not by index: two modules' {@code (func
 * (param (ref $t)))} are the same type when their {@code $t} are, whatever their indexes.
 *
 * <p>A type's key is its structure with each reference to another defined type replaced by that
 * type's number, and a reference to itself by a marker of recursion. Validation lets a type refer
 * to earlier types and to itself only, so a module's types are numbered in index order, each
 * once. A runtime keeps one registry for all its modules (function imports, table and global
 * imports, {@code call_indirect}); validation numbers one module's types with a registry of its
 * own ({@link WasmModule#typeClasses()}).
 */
public final class CanonicalTypes {

    /** A reference to another defined type, by its number. */
    private record Ref(boolean nullable, int id) {
    }

    /** A type's reference to itself. */
    private record Self(boolean nullable) {
    }

    /** A function type's structure. */
    private record Key(List<Object> params, List<Object> results) {
    }

    private final Map<Key, Integer> ids = new HashMap<>();

    /** The number of each of the module's types, by index. */
    public synchronized int[] ids(WasmModule module) {
        int[] out = new int[module.types.size()];
        for (int i = 0; i < out.length; i++) {
            FuncType t = module.types.get(i);
            out[i] = intern(new Key(parts(t.params(), i, out), parts(t.results(), i, out)));
        }
        return out;
    }

    private int intern(Key key) {
        return ids.computeIfAbsent(key, k -> ids.size());
    }

    /** Types as parts of type {@code self}'s key, whose earlier types have the numbers {@code earlier}. */
    private static List<Object> parts(ValueType[] types, int self, int[] earlier) {
        List<Object> out = new ArrayList<>(types.length);
        for (ValueType t : types) {
            HeapType h = t.heapType();
            if (h == null || h.isAbstract()) {
                out.add(t);
            } else if (h.typeIndex() == self) {
                out.add(new Self(t.isNullable()));
            } else if (h.typeIndex() < self) {
                out.add(new Ref(t.isNullable(), earlier[h.typeIndex()]));
            } else {
                throw new IllegalStateException("type " + self + " refers to type " + h.typeIndex()
                        + ", which is not before it");
            }
        }
        return out;
    }
}
