package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.ValueType;
import dev.jazero.experimental.FunctionListener;
import dev.jazero.experimental.HostLogging;
import dev.jazero.experimental.StackIterator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Function listeners hear the same calls, in the same order, in both tiers. */
class FunctionListenerTest {

    private static final String GUEST = """
            (module $g
              (import "env" "log" (func $log (param i32)))
              (func $helper (param i32) (result i32 i64)
                (call $log (local.get 0))
                (i32.add (local.get 0) (i32.const 1)) (i64.const -1))
              (func (export "main") (param i32) (result i32)
                (drop (call $helper (local.get 0))))
              (func $div (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
              (func (export "fails") (result i32) (call $div (i32.const 0))))
            """;

    private static List<String> events(RuntimeConfig tier) {
        List<String> events = new ArrayList<>();
        RuntimeConfig config = tier.withFunctionListenerFactory(definition -> new FunctionListener() {
            @Override
            public void before(Module module, FunctionDefinition d, long[] params, StackIterator stack) {
                List<String> frames = new ArrayList<>();
                while (stack.next()) {
                    frames.add(stack.function().debugName());
                }
                events.add("before " + d.debugName() + Arrays.toString(params) + " stack " + frames);
            }

            @Override
            public void after(Module module, FunctionDefinition d, long[] results) {
                events.add("after " + d.debugName() + Arrays.toString(results));
            }

            @Override
            public void abort(Module module, FunctionDefinition d, Throwable cause) {
                events.add("abort " + d.debugName() + " " + ((TrapException) cause).trapKind());
            }
        });
        try (Runtime runtime = Runtime.create(config)) {
            runtime.newHostModuleBuilder("env").newFunctionBuilder()
                    .withStackFunction(stack -> { }, List.of(ValueType.I32), List.of()).export("log").instantiate();
            Module m = runtime.instantiate(runtime.compileModule(GUEST));
            assertEquals(0xFFFF_FFFFL, m.exportedFunction("main").call(0xFFFF_FFFEL)[0]);
            assertThrows(TrapException.class, () -> m.exportedFunction("fails").call());
        }
        return events;
    }

    @Test
    void bothTiersReportTheSameCalls() {
        List<String> interpreted = events(RuntimeConfig.interpreter());
        assertEquals(List.of(
                "before g.main[4294967294] stack [g.main]",
                "before g.helper[4294967294] stack [g.helper, g.main]",
                "before env.log[4294967294] stack [env.log, g.helper, g.main]",
                "after env.log[]",
                "after g.helper[4294967295, -1]",
                "after g.main[4294967295]",
                "before g.fails[] stack [g.fails]",
                "before g.div[0] stack [g.div, g.fails]",
                "abort g.div INTEGER_DIVIDE_BY_ZERO",
                "abort g.fails INTEGER_DIVIDE_BY_ZERO"), interpreted);
        assertEquals(interpreted, events(RuntimeConfig.compiler()));
    }

    @Test
    void hostLoggingLogsHostCallsOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withFunctionListenerFactory(HostLogging.factory(out)))) {
            runtime.newHostModuleBuilder("env").newFunctionBuilder()
                    .withStackFunction(stack -> { }, List.of(ValueType.I32), List.of()).export("log").instantiate();
            Module m = runtime.instantiate(runtime.compileModule(GUEST));
            m.exportedFunction("main").call(5);
        }
        assertEquals("==> env.log(5)\n<== ()\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
