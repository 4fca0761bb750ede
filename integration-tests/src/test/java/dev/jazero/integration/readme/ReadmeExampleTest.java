package dev.jazero.integration.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

// tag::readme[]
import dev.jazero.Runtime;
import dev.jazero.api.Module;

// end::readme[]
/**
 * The README's host module example: {@link Greeter} and the code below are compiled by the build
 * (with jazero-processor generating {@code Greeter_HostModule}), run here, and quoted by README.md
 * word for word between the {@code tag::readme[]} markers.
 */
class ReadmeExampleTest {

    static void run() {
        // tag::readme[]
        String wat = """
            (module
              (import "greeter" "greet" (func $greet (param i32 i32)))
              (import "greeter" "greeting_count" (func $count (result i32)))
              (memory 1)
              (data (i32.const 0) "WebAssembly")
              (func (export "main") (result i32)
                (call $greet (i32.const 0) (i32.const 11))
                (call $count)))
            """;
        try (Runtime runtime = Runtime.create()) {
            Greeter_HostModule.newBuilder(runtime, new Greeter(System.out)).instantiate();
            Module guest = runtime.instantiate(runtime.compileModule(wat));
            long[] results = guest.exportedFunction("main").call();   // prints "Hello, WebAssembly!"
            System.out.println(results[0]);                            // prints 1
        }
        // end::readme[]
    }

    @Test
    void runs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run();
        } finally {
            System.setOut(stdout);
        }
        String n = System.lineSeparator();
        assertEquals("Hello, WebAssembly!" + n + "1" + n, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theEmbeddingExampleRuns() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.run(Path.of(".."));
        } finally {
            System.setOut(stdout);
        }
        assertEquals("3628800" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeQuotesIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String file : new String[] {"Greeter.java", "ReadmeExampleTest.java", "EmbeddingExample.java"}) {
            String source = Files.readString(Path.of("src", "test", "java", "dev", "jazero", "integration", "readme", file));
            for (String quoted : regions(source)) {
                assertTrue(readme.contains(quoted), "README.md does not quote this part of " + file + ":\n" + quoted);
            }
        }
    }

    /** The region markers, spelled so that these lines are none. */
    private static final String BEGIN = "// tag::" + "readme[]";
    private static final String END = "// end::" + "readme[]";

    /** Each text between a tag::readme[] and an end::readme[] line, without its common indentation. */
    static List<String> regions(String source) {
        List<String> regions = new ArrayList<>();
        StringBuilder region = null;
        for (String line : source.split("\n", -1)) {
            if (line.contains(BEGIN)) {
                region = new StringBuilder();
            } else if (line.contains(END)) {
                regions.add(region.toString().stripTrailing().stripIndent() + "\n");
                region = null;
            } else if (region != null) {
                region.append(line).append('\n');
            }
        }
        return regions;
    }
}
