package dev.jazero;

import dev.jazero.internal.cache.DirectoryCompilationCache;
import dev.jazero.internal.cache.InMemoryCompilationCache;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps compiled modules so that compiling the same module again is fast, like wazero's
 * {@code CompilationCache}. Give it to runtimes with {@link RuntimeConfig#withCompilationCache}.
 *
 * <p>An entry is found by a digest of the module's bytes, Jazero's build and every runtime
 * setting that changes the compiled code, so a runtime never gets code compiled for other
 * settings or by another build of Jazero. A cache is safe for concurrent use by several runtimes;
 * a directory cache also by several processes. Implemented by Jazero only.
 */
public interface CompilationCache extends AutoCloseable {

    /**
     * Returns a cache that keeps compiled modules in this process's memory, shared by the
     * runtimes given it. Its entries, and the classes generated for them, stay until it is closed.
     */
    static CompilationCache inMemory() {
        return new InMemoryCompilationCache();
    }

    /**
     * Returns a cache that keeps compiled modules as files in {@code directory} (created if
     * missing), so that they survive the process, like wazero's
     * {@code NewCompilationCacheWithDir}. A damaged, truncated or foreign file is ignored and
     * replaced; files are written whole and renamed into place, so processes sharing the
     * directory never read a half-written entry. Nothing is kept in memory.
     *
     * @throws IOException when the directory cannot be created or is not writable
     */
    static CompilationCache directory(Path directory) throws IOException {
        return new DirectoryCompilationCache(directory);
    }

    /** Forgets what this cache keeps in memory; files of a directory cache stay. Idempotent. */
    @Override
    void close();
}
