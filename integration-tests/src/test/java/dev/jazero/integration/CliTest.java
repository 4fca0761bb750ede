package dev.jazero.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.cli.Main;
import dev.jazero.internal.text.WatParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;

/** The {@code jazero} command line, run in-process through {@link Main#execute}. */
class CliTest {

    /** The README's example, relative to this module's directory (Surefire's working directory). */
    private static final Path FAC = Path.of("..", "examples", "fac.wat");

    @TempDir
    Path tmp;

    @Test
    void runsTheReadmeExample() {
        Result result = jazero("run", "--invoke", "fac", FAC.toString(), "10");
        assertEquals(0, result.code, result::toString);
        assertEquals("3628800\n", result.out);
        assertEquals("", result.err);
    }

    @Test
    void runsEveryExampleFunction() {
        assertEquals("2432902008176640000\n", jazero("run", "--invoke", "fac-iter", FAC.toString(), "20").out);
        assertEquals("832040\n", jazero("run", "--invoke", "fib", FAC.toString(), "30").out);
    }

    @Test
    void parsesArgumentsByParameterTypeAndPrintsEachResult() throws IOException {
        Path module = write("echo.wat", """
                (module (func (export "echo") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
                  local.get 0 local.get 1 local.get 2 local.get 3))
                """);
        Result result = jazero("run", "--invoke", "echo", module.toString(), "0xffffffff", "-9223372036854775808", "1.5", "-inf");
        assertEquals(0, result.code, result::toString);
        assertEquals("-1\n-9223372036854775808\n1.5\n-inf\n", result.out);
        Path identity = write("nan.wat", "(module (func (export \"f\") (param f64 f32) (result f64 f32) local.get 0 local.get 1))");
        for (String[] io : new String[][] {{"nan:0x1", "-nan", "nan:0x1\n-nan\n"}, {"nan", "inf", "nan\ninf\n"},
            {"-inf", "-nan:0x200", "-inf\n-nan:0x200\n"}}) {
            assertEquals(io[2], jazero("run", "--invoke", "f", identity.toString(), io[0], io[1]).out,
                    "results print as the text format writes them, and read back the same");
        }
    }

    @Test
    void canonicalNaNsGiveEveryTierTheSameBits() throws IOException {
        Path module = write("nanbits.wat", """
                (module (func (export "f") (param f64) (result i64)
                  (i64.reinterpret_f64 (f64.add (local.get 0) (f64.const 1)))))
                """);
        for (String tier : new String[] {"--interpreter", "--compiler"}) {
            Result result = jazero("run", tier, "--canonical-nans", "--invoke", "f", module.toString(), "-nan:0x12345");
            assertEquals(0, result.code, result::toString);
            assertEquals(Long.toString(0x7FF8_0000_0000_0000L) + "\n", result.out);
        }
    }

    @Test
    void withoutInvokeAndStartNamesTheExports() {
        Result result = jazero("run", FAC.toString());
        assertEquals(1, result.code, result::toString);
        assertTrue(result.err.contains("_start") && result.err.contains("fac-iter"), result.err);
        assertEquals(1, result.err.lines().count(), result.err);
    }

    @Test
    void aTimeoutStopsARunawayProgramInEitherTier() throws IOException {
        Path module = write("spin.wat", "(module (func (export \"spin\") (loop $l (br $l))))");
        for (String tier : new String[] {"--interpreter", "--compiler"}) {
            Result result = jazero("run", tier, "--timeout", "200ms", "--invoke", "spin", module.toString());
            assertEquals(124, result.code, result::toString);
            assertTrue(result.err.contains("timed out after 200ms"), result.err);
        }
        assertEquals("3628800\n", jazero("run", "--timeout", "10s", "--invoke", "fac", FAC.toString(), "10").out);
        assertEquals("3628800\n", jazero("run", "--timeout", "5", "--invoke", "fac", FAC.toString(), "10").out,
                "a bare number is seconds");
        Result bad = jazero("run", "--timeout", "soon", "--invoke", "fac", FAC.toString(), "10");
        assertEquals(2, bad.code, bad::toString);
        assertTrue(bad.err.contains("not a duration: 'soon'"), bad::toString);
    }

