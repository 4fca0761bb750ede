package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Function;
import dev.jazero.api.Global;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.MutableGlobal;
import dev.jazero.api.TrapException;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmException;
import dev.jazero.sys.ExitException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmScriptEngineTest {

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");

    @Test
    void evalStringInstantiatesAndReturnsTheModule() throws Exception {
        Object result = engine.eval(Modules.COUNTER);
        Module module = assertInstanceOf(Module.class, result);
        assertEquals("counter", module.name());
        assertSame(module, engine.get(WasmScriptEngine.MODULE));
        assertEquals(1, Invocable().invokeFunction("inc"));
    }

    private javax.script.Invocable Invocable() {
        return (javax.script.Invocable) engine;
    }

    @Test
    void evalReaderTakesText() throws Exception {
        assertInstanceOf(Module.class, engine.eval(new StringReader(Modules.COUNTER)));
        assertEquals(5, Invocable().invokeFunction("add", 2, 3));
    }

    @Test
    void startFunctionRunsOnEval() throws Exception {
        engine.eval("""
                (module
                  (global (export "g") (mut i32) (i32.const 0))
                  (func $init (global.set 0 (i32.const 7)))
                  (start $init))
                """);
        Global g = assertInstanceOf(Global.class, engine.get("g"));
        assertEquals(7, ValueType.decodeI32(g.get()));
    }

    @Test
    void exportsAreReachableThroughTheBindings() throws Exception {
        engine.eval(Modules.COUNTER);
        Function inc = assertInstanceOf(Function.class, engine.get("inc"));
        inc.call();
        MutableGlobal count = assertInstanceOf(MutableGlobal.class, engine.get("count"));
        assertEquals(1, ValueType.decodeI32(count.get()));
        count.set(41);
        assertEquals(42, Invocable().invokeFunction("inc"));
        assertEquals(3.25, ValueType.decodeF64(((Global) engine.get("pi")).get()));
        Memory memory = assertInstanceOf(Memory.class, engine.get("memory"));
        memory.writeInt(0, 9);
        assertEquals(9, Invocable().invokeFunction("memory_count"));
        Bindings bindings = engine.getBindings(ScriptContext.ENGINE_SCOPE);
        assertTrue(bindings.containsKey("count"));
        assertTrue(bindings.containsKey("memory"));
        assertTrue(bindings.keySet().contains("add"));
        assertFalse(bindings.containsKey("no_such_export"));
    }

    @Test
    void aNewEvaluationReplacesTheExportsOfTheLast() throws Exception {
        engine.eval(Modules.COUNTER);
        engine.eval("(module (func (export \"other\")))");
        assertNull(engine.get("inc"));
        assertNotNull(engine.get("other"));
        assertThrows(NoSuchMethodException.class, () -> Invocable().invokeFunction("inc"));
    }

    @Test
    void bindingsPutExplicitlyWinOverExports() throws Exception {
        engine.put("add", "mine");
        engine.eval(Modules.COUNTER);
        assertEquals("mine", engine.get("add"));
        assertEquals(3, Invocable().invokeFunction("add", 1, 2));
    }

    @Test
    void binaryModulesThroughTypedMethods(@TempDir Path dir) throws Exception {
        WasmScriptEngine wasm = (WasmScriptEngine) engine;
        assertInstanceOf(Module.class, wasm.eval(Modules.ANSWER));
        assertEquals(42, wasm.invokeFunction("answer"));
        wasm.eval(new ByteArrayInputStream(Modules.ANSWER));
        assertEquals(42, wasm.invokeFunction("answer"));
        Path file = dir.resolve("answer.wasm");
        Files.write(file, Modules.ANSWER);
        wasm.eval(file);
        assertEquals(42, wasm.invokeFunction("answer"));
        // WAT as UTF-8 bytes works too.
        wasm.eval(Modules.COUNTER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, wasm.invokeFunction("inc"));
    }

    @Test
    void filenameNamingAWasmFileLoadsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("answer.wasm");
        Files.write(file, Modules.ANSWER);
        engine.put(ScriptEngine.FILENAME, file.toString());
        engine.eval("");
        assertEquals(42, Invocable().invokeFunction("answer"));
        // As jrunscript -f does: the file read as characters.
        engine.eval(new StringReader(new String(Modules.ANSWER, java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(42, Invocable().invokeFunction("answer"));
        // Text still wins when the script is text.
        engine.eval(Modules.COUNTER);
        assertEquals(3, Invocable().invokeFunction("add", 1, 2));
    }

    @Test
    void watErrorsCarryLineAndColumn() {
        engine.put(ScriptEngine.FILENAME, "bad.wat");
        WasmScriptException e = assertThrows(WasmScriptException.class,
                () -> engine.eval("(module\n  (func (result i32)\n    (i32.const)))"));
        assertEquals(WasmException.Kind.MALFORMED, e.kind());
        assertEquals(3, e.getLineNumber());
        assertTrue(e.getColumnNumber() > 0, e.getMessage());
        assertEquals("bad.wat", e.getFileName());
        assertEquals(-1, e.byteOffset());
        assertInstanceOf(WasmException.class, e.getCause());
    }

    @Test
    void binaryErrorsCarryTheByteOffset() {
        byte[] truncated = java.util.Arrays.copyOf(Modules.ANSWER, Modules.ANSWER.length - 3);
        WasmScriptException e = assertThrows(WasmScriptException.class, () -> ((WasmScriptEngine) engine).compile(truncated));
        assertEquals(WasmException.Kind.MALFORMED, e.kind());
        assertTrue(e.byteOffset() > 8, e.getMessage());
        assertEquals(-1, e.getLineNumber());
    }

    @Test
    void validationErrorsAreScriptExceptions() {
        WasmScriptException e = assertThrows(WasmScriptException.class,
                () -> engine.eval("(module (func (result i32) (i64.const 1)))"));
        assertEquals(WasmException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("invalid module"), e.getMessage());
    }

    @Test
    void missingImportIsALinkError() {
        WasmScriptException e = assertThrows(WasmScriptException.class,
                () -> engine.eval("(module (import \"nowhere\" \"f\" (func)))"));
        assertEquals(WasmException.Kind.UNLINKABLE, e.kind());
    }

    @Test
    void trapsCarryTheFunctionAndCause() throws Exception {
        engine.eval(Modules.COUNTER);
        WasmScriptException e = assertThrows(WasmScriptException.class, () -> Invocable().invokeFunction("div_s", 1, 0));
        assertEquals(WasmException.Kind.TRAP, e.kind());
        assertEquals("div_s", e.functionName());
        assertInstanceOf(TrapException.class, e.getCause());
        assertTrue(e.getMessage().contains("div_s") && e.getMessage().contains("divide by zero"), e.getMessage());
    }

    @Test
    void trapInStartFunctionFailsTheEvaluation() {
        ScriptException e = assertThrows(ScriptException.class,
                () -> engine.eval("(module (func $s unreachable) (start $s))"));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void commandsRunStartAndAnswerTheExitCode() throws Exception {
        String command = """
                (module
                  (import "env" "exit" (func $exit (param i32)))
                  (func (export "_start") (call $exit (i32.const 3))))
                """;
        engine.put("env.exit", WasmHostFunction.of("env", "exit", List.of(ValueType.I32), List.of(), stack -> {
            throw new ExitException(ValueType.decodeI32(stack[0]));
        }));
        assertEquals(3, engine.eval(command));
        assertEquals(0, engine.eval("(module (func (export \"_start\")))"));
        ScriptException e = assertThrows(ScriptException.class,
                () -> engine.eval("(module (func (export \"_start\") unreachable))"));
        assertEquals("_start", ((WasmScriptException) e).functionName());
    }

    @Test
    void scopesAndContexts() throws Exception {
        ScriptEngineManager manager = new ScriptEngineManager();
        ScriptEngine e = manager.getEngineByExtension("wat");
        assertNotNull(e.getBindings(ScriptContext.GLOBAL_SCOPE));
        assertSame(manager.getBindings(), e.getBindings(ScriptContext.GLOBAL_SCOPE));
        // A host function in the global scope is importable.
        List<Integer> logged = new ArrayList<>();
        manager.put("log", WasmHostFunction.of("env", "log", List.of(ValueType.I32), List.of(),
                stack -> logged.add(ValueType.decodeI32(stack[0]))));
        String guest = "(module (import \"env\" \"log\" (func $log (param i32)))"
                + " (func (export \"run\") (call $log (i32.const 5))))";
        e.eval(guest);
        ((javax.script.Invocable) e).invokeFunction("run");
        assertEquals(List.of(5), logged);

        // eval(String, Bindings) uses those bindings as the engine scope.
        Bindings b = e.createBindings();
        Object m = e.eval(Modules.COUNTER, b);
        assertSame(m, b.get(WasmScriptEngine.MODULE));
        assertNotNull(b.get("count"));
        // The engine's own bindings still have the earlier module.
        assertNotSame(m, e.get(WasmScriptEngine.MODULE));

        // A context of one's own, with plain SimpleBindings.
        SimpleScriptContext ctx = new SimpleScriptContext();
        ctx.setBindings(new SimpleBindings(), ScriptContext.ENGINE_SCOPE);
        Object m2 = e.eval(Modules.COUNTER, ctx);
        assertSame(m2, ctx.getAttribute(WasmScriptEngine.MODULE));
        assertInstanceOf(Function.class, ctx.getAttribute("inc"));

        // setContext / getContext and setBindings.
        e.setContext(ctx);
        assertSame(ctx, e.getContext());
        assertEquals(1, ((javax.script.Invocable) e).invokeFunction("inc"));
        Bindings fresh = e.createBindings();
        e.setBindings(fresh, ScriptContext.ENGINE_SCOPE);
        assertSame(fresh, e.getBindings(ScriptContext.ENGINE_SCOPE));
        assertThrows(NoSuchMethodException.class, () -> ((javax.script.Invocable) e).invokeFunction("inc"));
    }

    @Test
    void builtInPrintWritesToTheContextWriter() throws Exception {
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        engine.eval("""
                (module
                  (import "jsr223" "print" (func $print (param i32 i32)))
                  (import "jsr223" "print_i32" (func $pi32 (param i32)))
                  (import "jsr223" "print_f64" (func $pf64 (param f64)))
                  (memory 1)
                  (data (i32.const 0) "n=")
                  (func $main (call $print (i32.const 0) (i32.const 2)) (call $pi32 (i32.const -4))
                    (call $print (i32.const 0) (i32.const 1)) (call $pf64 (f64.const 0.5)))
                  (start $main))
                """);
        assertEquals("n=-4n0.5", out.toString());
    }

    @Test
    void getFactoryAndCreateBindings() {
        assertInstanceOf(WasmScriptEngineFactory.class, engine.getFactory());
        Bindings b = engine.createBindings();
        b.put("x", 1);
        assertEquals(1, b.get("x"));
        assertNull(b.get(WasmScriptEngine.MODULE));
    }

    @Test
    void anEngineWithTheCompilerTier() throws Exception {
        WasmScriptEngine compiled = new WasmScriptEngine(dev.jazero.RuntimeConfig.compiler());
        compiled.eval(Modules.COUNTER);
        assertEquals(7, compiled.invokeFunction("add", 3, 4));
    }

    @Test
    void evalReaderWithBindingsAndContext() throws Exception {
        Bindings b = engine.createBindings();
        Module m = (Module) engine.eval(new StringReader(Modules.COUNTER), b);
        assertSame(m, b.get(WasmScriptEngine.MODULE));
        SimpleScriptContext ctx = new SimpleScriptContext();
        ctx.setBindings(engine.createBindings(), ScriptContext.ENGINE_SCOPE);
        Module m2 = (Module) engine.eval(new StringReader(Modules.COUNTER), ctx);
        assertSame(m2, ctx.getAttribute(WasmScriptEngine.MODULE, ScriptContext.ENGINE_SCOPE));
        assertNull(engine.get(WasmScriptEngine.MODULE));   // the engine's own context is untouched
    }

    @Test
    void engineScopeHostModulesComeBeforeGlobalScopeOnes() throws Exception {
        String guest = "(module (import \"env\" \"n\" (func $n (result i32)))"
                + " (func (export \"n\") (result i32) (call $n)))";
        engine.getBindings(ScriptContext.GLOBAL_SCOPE).put("n", WasmHostFunction.of("env", "n", List.of(),
                List.of(ValueType.I32), stack -> stack[0] = 1));
        engine.eval(guest);
        assertEquals(1, Invocable().invokeFunction("n"));
        // The same function in both scopes would be a duplicate export; a module of the same name
        // in the engine scope is merged with the global one, so the engine scope adds what it lacks.
        engine.put("m", WasmHostFunction.of("env", "m", List.of(), List.of(ValueType.I32), stack -> stack[0] = 2));
        engine.eval("(module (import \"env\" \"n\" (func $n (result i32))) (import \"env\" \"m\" (func $m (result i32)))"
                + " (func (export \"sum\") (result i32) (i32.add (call $n) (call $m))))");
        assertEquals(3, Invocable().invokeFunction("sum"));
    }
}
