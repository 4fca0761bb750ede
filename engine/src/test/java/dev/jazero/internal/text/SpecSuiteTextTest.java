package dev.jazero.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.api.MalformedModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the text-format parts of the official test suite, read in place: every script of 2.0 and
 * 3.0 must parse; every 2.0 text module must encode; every 2.0 {@code assert_malformed} quoted
 * module must be rejected with the suite's message.
 */
class SpecSuiteTextTest {

    private static final AtomicInteger SCRIPTS = new AtomicInteger();
    private static final AtomicInteger ENCODED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    private static List<Path> wastFiles(String version) throws IOException {
        Path dir = TestSupport.suite().resolve("spec").resolve(version);
        if (!Files.isDirectory(dir)) {
            fail("missing test suite folder " + dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".wast")).sorted().collect(Collectors.toList());
            assertFalse(files.isEmpty(), "no .wast files in " + dir);
            return files;
        }
    }

    private static String name(Path file) {
        Path parent = file.getParent().getFileName();
        return parent.toString().startsWith("wasm-") ? file.getFileName().toString() : parent + "/" + file.getFileName();
    }

    @TestFactory
    Stream<DynamicTest> wasm20() throws IOException {
        return wastFiles("wasm-2.0").stream().map(f -> DynamicTest.dynamicTest(name(f), () -> run20(f)));
    }

    @TestFactory
    Stream<DynamicTest> wasm30ScriptsParse() throws IOException {
        return wastFiles("wasm-3.0").stream().map(f -> DynamicTest.dynamicTest(name(f), () -> {
            List<WastCommand> cmds = WastParser.parse(Files.readString(f), name(f));
            assertFalse(cmds.isEmpty());
            SCRIPTS.incrementAndGet();
        }));
    }

    private static void run20(Path file) throws IOException {
        List<WastCommand> cmds = WastParser.parse(Files.readString(file), name(file));
        SCRIPTS.incrementAndGet();
        List<String> failures = new ArrayList<>();
        for (WastCommand c : cmds) {
            WastModule m = moduleOf(c);
            if (m == null || m.kind() == WastModule.Kind.BINARY) {
                continue;
            }
            if (c instanceof WastCommand.AssertMalformed mal) {
                try {
                    m.encode();
                    failures.add("line " + c.line() + ": not rejected, expected " + mal.message());
                } catch (MalformedModuleException e) {
                    String reason = e.getMessage().replaceFirst("^\\d+:\\d+: ", "");
                    if (!reason.startsWith(mal.message())) {
                        failures.add("line " + c.line() + ": expected " + mal.message() + ", got " + e.getMessage());
                    }
                    REJECTED.incrementAndGet();
                }
                continue;
            }
            try {
                byte[] b = m.encode();
                assertEquals(0x6d736100, (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24);
                ENCODED.incrementAndGet();
            } catch (MalformedModuleException e) {
                failures.add("line " + c.line() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** The module a command defines or asserts about, or null. */
    static WastModule moduleOf(WastCommand c) {
        if (c instanceof WastCommand.Module x) {
            return x.module();
        } else if (c instanceof WastCommand.AssertInvalid x) {
            return x.module();
        } else if (c instanceof WastCommand.AssertUnlinkable x) {
            return x.module();
        } else if (c instanceof WastCommand.AssertUninstantiable x) {
            return x.module();
        } else if (c instanceof WastCommand.AssertModuleTrap x) {
            return x.module();
        } else if (c instanceof WastCommand.AssertMalformed x) {
            return x.module();
        }
        return null;
    }

    @AfterAll
    static void totals() {
        // Guards against a suite that silently shrank: the 2.0 suite has ~3,800 text modules and
        // ~1,090 malformed quoted ones.
        if (SCRIPTS.get() > 0 && ENCODED.get() > 0) {
            assertTrue(ENCODED.get() >= 3700, "only " + ENCODED.get() + " modules encoded");
            assertTrue(REJECTED.get() >= 1000, "only " + REJECTED.get() + " malformed modules rejected");
        }
    }
}
