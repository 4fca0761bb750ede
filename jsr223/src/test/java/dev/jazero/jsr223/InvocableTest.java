package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import java.util.List;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvocableTest {

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("webassembly");
    private final Invocable invocable = (Invocable) engine;
    private Module module;

    @BeforeEach
    void evaluate() throws Exception {
        module = (Module) engine.eval(Modules.COUNTER);
    }

    @Test
    void convertsArgumentsAndResults() throws Exception {
        assertEquals(5, invocable.invokeFunction("add", 2, 3));
        assertEquals(5, invocable.invokeFunction("add", (short) 2, (byte) 3));
        assertEquals(-1, invocable.invokeFunction("add", 0xFFFF_FFFFL, 0));   // unsigned range of a Long
        assertEquals(1, invocable.invokeFunction("add", true, false));
        assertEquals(1L << 40, invocable.invokeFunction("add_i64", 1L << 39, 1L << 39));
        assertEquals(3L, invocable.invokeFunction("add_i64", 1, 2));
        assertEquals(7.5f, invocable.invokeFunction("mul_f32", 2.5f, 3.0));
        assertEquals(0.25, invocable.invokeFunction("div_f64", 1.0, 4));
        assertEquals(1, invocable.invokeFunction("is_positive", 3));
        assertNull(invocable.invokeFunction("nothing"));
        assertEquals(List.of(9L, 4), invocable.invokeFunction("swap", 4, 9L));
    }

    @Test
    void passesAndReturnsReferencesAsObjects() throws Exception {
        engine.eval("""
                (module
                  (type $box (struct (field i32)))
                  (func (export "same") (param externref) (result externref) (local.get 0))
                  (func (export "box") (param i32) (result (ref $box)) (struct.new $box (local.get 0)))
                  (func (export "unbox") (param (ref null $box)) (result i32) (struct.get $box 0 (local.get 0))))
                """);
        Object value = new StringBuilder("any object");
        assertEquals(value, invocable.invokeFunction("same", value));
        assertNull(invocable.invokeFunction("same", (Object) null));
        Object box = invocable.invokeFunction("box", 42);
        assertTrue(box instanceof dev.jazero.api.WasmStruct, String.valueOf(box));
        assertEquals(42, invocable.invokeFunction("unbox", box));
    }

    @Test
    void missingExportIsNoSuchMethod() {
        assertThrows(NoSuchMethodException.class, () -> invocable.invokeFunction("nope"));
        assertThrows(NoSuchMethodException.class, () -> invocable.invokeFunction("memory"));
        assertThrows(NoSuchMethodException.class, () -> invocable.invokeMethod(module, "nope"));
    }

    @Test
    void noModuleYetIsNoSuchMethod() {
        ScriptEngine fresh = new ScriptEngineManager().getEngineByName("wasm");
        assertThrows(NoSuchMethodException.class, () -> ((Invocable) fresh).invokeFunction("add", 1, 2));
        assertNull(((Invocable) fresh).getInterface(Runnable.class));
    }

    @Test
    void wrongArityOrTypeIsAClearScriptException() {
        ScriptException arity = assertThrows(ScriptException.class, () -> invocable.invokeFunction("add", 1));
        assertTrue(arity.getMessage().contains("add takes 2 arguments (i32 i32), not 1"), arity.getMessage());
        ScriptException type = assertThrows(ScriptException.class, () -> invocable.invokeFunction("add", 1, "two"));
        assertTrue(type.getMessage().contains("argument 2 (i32) cannot be String two"), type.getMessage());
        ScriptException fraction = assertThrows(ScriptException.class, () -> invocable.invokeFunction("add", 1, 2.5));
        assertTrue(fraction.getMessage().contains("argument 2 (i32)"), fraction.getMessage());
        ScriptException range = assertThrows(ScriptException.class, () -> invocable.invokeFunction("add", 1, 1L << 33));
        assertTrue(range.getMessage().contains("argument 2"), range.getMessage());
        assertThrows(ScriptException.class, () -> invocable.invokeFunction("add", 1, null));
        assertThrows(ScriptException.class, () -> invocable.invokeFunction("add_i64", 1.0, 2L));
    }

    @Test
    void invokeMethodCallsTheGivenInstance() throws Exception {
        Module other = (Module) engine.eval(Modules.COUNTER);
        assertEquals(1, invocable.invokeMethod(other, "inc"));
        assertEquals(2, invocable.invokeMethod(other, "inc"));
        assertEquals(1, invocable.invokeMethod(module, "inc"));
        assertThrows(IllegalArgumentException.class, () -> invocable.invokeMethod("not a module", "inc"));
    }

    /** Methods in camelCase call snake_case exports. */
    public interface Counter {
        int inc();

        int add(int a, int b);

        long addI64(long a, long b);

        float mulF32(float a, float b);

        double divF64(double a, double b);

        boolean isPositive(int x);

        void nothing();

        Object[] swap(int a, long b);

        int divS(int a, int b);

        default int incTwice() {
            inc();
            return inc();
        }
    }

    /** A method that declares ScriptException gets it; others get the engine's exception. */
    public interface Checked {
        int divS(int a, int b) throws ScriptException;
    }

    public interface Missing {
        int add(int a, int b);

        int subtract(int a, int b);
    }

    @Test
    void getInterfaceCallsExportsByMethodName() {
        Counter counter = invocable.getInterface(Counter.class);
        assertNotNull(counter);
        assertEquals(1, counter.inc());
        assertEquals(3, counter.incTwice());
        assertEquals(5, counter.add(2, 3));
        assertEquals(10L, counter.addI64(3, 7));
        assertEquals(6f, counter.mulF32(2, 3));
        assertEquals(2.5, counter.divF64(5, 2));
        assertTrue(counter.isPositive(1));
        assertFalse(counter.isPositive(-1));
        counter.nothing();
        assertArrayEquals(new Object[] {2L, 1}, counter.swap(1, 2L));
        assertThrows(TrapException.class, () -> counter.divS(1, 0));
        assertTrue(counter.toString().contains("Counter"));
        assertEquals(counter, counter);
        assertEquals(System.identityHashCode(counter), counter.hashCode());
        ScriptException e = assertThrows(ScriptException.class, () -> invocable.getInterface(Checked.class).divS(1, 0));
        assertTrue(e.getMessage().contains("divide by zero"), e.getMessage());
    }

    @Test
    void getInterfaceIsNullWhenAnExportIsMissing() {
        assertNull(invocable.getInterface(Missing.class));
        assertNull(invocable.getInterface(module, Missing.class));
    }

    @Test
    void getInterfaceOfAGivenInstance() throws Exception {
        Module other = (Module) engine.eval(Modules.COUNTER);
        Counter a = invocable.getInterface(module, Counter.class);
        Counter b = invocable.getInterface(other, Counter.class);
        a.inc();
        a.inc();
        assertEquals(1, b.inc());
        assertEquals(3, a.inc());
        assertThrows(IllegalArgumentException.class, () -> invocable.getInterface(String.class));
        assertThrows(IllegalArgumentException.class, () -> invocable.getInterface(null));
        assertThrows(IllegalArgumentException.class, () -> invocable.getInterface("x", Counter.class));
    }

    @Test
    void runnableOfAStartLikeExport() throws Exception {
        engine.eval("(module (global (export \"ran\") (mut i32) (i32.const 0))"
                + " (func (export \"run\") (global.set 0 (i32.const 1))))");
        Runnable r = invocable.getInterface(Runnable.class);
        r.run();
        assertEquals(1, (int) ((dev.jazero.api.Global) engine.get("ran")).get());
    }
}
