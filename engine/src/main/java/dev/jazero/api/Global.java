package dev.jazero.api;

/**
 * A global of an instantiated module. Values are encoded as {@link ValueType} describes; a v128
 * global reads through {@link #getHigh()} for its upper half.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface Global {

    /** Returns the global's value type. */
    ValueType type();

    /** Returns true when the global is mutable (then it is a {@link MutableGlobal}). */
    boolean isMutable();

    /** Returns the value (for v128, the low 64 bits). */
    long get();

    /** Returns the upper 64 bits of a v128 global, 0 for other types. */
    long getHigh();

    /**
     * Returns the value of a reference global as an object: null, the embedder's object of an
     * external reference, an {@link I31}, or an engine object (a function, {@link WasmStruct},
     * {@link WasmArray} or {@link ThrownException}).
     *
     * @throws IllegalStateException when the global holds a number
     */
    Object getReference();
}
