package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runaway recursion ends in the "call stack exhausted" trap in both tiers. The interpreter
 * locates it at its deepest call, with a stack trace whose repeated frames are folded into a
 * line that counts them; compiled code the same, from the frames the JVM records in its
 * {@link StackOverflowError} (docs/compiler.md, "Call depth").
 */
class CallStackExhaustionTest {

    private static final String MODULE = """
            (module
              (func $rec (export "rec") (param i32) (result i32)
                (i32.add (call $rec (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
              (func $ping (export "ping") (param i32) (result i32)
                (call $pong (local.get 0)))
              (func $pong (param i32) (result i32)
                (i32.add (call $ping (local.get 0)) (i32.const 2))))
            """;

    private static TrapException trap(RuntimeConfig tier, String export) {
        try (Runtime runtime = Runtime.create(tier)) {
            // As a binary: the frames of a text module would have a line of its own with the position.
            Module m = runtime.instantiate(runtime.compileModule(dev.jazero.internal.text.WatParser.parseModule(MODULE)));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction(export).call(0));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.trapKind());
            assertEquals(1L, runtime.instantiate(runtime.compileModule("(module (func (export \"one\") (result i32) (i32.const 1)))"))
                    .exportedFunction("one").call()[0], "the runtime stays usable");
            return e;
        }
    }

    @Test
    void deepRecursionIsAFewLines() {
        String message = trap(RuntimeConfig.interpreter(), "rec").getMessage();
        List<String> lines = message.lines().toList();
        assertEquals("call stack exhausted (at rec(i32) i32, offset 0x30)", lines.get(0), message);
        assertEquals("wasm stack trace:", lines.get(1), message);
        assertEquals("\trec(i32) i32, offset 0x30", lines.get(2), message);
        assertEquals("\t... 49,999 more calls of rec(i32) i32", lines.get(3), message);
        assertEquals(4, lines.size(), message);
    }

    @Test
    void mutualRecursionFoldsItsCycle() {
        String message = trap(RuntimeConfig.interpreter(), "ping").getMessage();
        List<String> lines = message.lines().toList();
        assertTrue(lines.size() <= 6, message);
        assertTrue(message.matches("(?s).*\n\t\\.\\.\\. [0-9,]+ more times the 2 calls above.*"), message);
    }

    @Test
    void compiledCodeLocatesItAsTheInterpreterDoes() {
        String message = trap(RuntimeConfig.compiler(), "rec").getMessage();
        List<String> lines = message.lines().toList();
        assertEquals("call stack exhausted (at rec(i32) i32, offset 0x30)", lines.get(0), message);
        assertEquals("wasm stack trace:", lines.get(1), message);
        assertEquals("\trec(i32) i32, offset 0x30", lines.get(2), message);
        assertTrue(lines.get(3).matches("\t\\.\\.\\. [0-9,]+ more calls of rec\\(i32\\) i32"), message);
        // Thousands of calls ran out of the stack; the JVM recorded the innermost 1,024 frames.
        assertEquals("\t... and the calls before them, which the JVM does not record", lines.get(4), message);
        assertEquals(5, lines.size(), message);
    }

    @Test
    void compiledMutualRecursionFoldsItsCycle() {
        String message = trap(RuntimeConfig.compiler(), "ping").getMessage();
        assertTrue(message.lines().count() <= 7, message);
        assertTrue(message.matches("(?s)call stack exhausted \\(at p[io]ng\\(i32\\) i32, offset 0x[0-9a-f]+\\)\n.*"
                + "\n\t\\.\\.\\. [0-9,]+ more times the 2 calls above.*"), message);
    }

    /**
     * A guest that recurses through a host function, which calls back into it, runs out of the
     * JVM's stack inside a host call: the trap comes from the frames the error recorded, with no
     * walk of the deep stack, in both tiers; a host function that catches it and calls in again,
     * at every level, still ends soon.
     */
    @Test
    void recursionThroughTheHostEndsInTheTrap() {
        for (RuntimeConfig tier : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            for (boolean retry : new boolean[] {false, true}) {
                assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> recurseThroughTheHost(tier, retry));
            }
        }
    }

    private static void recurseThroughTheHost(RuntimeConfig tier, boolean retry) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module[] self = new Module[1];
            int[] caught = {0};
            runtime.newHostModuleBuilder("host")
                    .newFunctionBuilder()
                    .withHostFunction((caller, stack) -> {
                        try {
                            self[0].exportedFunction("rec").call(stack[0] + 1);
                        } catch (TrapException e) {
                            // Once per level at most, so that the retries cannot go on forever.
                            if (!retry || caught[0]++ > 64) {
                                throw e;
                            }
                            self[0].exportedFunction("rec").call(stack[0] + 1);
                        }
                    }, List.of(ValueType.I32), List.of())
                    .export("again")
                    .instantiate();
            self[0] = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "host" "again" (func $again (param i32)))
                      (func (export "rec") (param i32) (call $again (local.get 0))))
                    """));
            TrapException e = assertThrows(TrapException.class, () -> self[0].exportedFunction("rec").call(0));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.trapKind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("call stack exhausted"), e.getMessage());
            assertEquals(1L, runtime.instantiate(runtime.compileModule("(module (func (export \"one\") (result i32) (i32.const 1)))"))
                    .exportedFunction("one").call()[0], "the runtime stays usable");
        }
    }
}
