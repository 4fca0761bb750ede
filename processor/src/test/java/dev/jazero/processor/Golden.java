package dev.jazero.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. Run the tests with
 * {@code -Dgolden.update=true} to rewrite them from the actual output, then review the diff.
 */
final class Golden {

    private Golden() {
    }

    static void assertMatches(String resource, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of(System.getProperty("golden.dir", "src/test/resources/golden"), resource);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertEquals(read("golden/" + resource), actual,
                "generated source differs from golden/" + resource + " (rerun with -Dgolden.update=true to accept)");
    }

    static String read(String resource) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource + " (create it with -Dgolden.update=true)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
