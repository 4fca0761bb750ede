package dev.jazero.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's own semantics, on small scripts: that it passes what the reference interpreter
 * passes and, as importantly, fails what it fails.
 */
class WastRunnerTest {

    @TempDir
    Path tmp;

    private final WastRunner runner = new WastRunner(RuntimeConfig.interpreter());

    @Test
    void comparesResultsBitExactly() throws IOException {
        List<CommandResult> results = run("""
                (module
                  (func (export "f32") (param f32) (result f32) local.get 0)
                  (func (export "f64") (param f64) (result f64) local.get 0)
                  (func (export "i32") (param i32) (result i32) local.get 0))
                (assert_return (invoke "f32" (f32.const -0.0)) (f32.const -0.0))
                (assert_return (invoke "f32" (f32.const -0.0)) (f32.const 0.0))
                (assert_return (invoke "f32" (f32.const nan)) (f32.const nan:canonical))
                (assert_return (invoke "f32" (f32.const nan:0x200000)) (f32.const nan:canonical))
                (assert_return (invoke "f32" (f32.const -nan:0x600000)) (f32.const nan:arithmetic))
                (assert_return (invoke "f64" (f64.const nan:0x1)) (f64.const nan:arithmetic))
                (assert_return (invoke "f64" (f64.const nan:0x1)) (f64.const nan:0x1))
                (assert_return (invoke "i32" (i32.const -1)) (i32.const 0xffffffff))
                (assert_return (invoke "i32" (i32.const 1)) (i64.const 1))
                """);
        assertEquals(List.of(true, true, false, true, false, true, false, true, true, false), passes(results));
        assertTrue(results.get(2).message().contains("(f32.const 0.0"), results.get(2).message());
    }

    @Test
    void mapsExternReferencesBothWays() throws IOException {
        List<CommandResult> results = run("""
                (module
                  (func (export "id") (param externref) (result externref) local.get 0)
                  (func (export "null") (param externref) (result i32) (ref.is_null (local.get 0)))
                  (func (export "func") (result funcref) (ref.func 0)))
                (assert_return (invoke "id" (ref.extern 0)) (ref.extern 0))
                (assert_return (invoke "id" (ref.extern 7)) (ref.extern 8))
                (assert_return (invoke "null" (ref.extern 0)) (i32.const 0))
                (assert_return (invoke "null" (ref.null extern)) (i32.const 1))
                (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
                (assert_return (invoke "func") (ref.func))
                (assert_return (invoke "func") (ref.null func))
                """);
        assertEquals(List.of(true, true, false, true, true, true, true, false), passes(results));
    }

    @Test
    void checksTrapsAndModuleOutcomes() throws IOException {
        List<CommandResult> results = run("""
                (module
                  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
                  (func $loop (export "loop") (call $loop)))
                (assert_trap (invoke "div" (i32.const 0)) "integer divide")
                (assert_trap (invoke "div" (i32.const 0)) "integer overflow")
                (assert_trap (invoke "div" (i32.const 1)) "integer divide by zero")
                (assert_exhaustion (invoke "loop") "call stack exhausted")
                (assert_malformed (module quote "(func") "unexpected end")
                (assert_malformed (module binary "") "unexpected end")
                (assert_malformed (module binary "\\00asm\\01\\00\\00\\00") "whatever")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_invalid (module (func)) "type mismatch")
                (assert_unlinkable (module (import "spectest" "nothing" (func))) "unknown import")
                (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
                (assert_trap (module (func $f) (start $f)) "unreachable")
                """);
        assertEquals(List.of(true, true, false, false, true, true, true, false, true, false, true, true, false),
                passes(results));
        assertTrue(results.get(2).message().startsWith("expected trap \"integer overflow\", got trap \"integer divide by zero"),
                results.get(2).message());
    }

    @Test
    void registersModulesAndFailsCommandsOfAFailedModule() throws IOException {
        List<CommandResult> results = run("""
                (module $A (global (export "g") (mut i32) (i32.const 1)) (func (export "set") (global.set 0 (i32.const 2))))
                (register "a" $A)
                (module $B (import "a" "g" (global (mut i32))) (func (export "get") (result i32) (global.get 0)))
                (invoke $A "set")
                (assert_return (invoke $B "get") (i32.const 2))
                (assert_return (get $A "g") (i32.const 2))
                (module $C (func (export "f") (result i32)))
                (assert_return (invoke $C "f") (i32.const 0))
                (assert_return (invoke "f") (i32.const 0))
                (assert_return (invoke $B "get") (i32.const 2))
                (assert_return (invoke $Z "get") (i32.const 2))
                """);
        assertEquals(List.of(true, true, true, true, true, true, false, false, false, true, false), passes(results));
        assertTrue(results.get(7).message().contains("module of line 7"), results.get(7).message());
    }

    @Test
    void aHangFailsItsCommandAndTheRestOfTheScript() throws IOException {
        Path script = write("hang.wast", """
                (module (func (export "spin") (loop (br 0))) (func (export "ok")))
                (invoke "spin")
                (invoke "ok")
                """);
        List<CommandResult> results = runner.withTimeout(Duration.ofMillis(500)).run(script, r -> { });
        assertEquals(List.of(true, false, false), passes(results));
        assertTrue(results.get(1).message().contains("did not finish"), results.get(1).message());
        assertTrue(results.get(2).message().startsWith("not run"), results.get(2).message());
    }

    @Test
    void aScriptThatDoesNotParseIsOneFailure() throws IOException {
        List<CommandResult> results = run("(module)\n(assert_return (invoke \"f\")\n");
        assertEquals(1, results.size());
        assertFalse(results.get(0).passed());
        assertTrue(results.get(0).describe().startsWith("test.wast:"), results.get(0).describe());
    }

    @Test
    void runsCommandsOneByOneInOrder() throws IOException {
        WastScript script = runner.open(write("steps.wast", """
                (module (func (export "one") (result i32) (i32.const 1)))
                (assert_return (invoke "one") (i32.const 1))
                (assert_return (invoke "one") (i32.const 2))
                """));
        List<ScriptCommand> commands = script.commands();
        assertEquals(List.of(1, 2, 3), commands.stream().map(ScriptCommand::line).collect(Collectors.toList()));
        assertEquals("steps.wast:2", commands.get(1).location());
        // Running a later command first runs the earlier ones it depends on.
        assertTrue(script.run(commands.get(1)).passed());
        CommandResult last = script.run(commands.get(2));
        assertFalse(last.passed());
        assertEquals("steps.wast:3: assert_return invoke \"one\": expected (i32.const 2), got (i32.const 1)", last.describe());
    }

    private List<CommandResult> run(String text) throws IOException {
        return runner.run(write("test.wast", text), r -> { });
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static List<Boolean> passes(List<CommandResult> results) {
        return results.stream().map(CommandResult::passed).collect(Collectors.toList());
    }
}
