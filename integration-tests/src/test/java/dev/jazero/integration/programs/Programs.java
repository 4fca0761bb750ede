package dev.jazero.integration.programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The programs of this package's resources: their {@code .wasm} and the native build's output beside it. */
final class Programs {

    private Programs() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Programs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (see build.sh beside it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the native build of program {@code name} printed, without the line end. */
    static String expected(String name) {
        return new String(resource(name + ".expected"), StandardCharsets.US_ASCII).strip();
    }
}
