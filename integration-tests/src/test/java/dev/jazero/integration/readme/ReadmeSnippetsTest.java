package dev.jazero.integration.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's code is code the build compiles and runs: every Java, XML, Kotlin and text-format
 * block in it quotes, word for word, a tagged region of a file under {@code examples/}, whose
 * projects the build compiles and {@code ExamplesTest} runs. A snippet edited in README alone,
 * or a file changed without README, fails here.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```(java|xml|kotlin|wat)\\n(.*?)^```$", Pattern.DOTALL);
    /** The region markers, spelled so that these lines are none. */
    private static final Pattern BEGIN = Pattern.compile("tag" + "::(readme[\\w-]*)\\[\\]");
    private static final Pattern END = Pattern.compile("end" + "::(readme[\\w-]*)\\[\\]");

    @Test
    void everyCodeBlockQuotesAFileTheBuildRuns() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Map<String, String> regions = regions(ROOT.resolve("examples"));
        Matcher block = BLOCK.matcher(readme);
        int blocks = 0;
        List<String> unquoted = new ArrayList<>();
        while (block.find()) {
            blocks++;
            if (!regions.containsValue(block.group(2))) {
                int line = readme.substring(0, block.start()).split("\n", -1).length;
                unquoted.add("README.md:" + line + ": a ```" + block.group(1) + " block that no example holds:\n" + block.group(2));
            }
        }
        assertTrue(blocks >= 12, "README.md's code blocks: " + blocks);
        assertEquals(List.of(), unquoted);
    }

    @Test
    void everyRegionIsQuoted() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (Map.Entry<String, String> region : regions(ROOT.resolve("examples")).entrySet()) {
            assertTrue(readme.contains(region.getValue()), "README.md does not quote " + region.getKey());
        }
    }

    /** README's jrunscript command, with the CLI's runnable jar, which holds the script engine. */
    @Test
    void jrunscriptRunsATextModuleWithTheCliJar(@TempDir Path temp) throws IOException, InterruptedException {
        Path jar;
        try (Stream<Path> files = Files.list(ROOT.resolve("cli").resolve("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("jazero-cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("cli/target has no jazero-cli-*-all.jar: the build makes it first"));
        }
        Path jrunscript = Path.of(System.getProperty("java.home"), "bin", "jrunscript");
        assertTrue(Files.isExecutable(jrunscript), "this JDK has jrunscript: " + jrunscript);
        Path out = temp.resolve("out.txt");
        Process process = new ProcessBuilder(jrunscript.toString(), "-cp", jar.toString(), "-l", "wasm", "-f",
                ROOT.resolve("examples/script-engine/hello.wat").toString())
                .redirectOutput(out.toFile())
                .redirectError(temp.resolve("err.txt").toFile())
                .start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String err = Files.readString(temp.resolve("err.txt"));
        assertEquals(0, process.exitValue(), err);
        assertEquals("Hello from WebAssembly\n", Files.readString(out, StandardCharsets.UTF_8).replace("\r\n", "\n"), err);
    }

    /**
     * Every tagged region of the examples' sources, by file and tag: the lines between the
     * {@code tag::readme...[]} and {@code end::readme...[]} markers of one tag, every stretch of
     * it joined, their common indentation removed.
     */
    static Map<String, String> regions(Path examples) throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(examples)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> f.toString().matches(".*\\.(java|xml|kts|wat)"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            Map<String, StringBuilder> open = new LinkedHashMap<>();
            Map<String, StringBuilder> all = new LinkedHashMap<>();
            for (String line : Files.readString(file).split("\n", -1)) {
                Matcher begin = BEGIN.matcher(line);
                Matcher end = END.matcher(line);
                if (begin.find()) {
                    open.put(begin.group(1), all.computeIfAbsent(begin.group(1), t -> new StringBuilder()));
                } else if (end.find()) {
                    open.remove(end.group(1));
                } else {
                    for (StringBuilder region : open.values()) {
                        region.append(line).append('\n');
                    }
                }
            }
            all.forEach((tag, text) -> regions.put(file + "#" + tag, text.toString().stripTrailing().stripIndent() + "\n"));
        }
        return regions;
    }
}
