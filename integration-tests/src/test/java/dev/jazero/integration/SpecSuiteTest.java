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
 * named {@code FILE.wast:LINE}, grouped by script: the scripts of {@code spec/wasm-2.0} and, as
 * factories of their own, the SIMD scripts of its {@code simd} folder and the folders of
 * {@code spec/wasm-3.0} whose features are in place, each in the interpreter and in the compiler.
 *
 * <p>Commands listed in {@code known-failures.txt} that fail are reported as skipped with their
 * reason; listed commands that pass fail, so that the list is kept short and true.
 */
class SpecSuiteTest {

    private static final KnownFailures KNOWN_FAILURES = KnownFailures.load();

    @TestFactory
    Stream<DynamicNode> wasm20() {
        return suite("spec/wasm-2.0", RuntimeConfig.interpreter());
    }

    @TestFactory
    Stream<DynamicNode> wasm20Compiler() {
        return suite("spec/wasm-2.0", RuntimeConfig.compiler());
    }

    @TestFactory
    Stream<DynamicNode> wasm20Simd() {
        return suite("spec/wasm-2.0/simd", RuntimeConfig.interpreter());
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdCompiler() {
        return suite("spec/wasm-2.0/simd", RuntimeConfig.compiler());
    }

    // WebAssembly 3.0, a folder of spec/wasm-3.0 at a time as its features come, with them enabled.

    /** The 3.0 features in place, beside 2.0's. */
    private static final CoreFeatures WASM30 = CoreFeatures.V2.with(CoreFeatures.EXTENDED_CONST)
            .with(CoreFeatures.MULTI_MEMORY).with(CoreFeatures.MEMORY64).with(CoreFeatures.RELAXED_SIMD).with(CoreFeatures.TAIL_CALL)
            .with(CoreFeatures.FUNCTION_REFERENCES);

    @TestFactory
    Stream<DynamicNode> wasm30MultiMemory() {
        return suite("spec/wasm-3.0/multi-memory", RuntimeConfig.interpreter().withCoreFeatures(WASM30));
    }

    @TestFactory
    Stream<DynamicNode> wasm30MultiMemoryCompiler() {
        return suite("spec/wasm-3.0/multi-memory", RuntimeConfig.compiler().withCoreFeatures(WASM30));
    }

    @TestFactory
    Stream<DynamicNode> wasm30Memory64() {
        return suite("spec/wasm-3.0/memory64", RuntimeConfig.interpreter().withCoreFeatures(WASM30));
    }

    @TestFactory
    Stream<DynamicNode> wasm30Memory64Compiler() {
        return suite("spec/wasm-3.0/memory64", RuntimeConfig.compiler().withCoreFeatures(WASM30));
    }

    @TestFactory
    Stream<DynamicNode> wasm30TailCallsAndFunctionReferences() {
        return suite("spec/wasm-3.0", RuntimeConfig.interpreter().withCoreFeatures(WASM30), SpecSuiteTest::aboutTailCallsAndFunctionReferences);
    }

    @TestFactory
    Stream<DynamicNode> wasm30TailCallsAndFunctionReferencesCompiler() {
        return suite("spec/wasm-3.0", RuntimeConfig.compiler().withCoreFeatures(WASM30), SpecSuiteTest::aboutTailCallsAndFunctionReferences);
    }

    /** The top-level 3.0 scripts of tail calls and of typed function references, which pass in full. */
    private static boolean aboutTailCallsAndFunctionReferences(Path file) {
        String name = file.getFileName().toString();
        return List.of("return_call.wast", "return_call_indirect.wast", "return_call_ref.wast", "call_ref.wast",
                "br_on_null.wast", "br_on_non_null.wast", "ref_as_non_null.wast", "local_init.wast").contains(name);
    }

    @TestFactory
    Stream<DynamicNode> wasm30RelaxedSimd() {
        return suite("spec/wasm-3.0/relaxed-simd", RuntimeConfig.interpreter().withCoreFeatures(WASM30));
    }

    @TestFactory
    Stream<DynamicNode> wasm30RelaxedSimdCompiler() {
        return suite("spec/wasm-3.0/relaxed-simd", RuntimeConfig.compiler().withCoreFeatures(WASM30));
    }

    // The scripts about floats again, with canonical NaNs: the setting keeps every result the
    // spec asks for (an arithmetic NaN may be the canonical one) and every bit the spec keeps.

    @TestFactory
    Stream<DynamicNode> wasm20FloatsWithCanonicalNaNs() {
        return suite("spec/wasm-2.0", RuntimeConfig.interpreter().withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    @TestFactory
    Stream<DynamicNode> wasm20FloatsWithCanonicalNaNsCompiler() {
        return suite("spec/wasm-2.0", RuntimeConfig.compiler().withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdFloatsWithCanonicalNaNs() {
        return suite("spec/wasm-2.0/simd", RuntimeConfig.interpreter().withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
    }

    @TestFactory
    Stream<DynamicNode> wasm20SimdFloatsWithCanonicalNaNsCompiler() {
        return suite("spec/wasm-2.0/simd", RuntimeConfig.compiler().withCanonicalNaNs(true), SpecSuiteTest::aboutFloats);
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
                () -> checkKnownFailuresExist(files, seen));
        return Stream.concat(scripts, Stream.of(listIsCurrent));
    }

    private DynamicContainer script(WastRunner runner, Path file, Set<String> seen) {
        // The script is parsed when JUnit reaches it, not when the suite is listed.
        Stream<DynamicNode> tests = Stream.of(file).flatMap(f -> {
            WastScript script = runner.open(f);
            return script.commands().stream().map(command -> {
                seen.add(command.location());
                return (DynamicNode) command(script, command);
            });
        });
        return DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(), tests);
    }

    private DynamicTest command(WastScript script, ScriptCommand command) {
        URI source = URI.create(script.path().toUri() + "?line=" + command.line());
        return DynamicTest.dynamicTest(command.location(), source, () -> check(script.run(command)));
    }

    private static void check(CommandResult result) {
        String reason = KNOWN_FAILURES.reason(result.location()).orElse(null);
        if (result.passed()) {
            if (reason != null) {
                fail(result.location() + " passes now: remove it from known-failures.txt (listed as: " + reason + ")");
            }
            return;
        }
        if (reason != null) {
            Assumptions.abort("known failure: " + reason + " [" + result.describe() + "]");
        }
        fail(result.describe(), result.error());
    }

    private static void checkKnownFailuresExist(List<Path> files, Set<String> seen) {
        Set<String> fileNames = files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        Set<String> stale = new TreeSet<>();
        for (String location : KNOWN_FAILURES.entries().keySet()) {
            String fileName = location.substring(0, location.lastIndexOf(':'));
            // Entries of other suites are not this suite's to judge.
            if (fileNames.contains(fileName) && !seen.contains(location)) {
                stale.add(location);
            }
        }
        if (!stale.isEmpty()) {
            fail("known-failures.txt lists lines that hold no command: " + stale);
        }
    }
}
