package dev.jazero.integration.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

// tag::readme[]
import dev.jazero.api.Global;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;

// end::readme[]
/**
 * The README's javax.script example: compiled by the build, run here, and quoted by README.md word
 * for word between the {@code tag::readme[]} markers. {@link Greeter} is the README's host module
 * class; with jazero-jsr223 on the class path, jazero-processor also generates
 * {@code Greeter_HostModuleProvider}, through which the engine finds its host module.
 */
class ScriptEngineReadmeTest {

    static void run() throws Exception {
        // tag::readme[]
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");
        engine.put("greeter", new Greeter(System.out));   // a @HostModule object: the module "greeter"
        engine.eval("""
            (module
              (import "greeter" "greet" (func $greet (param i32 i32)))
              (memory 1)
              (data (i32.const 0) "JSR-223")
              (global (export "answer") i32 (i32.const 42))
              (func $main (call $greet (i32.const 0) (i32.const 7)))
              (start $main)
              (func $fac (export "fac") (param $n i64) (result i64)
                (if (result i64) (i64.le_s (local.get $n) (i64.const 1))
                  (then (i64.const 1))
                  (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))
            """);                                              // prints "Hello, JSR-223!"
        Invocable invocable = (Invocable) engine;
        System.out.println(invocable.invokeFunction("fac", 20L)); // prints 2432902008176640000
        Global answer = (Global) engine.get("answer");            // exports are in the bindings
        System.out.println(answer.get());                         // prints 42
        // end::readme[]
    }

    @Test
    void runs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run();
        } finally {
            System.setOut(out);
        }
        String n = System.lineSeparator();
        assertEquals("Hello, JSR-223!" + n + "2432902008176640000" + n + "42" + n, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeQuotesIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src", "test", "java", "dev", "jazero", "integration", "readme",
                "ScriptEngineReadmeTest.java"));
        for (String quoted : ReadmeExampleTest.regions(source)) {
            assertTrue(readme.contains(quoted), "README.md does not quote this part of ScriptEngineReadmeTest.java:\n" + quoted);
        }
    }
}
