package dev.jazero.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.api.ValueType;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;

/** WASI wired to the ScriptContext: streams, arguments, exit code. */
class WasiTest {

    static final String COMMAND = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 100) "h\\c3\\a9llo\\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 100))
                (i32.store (i32.const 4) (i32.const 7))
                (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                (i32.store (i32.const 16) (i32.const 200))
                (i32.store (i32.const 20) (i32.const 64))
                (drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
                (i32.store (i32.const 32) (i32.const 200))
                (i32.store (i32.const 36) (i32.load (i32.const 24)))
                (drop (call $fd_write (i32.const 2) (i32.const 32) (i32.const 1) (i32.const 8)))
                (drop (call $args_sizes_get (i32.const 40) (i32.const 44)))
                (call $proc_exit (i32.load (i32.const 40)))))
            """;

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");

    @Test
    void aWasiCommandUsesTheContextAndAnswersItsExitCode() throws Exception {
        ScriptContext ctx = new SimpleScriptContext();
        ctx.setBindings(engine.createBindings(), ScriptContext.ENGINE_SCOPE);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ctx.setWriter(out);
        ctx.setErrorWriter(err);
        ctx.setReader(new StringReader("input \u00fc"));
        ctx.setAttribute(ScriptEngine.ARGV, new String[] {"a", "b"}, ScriptContext.ENGINE_SCOPE);
        assertEquals(3, engine.eval(COMMAND, ctx));   // the program name and two arguments
        assertEquals("h\u00e9llo\n", out.toString());
        assertEquals("input \u00fc", err.toString());
    }

    @Test
    void compiledOnceEachEvaluationHasItsOwnStreams() throws Exception {
        WasmCompiledScript script = ((WasmScriptEngine) engine).compile(COMMAND);
        for (int i = 0; i < 3; i++) {
            ScriptContext ctx = new SimpleScriptContext();
            StringWriter out = new StringWriter();
            ctx.setWriter(out);
            ctx.setErrorWriter(new StringWriter());
            ctx.setReader(new StringReader(""));
            assertEquals(1, script.eval(ctx));
            assertEquals("h\u00e9llo\n", out.toString());
        }
    }

    @Test
    void aBoundWasiModuleWins() throws Exception {
        engine.put("exit", WasmHostModule.of("wasi_snapshot_preview1", b -> {
            for (String name : List.of("fd_write", "fd_read")) {
                b.newFunctionBuilder().withStackFunction(stack -> stack[0] = 0,
                        List.of(ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32), List.of(ValueType.I32))
                        .export(name);
            }
            b.newFunctionBuilder().withStackFunction(stack -> stack[0] = 0, List.of(ValueType.I32, ValueType.I32),
                    List.of(ValueType.I32)).export("args_sizes_get");
            b.newFunctionBuilder().withStackFunction(stack -> {
                throw new dev.jazero.sys.ExitException(7);
            }, List.of(ValueType.I32), List.of()).export("proc_exit");
        }));
        assertEquals(7, engine.eval(COMMAND));
    }
}