    /** The timeout covers instantiation too: a start section, or a WASI program's {@code _start}, that loops. */
    @Test
    void aTimeoutStopsALoopingStartFunction() throws IOException {
        Path startSection = write("start.wat", "(module (func $spin (loop $l (br $l))) (start $spin) (func (export \"f\")))");
        Path wasiProgram = write("wasi.wat", "(module (import \"wasi_snapshot_preview1\" \"sched_yield\" (func (result i32)))"
                + " (func (export \"_start\") (loop $l (br $l))))");
        for (String tier : new String[] {"--interpreter", "--compiler"}) {
            Result result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> jazero("run", tier, "--timeout", "300ms", "--invoke", "f", startSection.toString()));
            assertEquals(124, result.code, result::toString);
            assertTrue(result.err.contains("timed out after 300ms"), result.err);
            result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> jazero("run", tier, "--timeout", "300ms", wasiProgram.toString()));
            assertEquals(124, result.code, result::toString);
        }
    }

    @Test
    void hostLoggingShowsTheHostCalls() throws IOException {
        Result result = jazero("run", "--hostlogging", Path.of("..", "examples", "hello.wasm").toString(), "Log");
        assertEquals(0, result.code, result::toString);
        assertTrue(result.err.contains("==> wasi_snapshot_preview1.fd_write("), result.err);
        assertTrue(result.err.contains("<== ("), result.err);
    }

    @Test
    void aTrapExitsWithOne() throws IOException {
        Path module = write("div.wat", """
                (module (func (export "div") (param i32 i32) (result i32)
                  (i32.div_s (local.get 0) (local.get 1))))
                """);
        Result result = jazero("run", "--invoke", "div", module.toString(), "1", "0");
        assertEquals(1, result.code, result::toString);
        assertTrue(result.err.contains("integer divide by zero"), result.err);
        assertEquals("-3\n", jazero("run", "--invoke", "div", module.toString(), "-7", "2").out);
    }

    @Test
    void aBadArgumentIsAUsageErrorAndAMissingFileAFailure() {
        Result badArgument = jazero("run", "--invoke", "fac", FAC.toString(), "ten");
        assertEquals(2, badArgument.code, badArgument::toString);
        assertTrue(badArgument.err.contains("'ten'"), badArgument.err);
        Result missing = jazero("run", tmp.resolve("missing.wasm").toString());
        assertEquals(1, missing.code, missing::toString);
        assertTrue(missing.err.contains("missing.wasm"), missing.err);
    }

    @Test
    void runsABinaryModuleAndRejectsABinaryWithoutMagic() throws IOException {
        Path wasm = tmp.resolve("fac.wasm");
        Files.write(wasm, WatParser.parseModule(Files.readString(FAC)));
        assertEquals("3628800\n", jazero("run", "--invoke", "fac", wasm.toString(), "10").out);
        Result bad = jazero("run", write("bad.wasm", "(module)").toString());
        assertEquals(1, bad.code, bad::toString);
        assertTrue(bad.err.contains("magic number"), bad.err);
    }

    @Test
    void compilePrintsImportsAndExports() {
        Result result = jazero("compile", FAC.toString());
        assertEquals(0, result.code, result::toString);
        assertTrue(result.out.contains("func fac (i64) -> (i64)"), result.out);
        assertTrue(result.out.contains("func fib (i32) -> (i64)"), result.out);
    }

    @Test
    void compileShowsEachMemorysAddressType() throws IOException {
        Path module = write("memories.wat", "(module (memory (export \"wide\") i64 1 2) (memory (export \"narrow\") 3))");
        Result result = jazero("compile", "--feature", "memory64", "--feature", "multi-memory", module.toString());
        assertEquals(0, result.code, result::toString);
        assertTrue(result.out.contains("memory wide i64 1..2 pages"), result.out);
        assertTrue(result.out.contains("memory narrow 3.. pages"), result.out);
    }

    @Test
    void versionPrintsTheVersion() {
        Result result = jazero("version");
        assertEquals(0, result.code, result::toString);
        assertTrue(result.out.matches("jazero \\d+\\.\\d+\\.\\d+.*\n"), result.out);
    }

    @Test
    void wastReportsEachFailureAndTheTotals() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("scripts"));
        Files.writeString(dir.resolve("a.wast"), """
                (module
                  (func (export "one") (result i32) (i32.const 1))
                  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))
                (assert_return (invoke "one") (i32.const 1))
                (assert_return (invoke "one") (i32.const 2))
                (assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_malformed (module quote "(func") "unexpected end")
                """);
        Files.writeString(dir.resolve("b.wast"), """
                (module $m (import "spectest" "global_i32" (global i32)) (global (export "g") i32 (global.get 0)))
                (assert_return (get $m "g") (i32.const 666))
                """);
        // Scripts in sub-directories are not part of a directory argument.
        Path nested = Files.createDirectories(dir.resolve("nested"));
        Files.writeString(nested.resolve("c.wast"), "(assert_return (invoke \"nothing\"))\n");

        Result result = jazero("wast", "--interpreter", dir.toString());
        assertEquals(1, result.code, result::toString);
        assertTrue(result.out.contains("a.wast:5: "), result.out);
        assertTrue(result.out.lines().anyMatch("7 passed, 1 failed"::equals), result.out);

        Result passing = jazero("wast", dir.resolve("b.wast").toString());
        assertEquals(0, passing.code, passing::toString);
        assertTrue(passing.out.lines().anyMatch("2 passed, 0 failed"::equals), passing.out);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "wast", "compile", "version"}) {
            Result help = jazero(command, "--help");
            assertEquals(0, help.code, help::toString);
            assertTrue(help.out.startsWith("Usage: jazero " + command), help.out);
            assertEquals("", help.err);
            assertEquals(help.out, jazero("help", command).out);
        }
        Result top = jazero("--help");
        assertEquals(0, top.code, top::toString);
        assertTrue(top.out.contains("Exit codes:") && top.out.contains("124"), top.out);
        Result none = jazero();
        assertEquals(2, none.code, "no command is a usage error");
        assertEquals(2, jazero("run", "--no-such-option", FAC.toString()).code);
    }

    /** Every usage error: one line that says what is wrong, one that says where help is, exit code 2. */
    @Test
    void usageErrorsAreOneLineAndWhereHelpIs() throws IOException {
        Path wast = write("ok.wast", "(module)");
        String[][] cases = {
            {},
            {"run", "--no-such-option", FAC.toString()},
            {"run", "--timeout", "5x", "--invoke", "fac", FAC.toString(), "1"},
            {"run", "--invoke", "fac", FAC.toString()},
            {"run", "--invoke", "fac", FAC.toString(), "ten"},
            {"run", "--env", "NOEQUALS", FAC.toString()},
            {"run", "--dir", tmp.resolve("missing").toString(), FAC.toString()},
            {"wast", "--timeout", "never", wast.toString()},
            {"compile"},
            {"nosuchcommand"},
            {"run", "--interpreter", "--compiler", "--invoke", "fac", FAC.toString(), "1"},
        };
        for (String[] args : cases) {
            Result r = jazero(args);
            List<String> lines = r.err.lines().toList();
            assertEquals(2, r.code, String.join(" ", args) + ": " + r);
            assertEquals(2, lines.size(), String.join(" ", args) + ": " + r.err);
            assertTrue(lines.get(0).startsWith("jazero: "), r.err);
            assertTrue(lines.get(1).matches("see 'jazero( \\w+)? --help'"), r.err);
            assertEquals("", r.out, String.join(" ", args));
        }
        assertEquals(0, jazero("wast", "--timeout", "2s", wast.toString()).code, "wast takes the same durations");
        assertEquals(0, jazero("wast", "--timeout", "30", wast.toString()).code);
    }

    @Test
    void theVersionIs30UnlessChosenAndFeaturesAreAddedByName() throws IOException {
        Path module = write("extended.wat", """
                (module (global $g i32 (i32.mul (i32.const 6) (i32.const 7)))
                  (func (export "g") (result i32) (global.get $g)))
                """);
        for (String tier : new String[] {"--compiler", "--interpreter"}) {
            assertEquals("42\n", jazero("run", tier, "--invoke", "g", module.toString()).out);
            assertEquals("42\n", jazero("run", tier, "--wasm", "2.0", "--feature", "extended-const", "--invoke", "g",
                    module.toString()).out);
        }
        Result v2 = jazero("run", "--wasm", "2.0", "--invoke", "g", module.toString());
        assertEquals(1, v2.code, v2::toString);
        assertTrue(v2.err.contains("constant expression required"), v2.err);
        Result badVersion = jazero("run", "--wasm", "4.0", "--invoke", "g", module.toString());
        assertEquals(2, badVersion.code, badVersion::toString);
        assertTrue(badVersion.err.startsWith("jazero: --wasm: expected 1.0, 2.0 or 3.0, got '4.0'"), badVersion.err);
        Result unknown = jazero("run", "--feature", "nope", "--invoke", "g", module.toString());
        assertEquals(2, unknown.code, unknown::toString);
        assertTrue(unknown.err.startsWith("jazero: --feature: no feature named 'nope'; the features: "), unknown.err);
    }

    @Test
    void maxMemoryBoundsHowFarAMemoryGrows() throws IOException {
        Path module = write("grow.wat", """
                (module (memory i64 1) (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
                """);
        assertEquals("1\n-1\n", jazero("run", "--max-memory", "128KiB", "--invoke", "grow", module.toString(), "1").out
                + jazero("run", "--max-memory", "128KiB", "--invoke", "grow", module.toString(), "2").out);
        assertEquals("1\n", jazero("run", "--max-memory", "196608", "--invoke", "grow", module.toString(), "2").out);
        Result partPage = jazero("run", "--max-memory", "1000", "--invoke", "grow", module.toString(), "1");
        assertEquals(2, partPage.code, partPage::toString);
        assertTrue(partPage.err.contains("not a whole number of 64KiB pages"), partPage.err);
        Result huge = jazero("run", "--max-memory", "99999999TiB", "--invoke", "grow", module.toString(), "1");
        assertEquals(2, huge.code, huge::toString);
        assertTrue(huge.err.contains("size too large"), huge.err);
        Result bad = jazero("run", "--max-memory", "lots", "--invoke", "grow", module.toString(), "1");
        assertEquals(2, bad.code, bad::toString);
        assertTrue(bad.err.contains("not a size: 'lots'"), bad.err);
    }

    @Test
    void optionsAreListedOnceInHelp() {
        for (String command : new String[] {"run", "wast", "compile"}) {
            String help = jazero(command, "--help").out;
            for (String option : new String[] {"--interpreter", "--compiler", "--canonical-nans"}) {
                long lines = help.lines().filter(l -> l.stripLeading().startsWith(option)).count();
                assertEquals(1, lines, command + " --help lists " + option + " once:\n" + help);
            }
        }
    }

    @Test
    void aSyntaxErrorInATextFileNamesTheFileTheLineTheColumnAndTheToken() throws IOException {
        Path module = write("bad.wat", "(module\n  (func (export \"f\") (result i32)\n    (i32.const 1) ))))\n");
        Result r = jazero("run", "--invoke", "f", module.toString());
        assertEquals(1, r.code, r::toString);
        assertEquals("jazero: " + module + ":3:21: unexpected token (near ')')\n", r.err);
        Result cache = jazero("compile", "--cache-dir", "/proc/nope", FAC.toString());
        assertTrue(cache.err.startsWith("jazero: --cache-dir /proc/nope: cannot use it as a cache directory: "), cache.err);
    }

    @Test
    void aTrapPrintsItsStackTraceOneFramePerLine() throws IOException {
        Path module = write("trap.wat", """
                (module
                  (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                  (func (export "outer") (param i32) (result i32) (call $inner (local.get 0))))
                """);
        Result result = jazero("run", "--invoke", "outer", module.toString(), "0");
        assertEquals(1, result.code, result::toString);
        List<String> lines = result.err.lines().toList();
        assertTrue(lines.get(0).startsWith("jazero: wasm trap: integer divide by zero (at inner(i32) i32, offset 0x"), result.err);
        assertEquals("wasm stack trace:", lines.get(1), result.err);
        assertTrue(lines.get(2).strip().startsWith("inner(i32) i32, offset 0x"), result.err);
        assertEquals("\t\t" + module + ":2:42", lines.get(3), "the frame's line and column in the file");
        assertTrue(lines.get(4).strip().startsWith("outer(i32) i32, offset 0x"), result.err);
        assertEquals("\t\t" + module + ":3:52", lines.get(5), result.err);
        assertEquals(6, lines.size(), result.err);
    }

    @Test
    void compileFillsTheCacheThatRunUses() throws IOException {
        for (String tier : new String[] {"--compiler", "--interpreter"}) {
            Path cache = tmp.resolve("cache" + tier);
            Result compiled = jazero("compile", tier, "--cache-dir", cache.toString(), FAC.toString());
            assertEquals(0, compiled.code, compiled::toString);
            List<Path> entries;
            try (var files = Files.list(cache)) {
                entries = files.toList();
            }
            assertEquals(1, entries.size(), entries::toString);
            java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(entries.get(0), longAgo);
            Result run = jazero("run", tier, "--cache-dir", cache.toString(), "--invoke", "fac", FAC.toString(), "10");
            assertEquals(0, run.code, run::toString);
            assertEquals("3628800\n", run.out);
            assertEquals(longAgo, Files.getLastModifiedTime(entries.get(0)), "run found the entry that compile made");
        }
        Path notADirectory = write("file", "x");
        Result bad = jazero("run", "--cache-dir", notADirectory.resolve("sub").toString(), "--invoke", "fac", FAC.toString(), "1");
        assertEquals(1, bad.code, bad::toString);
        assertTrue(bad.err.startsWith("jazero: --cache-dir "), bad.err);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static Result jazero(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString().replace(System.lineSeparator(), "\n"),
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    private record Result(int code, String out, String err) {
    }
}
