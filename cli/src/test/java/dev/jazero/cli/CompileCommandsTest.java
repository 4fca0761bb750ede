package dev.jazero.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compile commands that the {@code jazero} launcher gives the JVM
 * ({@code src/main/jvm/compile-commands.txt}): the JVM takes them without a word, every class of
 * the engine they name exists, so that a renamed class cannot quietly fall out of them, and none
 * of them is code that runs with the guest.
 */
class CompileCommandsTest {

    private static final Path FILE = Path.of("src/main/jvm/compile-commands.txt");

    /**
     * Packages and classes whose code runs with the guest, C2's to compile: besides these, every
     * class whose members generated code names ({@link #calledByGeneratedCode}).
     */
    private static final List<String> GUEST_CODE = List.of("dev/jazero/internal/runtime/",
            "dev/jazero/internal/interpreter/", "dev/jazero/internal/semantics/", "dev/jazero/internal/ir/",
            "dev/jazero/wasi/", "dev/jazero/internal/compiler/CompiledClasses", "dev/jazero/internal/compiler/Linker");

    /**
     * The classes (internal names) whose methods and fields generated code uses: the owners of
     * the engine's table of them, {@code JavaMembers}, read by reflection.
     */
    private static Set<String> calledByGeneratedCode() throws ReflectiveOperationException {
        Set<String> owners = new TreeSet<>();
        Class<?> table = Class.forName("dev.jazero.internal.compiler.JavaMembers");
        for (Field field : table.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType().isRecord()) {
                field.setAccessible(true);
                Object member = field.get(null);
                Method owner = member.getClass().getDeclaredMethod("owner");
                owner.setAccessible(true);
                owners.add((String) owner.invoke(member));
            }
        }
        return owners;
    }

    private static List<String> commands() throws IOException {
        return Files.readAllLines(FILE).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Test
    void theJvmTakesThemSilently() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:CompileCommandFile=" + FILE.toAbsolutePath(), "-version")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version did not end");
        assertEquals(0, p.exitValue());
        // HotSpot reports a command it cannot parse on standard output, and goes on.
        assertEquals("", out);
    }

    @Test
    void everyEngineClassTheyNameExistsAndRunsOnlyWhileGenerating() throws Exception {
        Set<String> guestCode = new TreeSet<>(GUEST_CODE);
        Set<String> called = calledByGeneratedCode();
        assertTrue(called.contains("dev/jazero/internal/runtime/MemoryInstance"), called.toString());
        guestCode.addAll(called);
        List<String> commands = commands();
        assertEquals("quiet", commands.get(0), "the first command keeps the JVM from echoing the others");
        for (String command : commands.subList(1, commands.size())) {
            String[] parts = command.split(",");
            assertEquals(3, parts.length, command);
            assertEquals("MaxNodeLimit", parts[0], command);
            String pattern = parts[1];
            assertTrue(pattern.endsWith("*.*"), "every method of the classes: " + command);
            String prefix = pattern.substring(0, pattern.length() - "*.*".length());
            for (String guest : guestCode) {
                assertFalse(prefix.startsWith(guest) || guest.startsWith(prefix), "code that runs with the guest: " + command);
            }
            if (!prefix.startsWith("dev/jazero/")) {
                continue;
            }
            if (prefix.endsWith("/")) {
                assertNotNull(CompileCommandsTest.class.getClassLoader().getResource(prefix), "no package " + prefix);
            } else {
                try {
                    Class.forName(prefix.replace('/', '.'), false, CompileCommandsTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("no class " + prefix + " for " + command, e);
                }
            }
        }
    }
}
