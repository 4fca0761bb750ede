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
 * <p>Equivalence is iso-recursive: a recursive group is numbered whole. Its key is the structure
 * of its types, each reference to a type of the group written as the type's position in the
 * group and each reference to an earlier type as that type's number; two groups are equivalent
 * when their keys are equal, and so are their types position by position. A type defined alone
 * is a group of one. Validation lets a type refer only to the types of its group and to earlier
 * ones, so a module's groups are numbered in index order, each once.
 *
 * <p>A number tells what kind of type it is ({@link #kind}), so that subtyping can tell a
 * function type from a struct type by the number alone. The registry keeps each number's declared
 * supertype and depth, for {@link #isSubtype}. A runtime keeps one registry for all its
 * modules (function imports, table and global imports, {@code call_indirect}); validation numbers
 * one module's types with a registry of its own ({@link WasmModule#typeClasses()}).
 */
public final class CanonicalTypes {

    /** The kinds of composite types, in the low two bits of a number. */
    public static final int FUNC = 0;
    public static final int STRUCT = 1;
    public static final int ARRAY = 2;

    // The keys below write equals and hashCode out: a record's own are made on first use through
    // method handles, about 10 ms of a command's start (docs/launcher.md).

    /** A reference to a type of an earlier group, by its number. */
    private record Ref(boolean nullable, int number) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Ref r && r.nullable == nullable && r.number == number;
        }

        @Override
        public int hashCode() {
            return number * 2 + (nullable ? 1 : 0);
        }
    }

    /** A reference to a type of the same group, by its position in the group. */
    private record Rec(boolean nullable, int position) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Rec r && r.nullable == nullable && r.position == position;
        }

        @Override
        public int hashCode() {
            return ~(position * 2 + (nullable ? 1 : 0));
        }
    }

    /** A field's storage and mutability, with a reference written as {@link Ref} or {@link Rec}. */
    private record Field(Object type, int packedBits, boolean mutable) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Field f && f.type.equals(type) && f.packedBits == packedBits && f.mutable == mutable;
        }

        @Override
        public int hashCode() {
            return (type.hashCode() * 31 + packedBits) * 2 + (mutable ? 1 : 0);
        }
    }

    /** A function type's structure. */
    private record Func(List<Object> params, List<Object> results) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Func f && f.params.equals(params) && f.results.equals(results);
        }

        @Override
        public int hashCode() {
            return params.hashCode() * 31 + results.hashCode();
        }
    }

    /** A struct type's structure. */
    private record Struct(List<Field> fields) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Struct s && s.fields.equals(fields);
        }

        @Override
        public int hashCode() {
            return fields.hashCode() + 1;
        }
    }

    /** An array type's structure. */
    private record Array(Field element) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Array a && a.element.equals(element);
        }

        @Override
        public int hashCode() {
            return element.hashCode() + 2;
        }
    }

    /**
     * A group's structure: its types' keys, whether each is final, and each one's supertype
     * ({@link Ref}, {@link Rec}, or null for none).
     */
    private record Group(List<Object> types, List<Boolean> finals, List<Object> supertypes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Group g && g.types.equals(types) && g.finals.equals(finals)
                    && g.supertypes.equals(supertypes);
        }

        @Override
        public int hashCode() {
            return (types.hashCode() * 31 + finals.hashCode()) * 31 + supertypes.hashCode();
        }
    }

    private final Map<Group, Integer> groups = new HashMap<>();
    /** By a type's group number (high 32 bits) and position in it (low 32 bits): its number. */
    private final Map<Long, Integer> numbers = new HashMap<>();
    /**
     * By a number's serial ({@code number >>> 2}): its supertype's number, or -1, and how many
     * supertypes are above it. Replaced, never changed, once published, so that
     * {@link #isSubtype} reads it without a lock.
     */
    private record Chains(int[] supertypes, int[] depths) {
    }

    private volatile Chains chains = new Chains(new int[0], new int[0]);

    /** The kind of a type of number {@code number}: {@link #FUNC}, {@link #STRUCT} or {@link #ARRAY}. */
    public static int kind(int number) {
        return number & 3;
    }

    /** The number of each of the module's types, by index. */
    public synchronized int[] ids(WasmModule module) {
        int[] out = new int[module.types.size()];
        Chains before = chains;
        int[] supertypes = before.supertypes();
        int[] depths = before.depths();
        int i = 0;
        while (i < out.length) {
            DefinedType first = module.types.get(i);
            int start = first.groupStart();
            int end = first.groupEnd();
            List<Object> keys = new ArrayList<>(end - start);
            List<Boolean> finals = new ArrayList<>(end - start);
            List<Object> supers = new ArrayList<>(end - start);
            for (int t = start; t < end; t++) {
                DefinedType d = module.types.get(t);
                keys.add(key(d.composite(), start, end, out));
                finals.add(d.isFinal());
                supers.add(d.supertype() < 0 ? null : part(ValueType.ref(HeapType.type(d.supertype()), false), start, end, out));
            }
            int group = groups.computeIfAbsent(new Group(keys, finals, supers), g -> groups.size());
            for (int t = start; t < end; t++) {
                int kind = kindOf(module.types.get(t).composite());
                out[t] = numbers.computeIfAbsent((long) group << 32 | (t - start), m -> numbers.size() << 2 | kind);
            }
            // A supertype is an earlier type, of the group or before it, so its depth is known.
            for (int t = start; t < end; t++) {
                int serial = out[t] >>> 2;
                if (serial >= supertypes.length) {
                    int length = Math.max(serial + 1, supertypes.length * 2);
                    supertypes = java.util.Arrays.copyOf(supertypes, length);
                    depths = java.util.Arrays.copyOf(depths, length);
                } else if (supertypes == before.supertypes()) {
                    supertypes = supertypes.clone();
                    depths = depths.clone();
                }
                int supertype = module.types.get(t).supertype() < 0 ? -1 : out[module.types.get(t).supertype()];
                supertypes[serial] = supertype;
                depths[serial] = supertype < 0 ? 0 : depths[supertype >>> 2] + 1;
            }
            i = end;
        }
        if (supertypes != before.supertypes()) {
            chains = new Chains(supertypes, depths);
        }
        return out;
    }

    /**
     * Whether the type of number {@code a} is the type of number {@code b} or declares it above
     * it: at most 63 steps up its chain (validation's limit). Takes no lock.
     */
    public boolean isSubtype(int a, int b) {
        if (a == b) {
            return true;
        }
        Chains c = chains;
        int depth = c.depths()[b >>> 2];
        int t = a;
        for (int d = c.depths()[a >>> 2]; d > depth; d--) {
            t = c.supertypes()[t >>> 2];
        }
        return t == b;
    }

    /** The kind of a composite type, as {@link #kind} reads it from a number. */
    private static int kindOf(CompositeType type) {
        return type instanceof FuncType ? FUNC : type instanceof StructType ? STRUCT : ARRAY;
    }

    private static Object key(CompositeType type, int start, int end, int[] earlier) {
        if (type instanceof FuncType f) {
            return new Func(parts(f.params(), start, end, earlier), parts(f.results(), start, end, earlier));
        }
        if (type instanceof StructType s) {
            List<Field> fields = new ArrayList<>(s.fields().size());
            for (FieldType field : s.fields()) {
                fields.add(field(field, start, end, earlier));
            }
            return new Struct(fields);
        }
        return new Array(field(((ArrayType) type).element(), start, end, earlier));
    }

    private static Field field(FieldType f, int start, int end, int[] earlier) {
        return new Field(part(f.type(), start, end, earlier), f.packedBits(), f.mutable());
    }

    private static List<Object> parts(ValueType[] types, int start, int end, int[] earlier) {
        List<Object> out = new ArrayList<>(types.length);
        for (ValueType t : types) {
            out.add(part(t, start, end, earlier));
        }
        return out;
    }

    /** A value type as part of the key of a type of the group {@code [start, end)}. */
    private static Object part(ValueType t, int start, int end, int[] earlier) {
        HeapType h = t.heapType();
        if (h == null || h.isAbstract()) {
            return t;
        }
        int index = h.typeIndex();
        if (index >= start && index < end) {
            return new Rec(t.isNullable(), index - start);
        }
        if (index < start) {
            return new Ref(t.isNullable(), earlier[index]);
        }
        throw new IllegalStateException("a type of the group at " + start + " refers to type " + index
                + ", which is after the group");
    }
}
