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

    /** What a WASI command prints when run in {@code tier}, without the last line end. */
    static String runWasi(dev.jazero.RuntimeConfig tier, String program) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (dev.jazero.Runtime runtime = dev.jazero.Runtime.create(tier)) {
            dev.jazero.wasi.WasiSnapshotPreview1.instantiate(runtime);
            runtime.instantiate(runtime.compileModule(resource(program)), dev.jazero.ModuleConfig.defaults().withStdout(out));
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** What the native build of program {@code name} printed, without the line end. */
    static String expected(String name) {
        return new String(resource(name + ".expected"), StandardCharsets.US_ASCII).strip();
    }
}
