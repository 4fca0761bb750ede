package dev.jazero.internal.cache;

import dev.jazero.CompilationCache;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import java.nio.file.Path;

/**
 * A separate process that compiles and runs the test modules through a directory cache, for
 * {@link CompilationCacheTest}: {@code CacheUserProcess DIR ROUNDS SALT...}. Exits 0 when every
 * result was right.
 */
public final class CacheUserProcess {

    private CacheUserProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        for (int round = 0; round < rounds; round++) {
            for (int i = 2; i < args.length; i++) {
                int salt = Integer.parseInt(args[i]);
                try (CompilationCache cache = CompilationCache.directory(dir);
                        Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
                    Module m = runtime.instantiate(runtime.compileModule(CompilationCacheTest.module(salt)));
                    long got = m.exportedFunction("sum").call(4)[0];
                    if (got != CompilationCacheTest.expectedSum(4, salt)) {
                        throw new AssertionError("wrong result " + got + " for salt " + salt);
                    }
                }
            }
        }
    }
}
