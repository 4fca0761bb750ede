package dev.jazero.internal.cache;

import dev.jazero.RuntimeConfig;
import dev.jazero.internal.ir.CodeOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 digest that names a compilation: of the cache format, the engine's build, every
 * setting that changes what compiling produces, and the module's bytes.
 */
public final class CacheKey {

    private final byte[] digest;
    private final String hex;

    private CacheKey(byte[] digest) {
        this.digest = digest;
        this.hex = HexFormat.of().formatHex(digest);
    }

    /** The key of compiling {@code binary} with {@code config}, whose code options are {@code options}. */
    public static CacheKey of(RuntimeConfig config, CodeOptions options, byte[] binary) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        String settings = "format=" + EntryFile.FORMAT_VERSION
                + ";build=" + BuildInfo.id()
                + ";tier=" + (config.isCompiler() ? "compiler" : "interpreter")
                + ";features=" + config.coreFeatures()
                + ";customSections=" + config.customSections()
                + ";debugInfo=" + config.debugInfoEnabled()
                // Compiling checks the declared sizes against these.
                + ";memoryLimitPages=" + config.memoryLimitPages()
                + ";tableLimitElements=" + config.tableLimitElements()
                + ";cancellable=" + options.cancellable()
                + ";listening=" + options.listening()
                + ";canonicalNaNs=" + options.canonicalNaNs()
                + ";";
        sha.update(settings.getBytes(StandardCharsets.UTF_8));
        sha.update(binary);
        return new CacheKey(sha.digest());
    }

    byte[] bytes() {
        return digest.clone();
    }

    /** The digest in hexadecimal: a file name. */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheKey k && Arrays.equals(digest, k.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return hex;
    }
}
