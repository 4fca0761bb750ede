package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.SimpleBindings;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilableTest {

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");
    private final Compilable compilable = (Compilable) engine;

    @Test
    void eachEvaluationIsAFreshIsolatedInstance() throws Exception {
        CompiledScript script = compilable.compile(Modules.COUNTER);
        assertSame(engine, script.getEngine());
        Module a = (Module) script.eval();
        assertEquals(1, ((Invocable) engine).invokeFunction("inc"));
        assertEquals(2, ((Invocable) engine).invokeFunction("inc"));
        Module b = (Module) script.eval();
        assertNotSame(a, b);
        assertEquals(1, ((Invocable) engine).invokeFunction("inc"));   // b, fresh
        assertEquals(3, ((Invocable) engine).invokeMethod(a, "inc"));  // a kept its state
        // In a context of its own, with bindings of its own.
        SimpleScriptContext ctx = new SimpleScriptContext();
        ctx.setBindings(new SimpleBindings(), ScriptContext.ENGINE_SCOPE);
        Module c = (Module) script.eval(ctx);
        assertSame(c, ctx.getAttribute(WasmScriptEngine.MODULE));
        assertSame(b, engine.get(WasmScriptEngine.MODULE));
        Module d = (Module) script.eval(engine.createBindings());
        assertNotSame(c, d);
    }

    @Test
    void compileFormsAllFindErrorsEarly(@TempDir Path dir) throws Exception {
        WasmScriptEngine wasm = (WasmScriptEngine) engine;
        assertEquals(Modules.ANSWER.length > 0, true);
        WasmCompiledScript fromReader = wasm.compile(new StringReader(Modules.COUNTER));
        assertTrue(fromReader.compiledModule().exportedFunctions().containsKey("inc"));
        WasmCompiledScript fromBytes = wasm.compile(Modules.ANSWER);
        assertTrue(fromBytes.compiledModule().exportedFunctions().containsKey("answer"));
        WasmCompiledScript fromStream = wasm.compile(new java.io.ByteArrayInputStream(Modules.ANSWER));
        fromStream.eval();
        assertEquals(42, wasm.invokeFunction("answer"));
        Path file = dir.resolve("a.wasm");
        Files.write(file, Modules.ANSWER);
        wasm.compile(file).eval();
        assertEquals(42, wasm.invokeFunction("answer"));
        WasmScriptException e = assertThrows(WasmScriptException.class, () -> compilable.compile("(module\n (func $f (i32.nope)))"));
        assertEquals(2, e.getLineNumber());
        assertThrows(javax.script.ScriptException.class, () -> wasm.compile(dir.resolve("missing.wasm")));
    }

    /**
     * Compile once, evaluate many times: an evaluation instantiates, it does not decode or validate
     * again. For a 1 MiB module, an evaluation must cost a small fraction of a compilation.
     */
    @Test
    void compileOnceEvalManyIsCheap() throws Exception {
        byte[] big = Modules.big(1 << 20);
        assertTrue(big.length >= 1 << 20);
        WasmScriptEngine wasm = (WasmScriptEngine) engine;
        for (int i = 0; i < 2; i++) {   // warm up
            wasm.compile(big).eval();
        }
        int compiles = 3;
        long t0 = System.nanoTime();
        WasmCompiledScript script = null;
        for (int i = 0; i < compiles; i++) {
            script = wasm.compile(big);
        }
        long compile = (System.nanoTime() - t0) / compiles;
        int evals = 50;
        long t1 = System.nanoTime();
        for (int i = 0; i < evals; i++) {
            script.eval();
        }
        long eval = (System.nanoTime() - t1) / evals;
        System.out.printf("1 MiB module (%d bytes): compile %.2f ms, CompiledScript.eval %.3f ms (%.1f%%)%n",
                big.length, compile / 1e6, eval / 1e6, 100.0 * eval / compile);
        assertTrue(eval * 5 < compile, "eval " + eval + " ns vs compile " + compile + " ns");
        assertEquals(null, wasm.invokeFunction("f0"));
    }
}
