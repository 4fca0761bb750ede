package dev.jazero.internal.cache;

import dev.jazero.CompilationCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CompilationCache#inMemory()}: compilations kept as they are, so runtimes that share the
 * cache also share the generated classes, defined once.
 */
public final class InMemoryCompilationCache implements CompilationCache, CompilationStore {

    private final Map<CacheKey, Object> entries = new ConcurrentHashMap<>();
    private boolean closed;

    /** The entry as it was stored: a key names one kind of entry, so the cast holds. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T load(CacheKey key, EntryCodec<T> codec) {
        return (T) entries.get(key);
    }

    @Override
    public synchronized <T> void store(CacheKey key, T entry, EntryCodec<T> codec) {
        if (!closed) {
            entries.putIfAbsent(key, entry);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        entries.clear();
    }

    @Override
    public String toString() {
        return "CompilationCache.inMemory(" + entries.size() + " entries)";
    }
}
