package dev.jazero.integration.hostmodule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.HostFunction;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: {@link Toolbox}, compiled with jazero-processor as this module's annotation
 * processor, defines the host module "toolbox" through the generated {@code Toolbox_HostModule},
 * and {@code hostmodule/guest.wat} calls each of its functions from Wasm code.
 */
class AnnotatedHostModuleTest {

    private Runtime runtime;
    private Toolbox toolbox;
    private Module host;
    private Module guest;

    @BeforeEach
    void instantiate() {
        runtime = Runtime.create();
        toolbox = new Toolbox();
        host = Toolbox_HostModule.newBuilder(runtime, toolbox).instantiate();
        guest = runtime.instantiate(runtime.compileModule(resource("hostmodule/guest.wat")));
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private long[] call(String name, long... params) {
        return guest.exportedFunction(name).call(params);
    }

    @Test
    void definesTheModuleWithNamesTypesAndParameterNamesInDeclarationOrder() {
        assertEquals("toolbox", Toolbox_HostModule.MODULE_NAME);
        assertEquals("toolbox", host.name());
        Map<String, FunctionDefinition> defs = host.exportedFunctionDefinitions();
        List<String> inOrder = defs.values().stream()
                .sorted(java.util.Comparator.comparingInt(FunctionDefinition::index))
                .map(d -> d.exportNames().get(0)).toList();
        assertEquals(List.of("tick", "add_i32", "mul_i64", "half", "same_f32", "hypot", "same_f64", "is_even",
                "select", "log", "puts", "log_pair", "store_square", "div_mod", "stats", "fail", "call_guest"), inOrder);

        FunctionDefinition logPair = defs.get("log_pair");
        assertEquals(List.of(ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32), logPair.paramTypes());
        assertEquals(List.of("key", "separator", "value", "value_len"), logPair.paramNames());
        assertEquals(List.of(), logPair.resultTypes());

        FunctionDefinition stats = defs.get("stats");
        assertEquals(List.of("ptr", "count"), stats.paramNames());   // the Memory is injected
        assertEquals(List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64, ValueType.I32),
                stats.resultTypes());
        assertEquals(List.of("count", "sum", "meanF32", "mean", "empty"), stats.resultNames());
        assertEquals(List.of("n"), defs.get("call_guest").paramNames());
        assertEquals(List.of(ValueType.I64), defs.get("is_even").paramTypes());
        assertInstanceOf(HostFunction.class, defs.get("tick").hostFunction());
    }

    @Test
    void voidWithoutParameters() {
        call("tick");
        call("tick");
        assertEquals(2, toolbox.ticks);
    }

    @Test
    void i32() {
        assertArrayEquals(new long[] {5}, call("add_i32", 2, 3));
        assertArrayEquals(new long[] {1}, call("add_i32_is_minus_one", 0xFFFF_FFFEL, 1));
        // Called directly, the host function's i32 result is zero-extended.
        assertArrayEquals(new long[] {0xFFFF_FFFFL}, host.exportedFunction("add_i32").call(0xFFFF_FFFEL, 1));
        assertArrayEquals(new long[] {0x8000_0000L}, host.exportedFunction("add_i32").call(0x7FFF_FFFFL, 1));
    }

    @Test
    void i64() {
        assertArrayEquals(new long[] {-6_000_000_000_000L}, call("mul_i64", 3_000_000, -2_000_000));
    }

    @Test
    void f32AndF64() {
        assertEquals(1.25f, ValueType.decodeF32(call("half", ValueType.encodeF32(2.5f))[0]));
        assertEquals(5.0, ValueType.decodeF64(call("hypot", ValueType.encodeF64(3), ValueType.encodeF64(4))[0]));
        // Raw bits, and zero-extended f32 slots.
        long f32 = host.exportedFunction("half").call(ValueType.encodeF32(-1f))[0];
        assertEquals(ValueType.encodeF32(-0.5f), f32);
        assertEquals(0, f32 >>> 32);
        assertArrayEquals(new long[] {0x7FC0_0123L}, call("same_f32_bits", 0x7FC0_0123L));
        assertArrayEquals(new long[] {0xFFF8_0000_0000_0abcL}, call("same_f64_bits", 0xFFF8_0000_0000_0abcL));
    }

    @Test
    void booleans() {
        assertArrayEquals(new long[] {1}, call("is_even", -4));
        assertArrayEquals(new long[] {0}, call("is_even", 7));
        assertArrayEquals(new long[] {10}, call("select", 1, 10, 20));
        assertArrayEquals(new long[] {10}, call("select", 0x8000_0000L, 10, 20));   // any non-zero i32
        assertArrayEquals(new long[] {20}, call("select", 0, 10, 20));
    }

    @Test
    void ptrLenAndCStrings() {
        call("log_hello");
        assertArrayEquals(new long[] {8}, call("puts_c"));
        assertArrayEquals(new long[] {5}, call("puts_utf8"));
        call("log_pair");
        assertEquals(List.of("hello, host", "C string", "h\u00e9llo", "key=value"), toolbox.lines);
    }

