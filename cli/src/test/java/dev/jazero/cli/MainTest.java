package dev.jazero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

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
