package dev.jazero.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.CompilationCache;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import org.junit.jupiter.api.Test;

/**
 * Which tier keeps the internal code that validation makes: the interpreter all of it, the
 * compiler only each function's frame sizes, the code made again for a function that runs in the
 * interpreter all the same, and with a compilation cache all of it (the cache stores that code).
 */
class HeldInternalCodeTest {

    /** Function 0 takes 260 JVM slots of parameters, past a method's 255: it runs in the interpreter. */
    private static final String WAT = "(module (func $wide (param" + " i64".repeat(130) + ") (result i64)"
            + " (i64.add (local.get 129) (local.get 0)))"
            + " (func (export \"call\") (param i64) (result i64) (call $wide (local.get 0)"
            + " (i64.const 12)".repeat(129) + ")))";

    @Test
    void theCompilerKeepsFrameSizesAndMakesTheCodeOfAnInterpretedFunctionAgain() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(WAT);
            assertFalse(compiled.heldCode(0).isKept(), "only the frame's sizes");
            Module m = runtime.instantiate(compiled);
            assertTrue(compiled.heldCode(0).isKept(), "made again for the interpreter");
            assertArrayEquals(new long[] {15}, m.exportedFunction("call").call(3));
        }
    }

    /**
     * A function whose frame is past the compiler's bounds (5,000 locals) is found to run in the
     * interpreter only when it is first called: its code is made then.
     */
    @Test
    void aFunctionFoundInterpretedAtItsFirstCallGetsItsCodeThen() {
        String wat = "(module (func (export \"f\") (param i32) (result i32) (local" + " i32".repeat(5000) + ")"
                + " (local.set 4999 (local.get 0)) (i32.add (local.get 4999) (i32.const 1))))";
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat);
            Module m = runtime.instantiate(compiled);
            assertFalse(compiled.heldCode(0).isKept(), "not made before it is needed");
            assertArrayEquals(new long[] {8}, m.exportedFunction("f").call(7));
            assertTrue(compiled.heldCode(0).isKept(), "made for the interpreter at the first call");
            assertFalse(compiled.isCompiled(0));
        }
    }

    @Test
    void theInterpreterKeepsAllCode() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(WAT);
            assertTrue(compiled.heldCode(0).isKept());
            assertTrue(compiled.heldCode(1).isKept());
        }
    }

    @Test
    void aCompilationCacheKeepsTheCodeItStores() {
        try (CompilationCache cache = CompilationCache.inMemory();
                Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(WAT);
            assertNotNull(compiled.heldCode(0));
            assertTrue(compiled.heldCode(0).isKept());
            assertArrayEquals(new long[] {15}, runtime.instantiate(compiled).exportedFunction("call").call(3));
        }
    }
}
