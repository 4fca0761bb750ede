package dev.jazero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top level of the command line: commands, help, version, and usage errors. */
class MainTest {

    private record Result(int code, String out, String err) {
    }

    private static Result jazero(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void usageError(String where, String... args) {
        Result r = jazero(args);
        List<String> lines = r.err().lines().toList();
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r);
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("jazero: "), r.err());
        assertEquals("see '" + where + " --help'", lines.get(1));
        assertEquals("", r.out());
    }

    @Test
    void theVersionAtTheTopAndInEveryCommand() {
        String version = "jazero " + Version.get() + "\n";
        for (String[] args : new String[][] {{"-V"}, {"--version"}, {"version"}, {"run", "--version"}, {"wast", "-V"}}) {
            Result r = jazero(args);
            assertEquals(0, r.code(), r.toString());
            assertEquals(version, r.out());
        }
    }

    @Test
    void helpAtTheTopListsTheCommands() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"-hV"}, {"help"}}) {
            Result r = jazero(args);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("Usage: jazero [-hV] COMMAND [ARGS...]\n"), r.out());
            for (String command : new String[] {"run", "wast", "compile", "version"}) {
                assertTrue(r.out().contains("\n  " + command + " "), command + " in\n" + r.out());
            }
        }
    }

    /** A module that imports WASI and exports no _start (a reactor) is not silently run as a program. */
    @Test
    void aWasiReactorIsNotRunAsAProgram(@TempDir Path dir) throws IOException {
        Path reactor = Files.writeString(dir.resolve("reactor.wat"), """
                (module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
                  (func (export "_initialize")) (func (export "work")))
                """);
        Result r = jazero("run", reactor.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("no exported function \"_start\"") && r.err().contains("work"), r.err());
        assertEquals(0, jazero("run", "--invoke", "work", reactor.toString()).code());
    }

    @Test
    void usageErrorsAtEveryLevel() {
        usageError("jazero", "--");
        usageError("jazero", "--no-such-option");
        usageError("jazero", "help", "nosuch");
        usageError("jazero", "nosuch");
        usageError("jazero run", "run", "--wasm", "2.0", "--wasm", "3.0", "x.wasm");
        usageError("jazero run", "run", "--invoke");
        usageError("jazero compile", "compile", "a.wasm", "b.wasm");
        usageError("jazero version", "version", "extra");
        usageError("jazero wast", "wast", "--max-memory", "lots", "missing.wast");
    }
}
