package dev.jazero.internal.cache;

import dev.jazero.internal.wasm.WasmModule;
import java.util.function.Supplier;

/** The runtime's side of a {@link dev.jazero.CompilationCache}: find and keep compilations by key. */
public interface CompilationStore {

    /**
     * Returns the compilation kept under {@code key}, or null.
     *
     * @param decode decodes the module from the bytes the key was made from, if the store needs it
     */
    Compilation load(CacheKey key, Supplier<WasmModule> decode);

    /** Keeps a compilation under {@code key}; a failure to keep it is logged, not thrown. */
    void store(CacheKey key, Compilation compilation);
}
