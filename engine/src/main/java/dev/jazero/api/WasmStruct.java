package dev.jazero.api;

/**
 * A WebAssembly struct, made by the guest's {@code struct.new}: an opaque object that an embedder
 * may hold, compare and pass back. Its fields are the guest's business.
 *
 * <p>Jazero alone extends this class, so that later versions can add methods.
 */
public abstract class WasmStruct {

    /** For Jazero's own structs. */
    protected WasmStruct() {
    }
}
