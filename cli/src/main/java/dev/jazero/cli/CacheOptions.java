package dev.jazero.cli;

import dev.jazero.CompilationCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache-dir DIR}: the compilation cache shared by {@code compile} and {@code run}. */
public final class CacheOptions {

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Keeps compiled modules in DIR (created if missing) and reuses them: `jazero compile --cache-dir DIR FILE`"
                    + " fills it for a later `jazero run --cache-dir DIR FILE` with the same tier.")
    private Path cacheDir;

    /** Opens the cache, or returns null when no directory was given. */
    public CompilationCache open() {
        if (cacheDir == null) {
            return null;
        }
        try {
            return CompilationCache.directory(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("--cache-dir " + cacheDir + ": cannot use it as a cache directory: "
                    + IoMessages.describe(e), e);
        }
    }
}