    @Test
    void stringsOutsideTheMemoryTrapAsOutOfBounds() {
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                assertThrows(TrapException.class, () -> call("log_out_of_bounds")).trapKind());
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                assertThrows(TrapException.class, () -> call("log_huge")).trapKind());
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                assertThrows(TrapException.class, () -> call("puts_unterminated")).trapKind());
        assertTrue(toolbox.lines.isEmpty());
    }

    @Test
    void injectedMemory() {
        assertArrayEquals(new long[] {49}, call("store_square", 200, 7));
        assertEquals(49, guest.memory().readInt(200));
    }

    @Test
    void recordResults() {
        assertArrayEquals(new long[] {-4, 1}, call("div_mod", -7, 2));
        assertArrayEquals(new long[] {-3}, call("div_mod_check", -7, 2));
        long[] stats = call("stats");   // of 1, 2, 3, 10
        assertArrayEquals(new long[] {4, 16, ValueType.encodeF32(4f), ValueType.encodeF64(4), 0}, stats);
        long[] empty = call("stats_empty");
        assertArrayEquals(new long[] {0, 0, ValueType.encodeF32(0f), ValueType.encodeF64(0), 1}, empty);
    }

    @Test
    void aThrowingHostFunctionTrapsWithTheJavaCause() {
        TrapException trap = assertThrows(TrapException.class, () -> call("fail", 42));
        assertEquals(TrapKind.HOST_FUNCTION_FAILED, trap.trapKind());
        assertTrue(trap.getMessage().startsWith("host function failed"), trap.getMessage());
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, trap.getCause());
        assertEquals("toolbox cannot handle code 42", cause.getMessage());
        // The guest stays usable.
        assertArrayEquals(new long[] {5}, call("add_i32", 2, 3));
    }

    @Test
    void aHostFunctionReentersTheGuest() {
        assertArrayEquals(new long[] {50}, call("reenter", 7));
        // sum over i < 5 of (i * i + 1)
        assertArrayEquals(new long[] {35}, call("reenter_sum", 5));
    }

    @Test
    void aMemoryParameterWithoutMemoryTraps() {
        Module noMemory = runtime.instantiate(runtime.compileModule("""
                (module
                  (import "toolbox" "store_square" (func $s (param i32 i32)))
                  (func (export "f") (call $s (i32.const 0) (i32.const 1))))
                """));
        TrapException trap = assertThrows(TrapException.class, () -> noMemory.exportedFunction("f").call());
        assertEquals(TrapKind.HOST_FUNCTION_FAILED, trap.trapKind());
        assertInstanceOf(IllegalStateException.class, trap.getCause());
    }

    @Test
    void exportFunctionsAddsToABuilderOfTheCallers() {
        Module combined = Toolbox_HostModule.exportFunctions(runtime.newHostModuleBuilder("combined"), toolbox)
                .newFunctionBuilder()
                .withStackFunction(stack -> stack[0] = 99, List.of(), List.of(ValueType.I32))
                .export("extra")
                .instantiate();
        assertEquals(18, combined.exportedFunctionDefinitions().size());
        assertArrayEquals(new long[] {99}, combined.exportedFunction("extra").call());
        assertArrayEquals(new long[] {3}, combined.exportedFunction("add_i32").call(1, 2));
    }

    @Test
    void aNullHostIsRejected() {
        assertThrows(NullPointerException.class, () -> Toolbox_HostModule.newBuilder(runtime, null));
    }

    /**
     * The adapters allocate nothing: calling them a million times allocates no more than the
     * measurement itself. (Records and strings are the method's own allocations, not measured.)
     */
    @Test
    void adaptersDoNotAllocate() {
        Map<String, FunctionDefinition> defs = host.exportedFunctionDefinitions();
        List<String> names = List.of("tick", "add_i32", "mul_i64", "half", "hypot", "is_even", "select", "store_square");
        long[] stack = new long[8];
        for (String name : names) {
            HostFunction fn = (HostFunction) defs.get(name).hostFunction();
            long allocated = allocatedBytes(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    stack[0] = 64;
                    stack[1] = i;
                    stack[2] = 3;
                    fn.call(guest, stack);
                }
            });
            assertTrue(allocated < 16_384, name + " allocated " + allocated + " bytes in a million calls");
        }
    }

    static long allocatedBytes(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        work.run();   // warm up: class loading and compilation allocate
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** The generated sources of this module hold no reflection: they run on every host call. */
    @Test
    void generatedSourcesUseNoReflection() throws IOException {
        Path dir = Path.of("target", "generated-test-sources", "test-annotations");
        Pattern reflection = Pattern.compile("java\\.lang\\.reflect|java\\.lang\\.invoke|\\bgetClass\\(|Class\\.forName"
                + "|\\.getMethod|\\.getDeclared|\\.invoke\\(|MethodHandle|setAccessible");
        List<Path> generated;
        try (Stream<Path> files = Files.walk(dir)) {
            generated = files.filter(p -> p.toString().endsWith("_HostModule.java")).toList();
        }
        assertFalse(generated.isEmpty(), "no generated sources under " + dir.toAbsolutePath());
        for (Path file : generated) {
            String source = Files.readString(file);
            assertTrue(source.contains("@Generated(\"dev.jazero.processor.HostModuleProcessor\")"), file.toString());
            assertFalse(reflection.matcher(source).find(), file + " uses reflection");
        }
    }

    @Test
    void theHostModuleIsTheSameObjectGivenToNewBuilder() {
        assertSame(host, runtime.module("toolbox"));
    }

    static String resource(String name) {
        try (InputStream in = AnnotatedHostModuleTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
