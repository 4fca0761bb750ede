package dev.jazero.integration.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/module-path as a named module, built and run on the module path as a user would: with
 * the processor on the processor path, no {@code java.compiler} in the module graph, and the
 * script engine finding the host module through the service the module provides. Without the
 * {@code provides} line, the processor stops the build and gives the line.
 */
class ModulePathTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "module-path", "src", "main", "java");
    private static final Set<String> MODULES = Set.of("dev.jazero", "dev.jazero.annotations", "dev.jazero.wasi",
            "dev.jazero.jsr223", "org.objectweb.asm");
    private static final String PROVIDES =
            "provides dev.jazero.jsr223.HostModuleProvider with example.modular.Clock_HostModuleProvider;";

    @TempDir
    Path dir;

    /** The class path entries that are Jazero's modules and ASM. */
    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Set<String> names = ModuleFinder.of(Path.of(entry)).findAll().stream()
                    .map(ModuleReference::descriptor).map(ModuleDescriptor::name).collect(Collectors.toSet());
            if (names.size() == 1 && MODULES.containsAll(names)) {
                entries.add(entry);
            }
        }
        assertEquals(MODULES.size(), entries.size(), "Jazero's modules on the class path: " + entries);
        return String.join(File.pathSeparator, entries);
    }

    /** Compiles the example's sources, its module-info changed by {@code edit}; returns javac's code and output. */
    private String compile(Path out, java.util.function.UnaryOperator<String> edit, int[] code) throws IOException {
        Path src = dir.resolve("src");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(),
                "--module-path", modulePath(), "-processorpath", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path copy = src.resolve(EXAMPLE.relativize(f).toString());
                Files.createDirectories(copy.getParent());
                String text = Files.readString(f);
                Files.writeString(copy, f.endsWith("module-info.java") ? edit.apply(text) : text);
                args.add(copy.toString());
            }
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        code[0] = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheProvidesLineTheProcessorSaysWhichLineToAdd() throws IOException {
        int[] code = new int[1];
        String messages = compile(dir.resolve("out"), text -> {
            assertTrue(text.contains(PROVIDES), "the example provides the service");
            return text.replace(PROVIDES, "");
        }, code);
        assertNotEquals(0, code[0], messages);
        assertTrue(messages.contains("Clock.java"), messages);
        assertTrue(messages.contains("add to its module-info.java:"), messages);
        assertTrue(messages.lines().anyMatch(line -> line.strip().equals(PROVIDES)), messages);
    }

    @Test
    void theExampleBuildsAndRunsAsANamedModuleWithoutJavaCompiler() throws IOException, InterruptedException {
        Path out = dir.resolve("out");
        int[] code = new int[1];
        String messages = compile(out, text -> text, code);
        assertEquals(0, code[0], messages);

        Path output = dir.resolve("output.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // --limit-modules: only what the module graph needs, so java.compiler is not there to be read.
        Process process = new ProcessBuilder(java.toString(),
                "--module-path", modulePath() + File.pathSeparator + out,
                "--limit-modules", "example.modular", "-m", "example.modular/example.modular.Main")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), printed);
        assertEquals("the guest says it is 10 o'clock\nin module example.modular\n",
                printed.replace(System.lineSeparator(), "\n"));
    }
}
