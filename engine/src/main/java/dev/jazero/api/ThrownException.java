package dev.jazero.api;

import java.util.List;

/**
 * A WebAssembly exception: a {@link Tag} and the values it carries. WebAssembly code throws one
 * with {@code throw}; one that no {@code catch} of the guest catches reaches the embedder as this
 * exception. A host function throws one for the guest to catch. A trap is never one: the guest
 * cannot catch traps.
 *
 * <p>The values are encoded as {@link ValueType} describes, laid out from slot 0 as a function's
 * parameters are; a reference value is the object at its slot's index in {@link #references()}.
 * Like the guest's own throws, this exception records no Java stack trace.
 */
public final class ThrownException extends WasmException {

    private final Tag tag;
    private final long[] values;
    private final Object[] references;

    /**
     * An exception of {@code tag} carrying {@code values}, with the reference values in
     * {@code references} at their slots' indexes (null when the tag's types have none).
     *
     * @throws IllegalArgumentException when the values do not fill the tag's slots
     */
    public ThrownException(Tag tag, long[] values, Object[] references) {
        super(null, null, false);
        this.tag = java.util.Objects.requireNonNull(tag, "tag");
        int slots = 0;
        for (ValueType t : tag.paramTypes()) {
            slots += t.slots();
        }
        if (values.length != slots || references != null && references.length < slots) {
            throw new IllegalArgumentException("the tag carries " + slots + " value slots, given " + values.length
                    + (references != null ? " and " + references.length + " references" : ""));
        }
        this.values = values.clone();
        this.references = references == null ? new Object[slots] : java.util.Arrays.copyOf(references, slots);
    }

    /** The tag this is an exception of. */
    public Tag tag() {
        return tag;
    }

    /** The values it carries, laid out as {@link Tag#paramTypes()} says; a copy. */
    public long[] values() {
        return values.clone();
    }

    /** Its reference values, at their slots' indexes (null elsewhere); a copy. */
    public Object[] references() {
        return references.clone();
    }

    @Override
    public Kind kind() {
        return Kind.EXCEPTION;
    }

    /** Describes the exception by its tag's types and its values, when first asked: a throw builds no text. */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder("uncaught WebAssembly exception of a tag of (");
        List<ValueType> types = tag.paramTypes();
        int slot = 0;
        for (int i = 0; i < types.size(); i++) {
            ValueType t = types.get(i);
            sb.append(i == 0 ? "" : ", ").append(t).append(' ');
            if (t.isReference()) {
                sb.append(references[slot]);
            } else if (t == ValueType.V128) {
                sb.append(String.format("0x%016x%016x", values[slot + 1], values[slot]));
            } else {
                sb.append(values[slot]);
            }
            slot += t.slots();
        }
        return sb.append(')').toString();
    }
}
