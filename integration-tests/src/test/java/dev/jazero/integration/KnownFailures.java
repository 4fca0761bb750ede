package dev.jazero.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of commands known to fail, {@code known-failures.txt} on the test class path:
 * {@code PATH.wast:LINE reason} per line, the path under the suite's {@code spec/} folder
 * ({@code wasm-3.0/gc/struct.wast:12}), {@code #} for comments.
 */
final class KnownFailures {

    static final String RESOURCE = "/known-failures.txt";

    private final Map<String, String> reasons;

    private KnownFailures(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    /** Loads the list; a malformed line fails loudly, naming it. */
    static KnownFailures load() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = KnownFailures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 2);
                if (!parts[0].matches("[^:\\s]+\\.wast:\\d+") || parts.length < 2) {
                    throw new IllegalStateException(RESOURCE + " line " + number
                            + ": expected 'PATH.wast:LINE reason', got: " + line);
                }
                if (reasons.put(parts[0], parts[1]) != null) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": " + parts[0] + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnownFailures(reasons);
    }

    /** Returns the reason a command at {@code PATH.wast:LINE} is known to fail, if it is listed. */
    Optional<String> reason(String location) {
        return Optional.ofNullable(reasons.get(location));
    }

    /** Returns every listed location with its reason. */
    Map<String, String> entries() {
        return Collections.unmodifiableMap(reasons);
    }
}
