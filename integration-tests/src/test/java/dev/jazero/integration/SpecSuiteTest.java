package dev.jazero.integration;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import dev.jazero.cli.wast.CommandResult;
import dev.jazero.cli.wast.ScriptCommand;
import dev.jazero.cli.wast.WastFiles;
import dev.jazero.cli.wast.WastRunner;
import dev.jazero.cli.wast.WastScript;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official WebAssembly core test suites, one test per script command and execution tier,
 * named {@code FILE.wast:LINE}, grouped by script: the scripts of {@code spec/wasm-2.0} and of its
 * {@code simd} folder with WebAssembly 2.0's features, and every script of {@code spec/wasm-3.0}
 * and its folders with the default, 3.0's; each in the interpreter and in the compiler.
 *
 * <p>Commands listed in {@code known-failures.txt} (by their script's path under {@code spec/})
 * that fail are reported as skipped with their reason; listed commands that pass fail, so that
 * the list is kept short and true.
 */
class SpecSuiteTest {

    private static final KnownFailures KNOWN_FAILURES = KnownFailures.load();

    /** WebAssembly 2.0's rules exactly, which some 3.0 features change. */
    private static final RuntimeConfig INTERPRETER_V2 = RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2);
    private static final RuntimeConfig COMPILER_V2 = RuntimeConfig.compiler().withCoreFeatures(CoreFeatures.V2);

    @TestFactory
    Stream<DynamicNode> wasm20() {
        return suite("spec/wasm-2.0", INTERPRETER_V2);
    }

    @TestFactory
    Stream<DynamicNode> wasm20Compiler() {
        return suite("spec/wasm-2.0", COMPILER_V2);
    }

    /**
     * The compiler tier with tiered compilation, which this module's build runs with a sample at
     * every check and compilation at the first: each function's first call starts in the
     * interpreter and carries on compiled from the header of the first loop it reaches, and its
     * later calls run compiled.
     */
    @TestFactory
    Stream<DynamicNode> wasm20Tiered() {
        return suite("spec/wasm-2.0", COMPILER_V2.withTieredCompilation(true));
    }

    @TestFactory
    Stream<DynamicNode> wasm20Simd() {
        return suite("spec/wasm-2.0/simd", INTERPRETER_V2);
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdCompiler() {
        return suite("spec/wasm-2.0/simd", COMPILER_V2);
    }

    /** WebAssembly 3.0, every script of every folder, with the default features. */
    @TestFactory
    Stream<DynamicNode> wasm30() {
        return tree("spec/wasm-3.0", RuntimeConfig.interpreter());
    }

    @TestFactory
    Stream<DynamicNode> wasm30Compiler() {
        return tree("spec/wasm-3.0", RuntimeConfig.compiler());
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdTiered() {
        return suite("spec/wasm-2.0/simd", COMPILER_V2.withTieredCompilation(true));
    }

    @TestFactory
    Stream<DynamicNode> wasm30Tiered() {
        return tree("spec/wasm-3.0", RuntimeConfig.compiler().withTieredCompilation(true));
    }

    // The scripts about floats again, with canonical NaNs: the setting keeps every result the
    // spec asks for (an arithmetic NaN may be the canonical one) and every bit the spec keeps.

    @TestFactory
    Stream<DynamicNode> wasm20FloatsWithCanonicalNaNs() {
        return suite("spec/wasm-2.0", INTERPRETER_V2.withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    @TestFactory
    Stream<DynamicNode> wasm20FloatsWithCanonicalNaNsCompiler() {
        return suite("spec/wasm-2.0", COMPILER_V2.withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdFloatsWithCanonicalNaNs() {
        return suite("spec/wasm-2.0/simd", INTERPRETER_V2.withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdFloatsWithCanonicalNaNsCompiler() {
        return suite("spec/wasm-2.0/simd", COMPILER_V2.withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    private static boolean aboutFloats(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("f32") || name.startsWith("f64") || name.startsWith("float_")
                || name.equals("conversions.wast") || name.startsWith("simd_f32x4") || name.startsWith("simd_f64x2")
                || name.equals("simd_conversions.wast");
    }

    private Stream<DynamicNode> suite(String relative, RuntimeConfig config) {
        return suite(relative, config, file -> true);
    }

    /** The scripts of a folder, then those of each folder below it, a container per folder. */
    private Stream<DynamicNode> tree(String relative, RuntimeConfig config) {
        Path dir = TestSuiteDirectory.resolve(relative);
        List<Path> folders;
        try (Stream<Path> entries = java.nio.file.Files.list(dir)) {
            folders = entries.filter(java.nio.file.Files::isDirectory).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Stream<DynamicNode> below = folders.stream().map(folder -> DynamicContainer.dynamicContainer(
                folder.getFileName().toString(), folder.toUri(), tree(relative + "/" + folder.getFileName(), config)));
        return Stream.concat(suite(relative, config), below);
    }

    private Stream<DynamicNode> suite(String relative, RuntimeConfig config, java.util.function.Predicate<Path> which) {
        Path dir = TestSuiteDirectory.resolve(relative);
        List<Path> files = WastFiles.list(dir).stream().filter(which).toList();
        if (files.isEmpty()) {
            throw new IllegalStateException("no .wast files in " + dir);
        }
        WastRunner runner = new WastRunner(config);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Stream<DynamicNode> scripts = files.stream().map(file -> script(runner, file, seen));
        // Runs last, once every script has listed its commands.
        DynamicTest listIsCurrent = DynamicTest.dynamicTest("known-failures.txt names existing commands",
                () -> checkKnownFailuresExist(dir, seen));
        return Stream.concat(scripts, Stream.of(listIsCurrent));
    }

    /**
     * A command's key in known-failures.txt: its script's path under {@code spec/} and its line,
     * such as {@code wasm-3.0/gc/struct.wast:12}, since the suites share file names.
     */
    private static String key(Path script, int line) {
        Path spec = TestSuiteDirectory.resolve("spec");
        return spec.relativize(script.toAbsolutePath().normalize()).toString().replace('\\', '/') + ":" + line;
    }

    private DynamicContainer script(WastRunner runner, Path file, Set<String> seen) {
        // The script is parsed when JUnit reaches it, not when the suite is listed.
        Stream<DynamicNode> tests = Stream.of(file).flatMap(f -> {
            WastScript script = runner.open(f);
            return script.commands().stream().map(command -> {
                seen.add(key(file, command.line()));
                return (DynamicNode) command(script, command);
            });
        });
        return DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(), tests);
    }

    private DynamicTest command(WastScript script, ScriptCommand command) {
        URI source = URI.create(script.path().toUri() + "?line=" + command.line());
        String key = key(script.path(), command.line());
        return DynamicTest.dynamicTest(command.location(), source, () -> check(key, script.run(command)));
    }

    private static void check(String key, CommandResult result) {
        String reason = KNOWN_FAILURES.reason(key).orElse(null);
        if (result.passed()) {
            if (reason != null) {
                fail(key + " passes now: remove it from known-failures.txt (listed as: " + reason + ")");
            }
            return;
        }
        if (reason != null) {
            Assumptions.abort("known failure: " + reason + " [" + result.describe() + "]");
        }
        fail(result.describe(), result.error());
    }

    /** Fails when the list names a line of one of the folder's scripts that holds no command. */
    private static void checkKnownFailuresExist(Path dir, Set<String> seen) {
        String folder = key(dir.resolve("x"), 0);
        folder = folder.substring(0, folder.length() - "x:0".length());
        Set<String> stale = new TreeSet<>();
        for (String location : KNOWN_FAILURES.entries().keySet()) {
            String rest = location.startsWith(folder) ? location.substring(folder.length()) : null;
            // Entries of other folders are not this suite's to judge.
            if (rest != null && !rest.contains("/") && !seen.contains(location)) {
                stale.add(location);
            }
        }
        if (!stale.isEmpty()) {
            fail("known-failures.txt lists lines that hold no command: " + stale);
        }
    }
}
