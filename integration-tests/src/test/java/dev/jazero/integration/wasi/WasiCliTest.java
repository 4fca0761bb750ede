package dev.jazero.integration.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jazero run} of a WASI program: arguments, --env, --dir, clocks and the exit code. */
class WasiCliTest {

    static final String HELLO = Path.of("..", "examples", "hello.wasm").toString();

    Path temp;

    @BeforeEach
    void setUp() throws IOException {
        temp = Files.createTempDirectory("jazero-wasi-cli-");
        Files.writeString(temp.resolve("a.txt"), "some text\n");
    }

    @AfterEach
    void tearDown() throws IOException {
        WasiRun.deleteTree(temp);
    }

    record Result(int code, String out, String err) {
    }

    static Result jazero(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runsTheReadmeCommand() {
        Result r = jazero("run", HELLO, "World");
        assertEquals(new Result(0, "Hello, World!\n", ""), r);
        assertEquals("Hello, WebAssembly!\n", jazero("run", "--compiler", HELLO).out());
        assertEquals("Hello, WebAssembly!\n", jazero("run", "--interpreter", HELLO).out());
    }

    @Test
    void environmentAndExitCode() {
        assertEquals("Hello, Jazero!\n", jazero("run", "--env", "NAME=Jazero", HELLO).out());
        Result usage = jazero("run", HELLO, "too", "many", "args");
        assertEquals(64, usage.code());
        assertTrue(usage.err().startsWith("usage: hello"), usage.err());
        assertEquals(2, jazero("run", "--env", "NOEQUALS", HELLO).code());
    }

    @Test
    void mounts() throws IOException {
        String dir = temp.toString();
        assertEquals("a.txt\n", jazero("run", "--dir", dir + ":/data", HELLO, "ls", "/data").out());
        assertEquals("a.txt\n", jazero("run", "--dir", dir + ":/data:ro", HELLO, "ls", "/data").out());
        Result copy = jazero("run", "--dir", dir + ":/data", HELLO, "cp", "/data/a.txt", "/data/b.txt");
        assertEquals(new Result(0, "copied 10 bytes\n", ""), copy);
        assertEquals("some text\n", Files.readString(temp.resolve("b.txt")));
        Result readOnly = jazero("run", "--dir", dir + ":/data:ro", HELLO, "cp", "/data/a.txt", "/data/c.txt");
        assertEquals(2, readOnly.code());
        assertTrue(readOnly.err().contains("Read-only file system"), readOnly.err());
        assertTrue(Files.notExists(temp.resolve("c.txt")));
        // Without a mount the guest sees no file system.
        assertEquals(2, jazero("run", HELLO, "ls", "/").code());
        // HOST alone mounts at the same path.
        assertEquals("a.txt\nb.txt\n", jazero("run", "--dir", dir, HELLO, "ls", dir).out());
    }

    @Test
    void realClocks() {
        assertEquals(0, jazero("run", "--sys-clocks", HELLO).code());
        assertEquals(0, jazero("run", "--sys-walltime", "--sys-nanotime", HELLO).code());
    }
}
