package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.ValueType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

class HostModulesTest {

    private static final String GUEST = """
            (module
              (import "greeter" "greet" (func $greet (param i32 i32)))
              (import "greeter" "greeting_count" (func $count (result i32)))
              (memory 1)
              (data (i32.const 0) "WebAssembly")
              (func (export "main") (result i32)
                (call $greet (i32.const 0) (i32.const 11))
                (call $count)))
            """;

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");

    @Test
    void anAnnotatedObjectInTheBindingsIsAHostModule() throws Exception {
        Greeter greeter = new Greeter();
        engine.put("greeter", greeter);
        engine.eval(GUEST);
        assertEquals(1, ((Invocable) engine).invokeFunction("main"));
        assertEquals(2, ((Invocable) engine).invokeFunction("main"));
        assertEquals(List.of("WebAssembly", "WebAssembly"), greeter.greeted);
    }

    @Test
    void aSubclassObjectFindsItsSuperclassModule() throws Exception {
        Greeter greeter = new Greeter() { };
        engine.put("anything", greeter);
        engine.eval(GUEST);
        assertEquals(1, ((Invocable) engine).invokeFunction("main"));
    }

    @Test
    void theProcessorRegisteredTheProvider() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/" + HostModuleProvider.class.getName())) {
            String services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(services.contains("dev.jazero.jsr223.Greeter_HostModuleProvider"), services);
        }
        HostModuleProvider provider = new Greeter_HostModuleProvider();
        assertEquals(Greeter.class, provider.hostClass());
        assertEquals("greeter", provider.moduleName());
    }

    @Test
    void explicitHostModulesAndStackFunctions() throws Exception {
        Greeter greeter = new Greeter();
        engine.put("greeter module", WasmHostModule.of(Greeter_HostModule.MODULE_NAME,
                b -> Greeter_HostModule.exportFunctions(b, greeter)));
        // A hand-written function joins the same module.
        engine.put("greeter.twice", WasmHostFunction.of("greeter", "twice", List.of(ValueType.I32),
                List.of(ValueType.I32), stack -> stack[0] = ValueType.encodeI32(2 * ValueType.decodeI32(stack[0]))));
        engine.eval("""
                (module
                  (import "greeter" "greeting_count" (func $count (result i32)))
                  (import "greeter" "twice" (func $twice (param i32) (result i32)))
                  (func (export "main") (result i32) (call $twice (i32.add (call $count) (i32.const 21)))))
                """);
        assertEquals(42, ((Invocable) engine).invokeFunction("main"));
    }

    @Test
    void hostModulesNotImportedAreIgnored() throws Exception {
        engine.put("greeter", new Greeter());
        engine.put("bad", WasmHostModule.of("unused", b -> {
            throw new IllegalStateException("never called");
        }));
        engine.eval(Modules.COUNTER);
    }

    @Test
    void aFailingHostModuleIsAScriptException() {
        engine.put("bad", WasmHostModule.of("greeter", b -> {
            throw new IllegalStateException("broken");
        }));
        ScriptException e = org.junit.jupiter.api.Assertions.assertThrows(ScriptException.class, () -> engine.eval(GUEST));
        assertTrue(e.getMessage().contains("host module greeter: broken"), e.getMessage());
    }

    @Test
    void hostFunctionsMayCallBackIntoTheEngine() throws Exception {
        Invocable invocable = (Invocable) engine;
        engine.put("cb", WasmHostFunction.of("env", "callback", List.of(), List.of(ValueType.I32), stack -> {
            try {
                stack[0] = ValueType.encodeI32((Integer) invocable.invokeFunction("seven") * 6);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        engine.eval("""
                (module
                  (import "env" "callback" (func $cb (result i32)))
                  (func (export "seven") (result i32) (i32.const 7))
                  (func (export "main") (result i32) (call $cb)))
                """);
        assertEquals(42, invocable.invokeFunction("main"));
    }
}
