package dev.jazero.internal.cache;

import dev.jazero.CompilationCache;
import dev.jazero.internal.wasm.WasmModule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link CompilationCache#inMemory()}: compilations kept as they are, so runtimes that share the
 * cache also share the generated classes, defined once.
 */
public final class InMemoryCompilationCache implements CompilationCache, CompilationStore {

    private final Map<CacheKey, Compilation> entries = new ConcurrentHashMap<>();
    private boolean closed;

    @Override
    public Compilation load(CacheKey key, Supplier<WasmModule> decode) {
        return entries.get(key);
    }

    @Override
    public synchronized void store(CacheKey key, Compilation compilation) {
        if (!closed) {
            entries.putIfAbsent(key, compilation);
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
