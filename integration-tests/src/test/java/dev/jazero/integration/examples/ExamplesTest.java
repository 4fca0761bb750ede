package dev.jazero.integration.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every project under {@code examples/} as its {@code mvn exec:java} would: its main class
 * (from its pom), in a JVM of its own, in its directory, and compares what it prints with its
 * {@code expected-output.txt}. The examples are built by the same build, before this module.
 */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    private static final Pattern MAIN_CLASS = Pattern.compile("<mainClass>([\\w.]+)</mainClass>");

    static Stream<String> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            return dirs.filter(d -> Files.exists(d.resolve("pom.xml")) && Files.exists(d.resolve("expected-output.txt")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void everyExampleIsBuiltAndRun() throws IOException {
        String aggregator = Files.readString(EXAMPLES.resolve("pom.xml"));
        List<String> examples = examples().toList();
        assertTrue(examples.size() >= 4, examples.toString());
        for (String example : examples) {
            assertTrue(aggregator.contains("<module>" + example + "</module>"), "examples/pom.xml builds " + example);
            assertTrue(Files.readString(Path.of("pom.xml")).contains("<artifactId>" + example + "</artifactId>"),
                    "integration-tests depends on " + example + ", so that the build makes it first");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void printsWhatItsExpectedOutputSays(String example, @TempDir Path temp) throws IOException, InterruptedException {
        Path dir = EXAMPLES.resolve(example);
        Path out = temp.resolve("output.txt");
        Matcher main = MAIN_CLASS.matcher(Files.readString(dir.resolve("pom.xml")));
        assertTrue(main.find(), example + "/pom.xml names its main class for exec:java");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), main.group(1))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(!process.isAlive(), example + " ended within 2 minutes; it printed:\n" + printed);
        assertEquals(0, process.exitValue(), example + " printed:\n" + printed);
        assertEquals(Files.readString(dir.resolve("expected-output.txt")), printed.replace(System.lineSeparator(), "\n"));
    }
}
