package dev.jazero.integration.wasi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.ModuleConfig;
import dev.jazero.RuntimeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WASI preview 1 test suite ({@code ../shared/testsuite/wasi}, the wasi-testsuite project's
 * prebuilt programs): one test per program per execution tier, each comparing the exit code, and
 * stdout and stderr exactly where the program's NAME.json gives them. A program with a
 * {@code root} gets a fresh temporary copy of it mounted as {@code /}; the original is never
 * touched. Nothing is skipped.
 */
class WasiTestsuiteTest {

    static final List<String> FOLDERS = List.of("c", "rust", "assemblyscript");

    @TestFactory
    Stream<DynamicNode> interpreter() throws IOException {
        return tier(RuntimeConfig.interpreter());
    }

    @TestFactory
    Stream<DynamicNode> compiler() throws IOException {
        return tier(RuntimeConfig.compiler());
    }

    /** The compiler tier with tiered compilation, as the {@code jazero} command runs programs. */
    @TestFactory
    Stream<DynamicNode> tiered() throws IOException {
        return tier(RuntimeConfig.compiler().withTieredCompilation(true));
    }

    private Stream<DynamicNode> tier(RuntimeConfig tier) throws IOException {
        Path suite = dev.jazero.integration.TestSuiteAccess.resolve("wasi");
        List<DynamicNode> folders = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = suite.resolve(folder);
            assertTrue(Files.isDirectory(dir), "the WASI suite folder is missing: " + dir);
            List<Path> programs;
            try (Stream<Path> s = Files.list(dir)) {
                programs = s.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
            }
            assertTrue(!programs.isEmpty(), "no programs in " + dir);
            folders.add(DynamicContainer.dynamicContainer(folder, programs.stream()
                    .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> check(tier, p)))));
        }
        return folders.stream();
    }

    @SuppressWarnings("unchecked")
    static void check(RuntimeConfig tier, Path wasm) throws IOException {
        String file = wasm.getFileName().toString();
        String base = file.substring(0, file.length() - ".wasm".length());
        Path jsonFile = wasm.resolveSibling(base + ".json");
        Map<String, Object> spec = Files.exists(jsonFile)
                ? (Map<String, Object>) Json.parse(Files.readString(jsonFile)) : Map.of();
        List<String> args = new ArrayList<>();
        args.add(file);
        for (Object a : (List<Object>) spec.getOrDefault("args", List.of())) {
            args.add((String) a);
        }
        ModuleConfig config = ModuleConfig.defaults().withArgs(args.toArray(String[]::new));
        for (Map.Entry<String, Object> e : ((Map<String, Object>) spec.getOrDefault("env", Map.of())).entrySet()) {
            config = config.withEnv(e.getKey(), (String) e.getValue());
        }
        Path temp = Files.createTempDirectory("jazero-wasi-");
        try {
            Object root = spec.get("root");
            if (root != null) {
                Path original = wasm.resolveSibling((String) root);
                assertTrue(Files.isDirectory(original), "the test's root directory is missing: " + original);
                Path copy = temp.resolve("root");
                WasiRun.copyTree(original, copy);
                config = config.withFSConfig(WasiRun.rootMount(copy));
            }
            WasiRun.Outcome o = WasiRun.run(tier, Files.readAllBytes(wasm), config);
            int expectedExit = ((Number) spec.getOrDefault("exit_code", 0L)).intValue();
            String stderrShown = o.stderr().isEmpty() ? "" : " (stderr: " + o.stderr().strip() + ")";
            List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(expectedExit, o.exitCode(), "exit code" + stderrShown));
            if (spec.containsKey("stdout")) {
                checks.add(() -> assertEquals(spec.get("stdout"), o.stdout(), "stdout"));
            }
            if (spec.containsKey("stderr")) {
                checks.add(() -> assertEquals(spec.get("stderr"), o.stderr(), "stderr"));
            }
            assertAll(file, checks.stream());
        } finally {
            WasiRun.deleteTree(temp);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
