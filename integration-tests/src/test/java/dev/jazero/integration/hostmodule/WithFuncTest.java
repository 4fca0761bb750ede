package dev.jazero.integration.hostmodule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.HostFunctionBuilder;
import dev.jazero.Runtime;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.HostFunction;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.internal.hostfunc.HostTypes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HostFunctionBuilder.withFunc}: Java lambdas and method references as host functions,
 * their signature derived from their Java types, called from Wasm code.
 */
class WithFuncTest {

    interface Negate {
        float negate(float x);
    }

    interface Parity {
        boolean isOdd(int x);
    }

    interface Fill {
        void fill(Memory memory, int ptr, int len, int value);
    }

    interface Reenter {
        int callSquare(Module caller, int x);
    }

    public record MinMax(int min, int max) {
    }

    interface Bounds {
        MinMax bounds(int a, int b);
    }

    interface Fails {
        long fail(long x);
    }

    interface Tick {
        void tick();
    }

    private final Runtime runtime = Runtime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void everyShapeFromWasm() {
        AtomicInteger ticks = new AtomicInteger();
        Module host = runtime.newHostModuleBuilder("fn")
                .newFunctionBuilder().withFunc(IntBinaryOperator.class, Math::max).export("max")
                .newFunctionBuilder().withFunc(LongUnaryOperator.class, x -> x * 3).export("triple")
                .newFunctionBuilder().withFunc(Negate.class, x -> -x).export("negate")
                .newFunctionBuilder().withFunc(DoubleBinaryOperator.class, Math::pow).export("pow")
                .newFunctionBuilder().withFunc(Parity.class, x -> (x & 1) != 0).export("is_odd")
                .newFunctionBuilder().withFunc(Tick.class, ticks::incrementAndGet).export("tick")
                .newFunctionBuilder().withFunc(Fill.class, (memory, ptr, len, value) -> {
                    for (int i = 0; i < len; i++) {
                        memory.writeByte(Integer.toUnsignedLong(ptr + i), (byte) value);
                    }
                }).export("fill")
                .newFunctionBuilder().withFunc(Reenter.class,
                        (caller, x) -> (int) caller.exportedFunction("square").call(x)[0]).export("call_square")
                .newFunctionBuilder().withFunc(Bounds.class, (a, b) -> new MinMax(Math.min(a, b), Math.max(a, b)))
                        .export("bounds")
                .instantiate();
        Module guest = runtime.instantiate(runtime.compileModule("""
                (module
                  (import "fn" "max" (func $max (param i32 i32) (result i32)))
                  (import "fn" "triple" (func $triple (param i64) (result i64)))
                  (import "fn" "negate" (func $negate (param f32) (result f32)))
                  (import "fn" "pow" (func $pow (param f64 f64) (result f64)))
                  (import "fn" "is_odd" (func $is_odd (param i32) (result i32)))
                  (import "fn" "tick" (func $tick))
                  (import "fn" "fill" (func $fill (param i32 i32 i32)))
                  (import "fn" "call_square" (func $call_square (param i32) (result i32)))
                  (import "fn" "bounds" (func $bounds (param i32 i32) (result i32 i32)))
                  (memory 1)
                  (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
                  (func (export "max") (param i32 i32) (result i32) (call $max (local.get 0) (local.get 1)))
                  (func (export "triple") (param i64) (result i64) (call $triple (local.get 0)))
                  (func (export "negate") (param f32) (result f32) (call $negate (local.get 0)))
                  (func (export "pow") (param f64 f64) (result f64) (call $pow (local.get 0) (local.get 1)))
                  (func (export "is_odd") (param i32) (result i32) (call $is_odd (local.get 0)))
                  (func (export "tick") (call $tick))
                  (func (export "fill") (result i32)
                    (call $fill (i32.const 8) (i32.const 4) (i32.const 0x5a))
                    (i32.load (i32.const 8)))
                  (func (export "reenter") (param i32) (result i32) (call $call_square (local.get 0)))
                  (func (export "bounds") (param i32 i32) (result i32 i32) (call $bounds (local.get 0) (local.get 1))))
                """));
        assertArrayEquals(new long[] {7}, guest.exportedFunction("max").call(-3 & 0xFFFF_FFFFL, 7));
        assertArrayEquals(new long[] {0xFFFF_FFFDL}, host.exportedFunction("max").call(-3 & 0xFFFF_FFFFL, -5 & 0xFFFF_FFFFL));
        assertArrayEquals(new long[] {-30}, guest.exportedFunction("triple").call(-10));
        assertArrayEquals(new long[] {ValueType.encodeF32(-1.5f)}, guest.exportedFunction("negate").call(ValueType.encodeF32(1.5f)));
        assertArrayEquals(new long[] {ValueType.encodeF64(1024)},
                guest.exportedFunction("pow").call(ValueType.encodeF64(2), ValueType.encodeF64(10)));
        assertArrayEquals(new long[] {1}, guest.exportedFunction("is_odd").call(7));
        assertArrayEquals(new long[] {0}, guest.exportedFunction("is_odd").call(8));
        guest.exportedFunction("tick").call();
        assertEquals(1, ticks.get());
        assertArrayEquals(new long[] {0x5a5a5a5aL}, guest.exportedFunction("fill").call());
        assertArrayEquals(new long[] {81}, guest.exportedFunction("reenter").call(9));
        assertArrayEquals(new long[] {2, 5}, guest.exportedFunction("bounds").call(5, 2));

        Map<String, FunctionDefinition> defs = host.exportedFunctionDefinitions();
        assertEquals(List.of(ValueType.I32, ValueType.I32, ValueType.I32), defs.get("fill").paramTypes());
        assertEquals(List.of(ValueType.I32), defs.get("call_square").paramTypes());
        assertEquals(List.of(ValueType.I32, ValueType.I32), defs.get("bounds").resultTypes());
        assertEquals(List.of("min", "max"), defs.get("bounds").resultNames());
        assertEquals(0, defs.get("max").index());
        assertEquals(8, defs.get("bounds").index());
    }

