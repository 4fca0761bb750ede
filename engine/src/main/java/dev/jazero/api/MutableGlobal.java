package dev.jazero.api;

/**
 * A global whose value the embedder, as well as the guest, may change.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface MutableGlobal extends Global {

    /** Sets the value, encoded as {@link ValueType} describes (for v128, the low 64 bits). */
    void set(long value);

    /** Sets both halves of a v128 global. */
    void set(long low, long high);

    /**
     * Sets a reference global to {@code value}, an object as {@link #getReference()} describes.
     *
     * @throws IllegalStateException when the global holds a number
     */
    void setReference(Object value);
}
