package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;
import java.util.Arrays;

/** A function type: parameter and result types. Equal by structure. */
public final class FuncType implements CompositeType {

    public static final FuncType EMPTY = new FuncType(new ValueType[0], new ValueType[0]);

    private final ValueType[] params;
    private final ValueType[] results;
    private final int paramSlots;
    private final int resultSlots;
    private final boolean hasReferences;
    private final int hash;

    public FuncType(ValueType[] params, ValueType[] results) {
        this.params = params;
        this.results = results;
        this.paramSlots = slots(params);
        this.resultSlots = slots(results);
        this.hasReferences = hasReferences(params) || hasReferences(results);
        this.hash = 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    private static int slots(ValueType[] types) {
        int n = 0;
        for (ValueType t : types) {
            n += t.slots();
        }
        return n;
    }

    private static boolean hasReferences(ValueType[] types) {
        for (ValueType t : types) {
            if (t.isReference()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a parameter or result is a reference: calls then pass objects beside the slots. */
    public boolean hasReferences() {
        return hasReferences;
    }

    public ValueType[] params() {
        return params;
    }

    public ValueType[] results() {
        return results;
    }

    /** Returns the number of stack slots the parameters take. */
    public int paramSlots() {
        return paramSlots;
    }

    /** Returns the number of stack slots the results take. */
    public int resultSlots() {
        return resultSlots;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType other && other.hash == hash
                && Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "(" + join(params) + ") -> (" + join(results) + ")";
    }

    private static String join(ValueType[] types) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(types[i]);
        }
        return sb.toString();
    }
}