    @Test
    void aMethodHandle() throws ReflectiveOperationException {
        MethodHandle addExact = MethodHandles.lookup().findStatic(Math.class, "addExact",
                MethodType.methodType(long.class, long.class, long.class));
        Module host = runtime.newHostModuleBuilder("fn")
                .newFunctionBuilder().withFunc(addExact).withParameterNames("a", "b").export("add")
                .instantiate();
        assertArrayEquals(new long[] {5}, host.exportedFunction("add").call(2, 3));
        assertEquals(List.of("a", "b"), host.exportedFunctionDefinitions().get("add").paramNames());
        TrapException overflow = assertThrows(TrapException.class,
                () -> host.exportedFunction("add").call(Long.MAX_VALUE, 1));
        assertInstanceOf(ArithmeticException.class, overflow.getCause());
    }

    @Test
    void aThrowingFunctionTrapsWithTheJavaCause() {
        runtime.newHostModuleBuilder("fn")
                .newFunctionBuilder().withFunc(Fails.class, x -> {
                    throw new UnsupportedOperationException("no " + x);
                }).export("fail")
                .instantiate();
        Module guest = runtime.instantiate(runtime.compileModule("""
                (module (import "fn" "fail" (func $f (param i64) (result i64)))
                  (func (export "f") (result i64) (call $f (i64.const 3))))
                """));
        TrapException trap = assertThrows(TrapException.class, () -> guest.exportedFunction("f").call());
        assertEquals(TrapKind.HOST_FUNCTION_FAILED, trap.trapKind());
        assertEquals("no 3", assertInstanceOf(UnsupportedOperationException.class, trap.getCause()).getMessage());
    }

