package dev.jazero.api;

/** A global whose value the embedder, as well as the guest, may change. */
public interface MutableGlobal extends Global {

    /** Sets the value, encoded as {@link ValueType} describes (for v128, the low 64 bits). */
    void set(long value);

    /** Sets both halves of a v128 global. */
    void set(long low, long high);
}
