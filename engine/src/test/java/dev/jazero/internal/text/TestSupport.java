package dev.jazero.internal.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Helpers shared by the text-format tests. */
final class TestSupport {

    private TestSupport() {}

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /**
     * The module bytes without a trailing {@code name} custom section, so that tests can compare
     * with reference encodings that carry no names.
     */
    static byte[] withoutNameSection(byte[] module) {
        int pos = 8;
        while (pos < module.length) {
            int id = module[pos] & 0xFF;
            int start = pos;
            pos++;
            long size = 0;
            int shift = 0;
            int b;
            do {
                b = module[pos++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            int end = pos + (int) size;
            if (id == 0 && module[pos] == 4 && new String(module, pos + 1, 4).equals("name")) {
                byte[] out = new byte[module.length - (end - start)];
                System.arraycopy(module, 0, out, 0, start);
                System.arraycopy(module, end, out, start, module.length - end);
                return out;
            }
            pos = end;
        }
        return module;
    }

    /**
     * The spec test suite folder: the system property {@code jazero.testsuite}, else
     * {@code shared/testsuite} beside the repository (looked up from the repository root or the
     * engine module).
     */
    static Path suite() {
        String prop = System.getProperty("jazero.testsuite");
        if (prop != null) {
            Path p = Path.of(prop);
            if (!Files.isDirectory(p.resolve("spec"))) {
                throw new IllegalStateException("jazero.testsuite=" + prop + " has no spec/ folder");
            }
            return p;
        }
        for (String candidate : new String[] {"../shared/testsuite", "../../shared/testsuite"}) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("spec"))) {
                return p;
            }
        }
        throw new IllegalStateException("WebAssembly spec test suite not found: set -Djazero.testsuite=<dir>"
                + " or place it at ../shared/testsuite relative to the repository root (cwd is "
                + Path.of("").toAbsolutePath() + ")");
    }
}
