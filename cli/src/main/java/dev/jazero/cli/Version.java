package dev.jazero.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of Jazero that this CLI belongs to. It comes from the jar manifest's
 * {@code Implementation-Version} when the CLI runs from its jar, and otherwise from the
 * {@code version.properties} resource that Maven filters at build time (running from
 * {@code target/classes}, as tests do, has no manifest).
 */
public final class Version {

    private static final String RESOURCE = "version.properties";

    private Version() {
    }

    /** Returns the version, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
    public static String get() {
        String fromManifest = Version.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        String fromResource = fromResource();
        return fromResource != null ? fromResource : "unknown";
    }

    private static String fromResource() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            // An unfiltered resource (an IDE build) still holds the Maven placeholder.
            return version == null || version.startsWith("${") ? null : version.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
