package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;

class WasmScriptEngineFactoryTest {

    private final ScriptEngineManager manager = new ScriptEngineManager();
    private final ScriptEngineFactory factory = new WasmScriptEngineFactory();

    @Test
    void foundByNameExtensionAndMimeType() {
        for (String name : List.of("wasm", "webassembly", "WebAssembly", "wat")) {
            assertInstanceOf(WasmScriptEngine.class, manager.getEngineByName(name), name);
        }
        for (String ext : List.of("wasm", "wat")) {
            assertInstanceOf(WasmScriptEngine.class, manager.getEngineByExtension(ext), ext);
        }
        for (String mime : List.of("application/wasm", "text/wat")) {
            assertInstanceOf(WasmScriptEngine.class, manager.getEngineByMimeType(mime), mime);
        }
        assertTrue(manager.getEngineFactories().stream().anyMatch(f -> f instanceof WasmScriptEngineFactory));
    }

    @Test
    void describesItself() {
        assertEquals("Jazero", factory.getEngineName());
        assertTrue(factory.getEngineVersion().matches("\\d+\\.\\d+\\.\\d+.*"), factory.getEngineVersion());
        assertEquals("WebAssembly", factory.getLanguageName());
        assertEquals("2.0", factory.getLanguageVersion());
        assertEquals(List.of("wasm", "webassembly", "WebAssembly", "wat"), factory.getNames());
        assertEquals(List.of("wasm", "wat"), factory.getExtensions());
        assertTrue(factory.getMimeTypes().containsAll(List.of("application/wasm", "text/wat")));
        assertEquals("Jazero", factory.getParameter(ScriptEngine.ENGINE));
        assertEquals(factory.getEngineVersion(), factory.getParameter(ScriptEngine.ENGINE_VERSION));
        assertEquals("wasm", factory.getParameter(ScriptEngine.NAME));
        assertEquals("WebAssembly", factory.getParameter(ScriptEngine.LANGUAGE));
        assertEquals("2.0", factory.getParameter(ScriptEngine.LANGUAGE_VERSION));
        assertEquals("MULTITHREADED", factory.getParameter("THREADING"));
        assertNull(factory.getParameter("no such key"));
    }

    @Test
    void getScriptEngineMakesNewEngines() {
        ScriptEngine a = factory.getScriptEngine();
        ScriptEngine b = factory.getScriptEngine();
        assertNotSame(a, b);
        assertEquals(factory, a.getFactory());
    }

    @Test
    void methodCallOutputAndProgramMakeARunnableModule() throws Exception {
        assertEquals("(call $add (i32.const 1) (i32.const 2))",
                factory.getMethodCallSyntax("obj", "add", "(i32.const 1)", "(i32.const 2)"));
        String program = factory.getProgram(
                factory.getOutputStatement("héllo"),
                factory.getMethodCallSyntax(null, "print_i32", "(i32.const 42)"),
                factory.getOutputStatement(""));
        ScriptEngine engine = factory.getScriptEngine();
        StringWriter out = new StringWriter();
        engine.getContext().setWriter(out);
        assertNotNull(engine.eval(program));
        String nl = System.lineSeparator();
        assertEquals("héllo" + nl + "42" + nl, out.toString());
    }
}
