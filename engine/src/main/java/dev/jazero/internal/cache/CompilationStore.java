package dev.jazero.internal.cache;

/** The runtime's side of a {@link dev.jazero.CompilationCache}: find and keep compilations by key. */
public interface CompilationStore {

    /**
     * Returns the compilation kept under {@code key}, or null.
     *
     * @param binary the module's bytes, which the key was made from
     * @param keepCustomSections whether the module's custom sections are wanted (part of the key)
     */
    Compilation load(CacheKey key, byte[] binary, boolean keepCustomSections);

    /** Keeps a compilation under {@code key}; a failure to keep it is logged, not thrown. */
    void store(CacheKey key, Compilation compilation);
}
