package dev.jazero.internal.cache;

/** The runtime's side of a {@link dev.jazero.CompilationCache}: find and keep compilations by key. */
public interface CompilationStore {

    /**
     * Returns the entry kept under {@code key}, or null.
     *
     * @param codec reads the entry, if the store keeps it in a file
     */
    <T> T load(CacheKey key, EntryCodec<T> codec);

    /** Keeps an entry under {@code key}; a failure to keep it is logged, not thrown. */
    <T> void store(CacheKey key, T entry, EntryCodec<T> codec);
}
