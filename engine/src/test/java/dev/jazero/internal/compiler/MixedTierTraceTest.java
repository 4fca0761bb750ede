package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trap's WebAssembly stack trace names every frame when compiled and interpreted functions call
 * each other: the interpreter puts its frames where its activation is among the compiled ones.
 */
class MixedTierTraceTest {

    /** A br_table too large for a method keeps {@code $interpreted} in the interpreter. */
    private static String module() {
        String labels = " 0".repeat(FunctionCompiler.MAX_BR_TABLE_LABELS + 10);
        return """
                (module
                  (func $traps (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                  (func $interpreted (param i32) (result i32)
                    (block (br_table%s (i32.const 1)))
                    (call $traps (local.get 0)))
                  (func (export "outer") (param i32) (result i32)
                    (call $interpreted (local.get 0))))
                """.formatted(labels);
    }

    @Test
    void interpretedFramesStandBetweenCompiledOnes() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(module());
            assertTrue(compiled.isCompiled(0));
            assertFalse(compiled.isCompiled(1), "interpreted");
            assertTrue(compiled.isCompiled(2));
            Module m = runtime.instantiate(compiled);
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("outer").call(0));
            List<String> functions = e.wasmStackTrace().stream().map(f -> f.substring(0, f.indexOf('('))).toList();
            assertEquals(List.of("traps", "interpreted", "outer"), functions);
            assertTrue(e.getMessage().startsWith("integer divide by zero (at traps("), e.getMessage());
        }
    }
}
