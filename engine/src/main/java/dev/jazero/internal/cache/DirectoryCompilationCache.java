package dev.jazero.internal.cache;

import dev.jazero.CompilationCache;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link CompilationCache#directory(Path)}: one file per compilation, named by its key. A file
 * is written to a temporary name in the same directory and renamed over the entry, so a reader,
 * in this process or another, sees a whole entry or none; two writers of one key write the same
 * content, and the last rename wins. A file that is not a whole entry for its key is ignored
 * and replaced (see {@link EntryFile}).
 */
public final class DirectoryCompilationCache implements CompilationCache, CompilationStore {

    /** The cache's logger, made when something is first logged: making one starts the logging backend. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("dev.jazero.cache");
    }
    private static final String SUFFIX = ".jzc";

    private final Path directory;

    public DirectoryCompilationCache(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        Files.createDirectories(this.directory);
        if (!Files.isWritable(this.directory)) {
            throw new AccessDeniedException(this.directory.toString(), null, "compilation cache directory is not writable");
        }
    }

    private Path file(CacheKey key) {
        return directory.resolve(key.hex() + SUFFIX);
    }

    @Override
    public <T> T load(CacheKey key, EntryCodec<T> codec) {
        Path path = file(key);
        byte[] file;
        try {
            file = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | OutOfMemoryError e) {
            Log.LOG.log(System.Logger.Level.WARNING, "cannot read compilation cache entry {0}: {1}", path, e);
            return null;
        }
        try {
            return EntryFile.read(file, key, codec);
        } catch (RefusedEntry e) {
            Log.LOG.log(System.Logger.Level.WARNING, "ignoring compilation cache entry {0}: {1}", path, e.getMessage());
            return null;
        }
    }

    @Override
    public <T> void store(CacheKey key, T entry, EntryCodec<T> codec) {
        Path path = file(key);
        Path temp = null;
        try {
            byte[] bytes = EntryFile.write(key, entry, codec);
            temp = Files.createTempFile(directory, key.hex(), ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | RuntimeException e) {
            Log.LOG.log(System.Logger.Level.WARNING, "cannot write compilation cache entry {0}: {1}", path, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Left behind: a temporary name that no reader looks at.
                }
            }
        }
    }

    @Override
    public void close() {
        // Nothing is held in memory.
    }

    @Override
    public String toString() {
        return "CompilationCache.directory(" + directory + ")";
    }
}
