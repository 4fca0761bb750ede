package dev.jazero.cli;

import dev.jazero.CompilationCache;
import dev.jazero.cli.CommandSyntax.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code --cache-dir DIR}: the compilation cache shared by {@code compile} and {@code run}. */
final class CacheOptions {

    static final Option CACHE_DIR = Option.value("--cache-dir", "DIR", "Keeps compiled modules in DIR (created if"
            + " missing) and reuses them: `jazero compile --cache-dir DIR FILE` fills it for a later `jazero run"
            + " --cache-dir DIR FILE` with the same tier.");

    private final String cacheDir;

    /** The option among a command's arguments. */
    CacheOptions(Arguments args) {
        this.cacheDir = args.value(CACHE_DIR.name());
    }

    /** Opens the cache, or returns null when no directory was given. */
    CompilationCache open() {
        if (cacheDir == null) {
            return null;
        }
        try {
            return CompilationCache.directory(Path.of(cacheDir));
        } catch (IOException e) {
            throw new UncheckedIOException("--cache-dir " + cacheDir + ": cannot use it as a cache directory: "
                    + IoMessages.describe(e), e);
        }
    }
}