    @Test
    void theAdapterDoesNotAllocate() {
        Module host = runtime.newHostModuleBuilder("fn")
                .newFunctionBuilder().withFunc(IntBinaryOperator.class, Math::max).export("max")
                .newFunctionBuilder().withFunc(DoubleBinaryOperator.class, Math::min).export("min")
                .instantiate();
        for (String name : List.of("max", "min")) {
            HostFunction fn = (HostFunction) host.exportedFunctionDefinitions().get(name).hostFunction();
            long[] stack = new long[2];
            long allocated = AnnotatedHostModuleTest.allocatedBytes(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    stack[0] = i;
                    stack[1] = 5;
                    fn.call(host, stack);
                }
            });
            assertTrue(allocated < 16_384, name + " allocated " + allocated + " bytes in a million calls");
        }
    }

    // ---- the same rules and messages as the annotation processor ----

    private HostFunctionBuilder fn() {
        return runtime.newHostModuleBuilder("fn").newFunctionBuilder();
    }

    interface TakesString {
        int length(String s);
    }

    interface ReturnsObject {
        Object get();
    }

    public record Named(int id, String name) {
    }

    interface ReturnsNamed {
        Named get();
    }

    public record Empty() {
    }

    interface ReturnsEmpty {
        Empty get();
    }

    interface Throws {
        int read(int fd) throws java.io.IOException;
    }

    interface TwoMethods {
        int a(int x);

        int b(int x);
    }

    @Test
    void unsupportedTypesAreRejectedWithTheProcessorsMessages() {
        assertEquals("withFunc(dev.jazero.integration.hostmodule.WithFuncTest.TakesString.length): "
                + HostTypes.unsupportedParameter("java.lang.String"),
                assertThrows(IllegalArgumentException.class, () -> fn().withFunc(TakesString.class, String::length))
                        .getMessage());
        // Object is an externref: accepted, as by the processor.
        fn().withFunc(Function.class, x -> x);
        fn().withFunc(ReturnsObject.class, Object::new);
        assertEquals("withFunc(dev.jazero.integration.hostmodule.WithFuncTest.ReturnsNamed.get): "
                + HostTypes.unsupportedRecordComponent("dev.jazero.integration.hostmodule.WithFuncTest.Named", "name",
                        "java.lang.String"),
                assertThrows(IllegalArgumentException.class,
                        () -> fn().withFunc(ReturnsNamed.class, () -> new Named(1, "x"))).getMessage());
        assertEquals("withFunc(dev.jazero.integration.hostmodule.WithFuncTest.ReturnsEmpty.get): "
                + HostTypes.emptyRecord("dev.jazero.integration.hostmodule.WithFuncTest.Empty"),
                assertThrows(IllegalArgumentException.class, () -> fn().withFunc(ReturnsEmpty.class, Empty::new))
                        .getMessage());
        assertEquals("withFunc(dev.jazero.integration.hostmodule.WithFuncTest.Throws.read): "
                + HostTypes.checkedException("java.io.IOException"),
                assertThrows(IllegalArgumentException.class, () -> fn().withFunc(Throws.class, fd -> 0)).getMessage());
        assertEquals("withFunc(MethodHandle(int[])void): " + HostTypes.unsupportedParameter("int[]"),
                assertThrows(IllegalArgumentException.class, () -> fn().withFunc(
                        MethodHandles.empty(MethodType.methodType(void.class, int[].class)))).getMessage());
    }

    @Test
    void onlyFunctionalInterfaces() {
        assertThrows(NullPointerException.class, () -> fn().withFunc(IntBinaryOperator.class, null));
        TwoMethods both = new TwoMethods() {
            @Override
            public int a(int x) {
                return x;
            }

            @Override
            public int b(int x) {
                return x;
            }
        };
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fn().withFunc(TwoMethods.class, both))
                .getMessage().contains("is not a functional interface"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fn().withFunc(Object.class, new Object()))
                .getMessage().contains("is not an interface"));
    }
}
