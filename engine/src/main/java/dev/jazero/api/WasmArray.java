package dev.jazero.api;

/**
 * A WebAssembly array, made by the guest's {@code array.new} and its relatives: an opaque object
 * that an embedder may hold, compare and pass back.
 *
 * <p>Jazero alone extends this class, so that later versions can add methods.
 */
public abstract class WasmArray {

    /** For Jazero's own arrays. */
    protected WasmArray() {
    }

    /** The number of its elements. */
    public abstract int length();
}
