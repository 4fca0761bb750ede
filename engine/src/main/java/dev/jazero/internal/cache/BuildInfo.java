package dev.jazero.internal.cache;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;

/**
 * Which build of the engine this is: its version and a build id that Maven writes at build time
 * ({@code build.properties}). Compiled code depends on the engine's internals, so a cache entry
 * is only good for the build that made it. Classes compiled without Maven (an IDE) have no build
 * id; they get a random one per process, so that they never reuse another build's files.
 */
public final class BuildInfo {

    private static final String VERSION;
    private static final String ID;

    static {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Treated as unknown below.
        }
        VERSION = resolved(properties.getProperty("version"), "unknown");
        ID = resolved(properties.getProperty("build"), "unbuilt-" + UUID.randomUUID());
    }

    private BuildInfo() {
    }

    private static String resolved(String value, String otherwise) {
        return value == null || value.isBlank() || value.startsWith("${") ? otherwise : value.trim();
    }

    /** The engine's version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** The version and the build id: different for every build of the engine. */
    public static String id() {
        return VERSION + "+" + ID;
    }
}
