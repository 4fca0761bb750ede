package dev.jazero.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources for inputs under {@code src/test/resources/input}, against golden files,
 * compiled lint-clean together with their input.
 */
class GeneratedSourcesTest {

    /** What a generated source must never contain: it runs on every host call, reflection-free. */
    private static final Pattern REFLECTION = Pattern.compile(
            "java\\.lang\\.reflect|java\\.lang\\.invoke|\\bgetClass\\(|Class\\.forName|\\.getMethod|\\.getDeclared"
                    + "|\\.invoke\\(|MethodHandle|setAccessible");

    @ParameterizedTest
    @ValueSource(strings = {"com/example/Shapes", "com/example/Outer", "com/example/Clock", "com/example/Registry"})
    void generatesTheGoldenSource(String input) {
        Compilation compilation = compile(JavaFileObjects.forResource("input/" + input + ".java"));
        assertThat(compilation).succeededWithoutWarnings();
        List<JavaFileObject> generated = compilation.generatedSourceFiles();
        assertEquals(1, generated.size(), generated::toString);
        String name = input.substring(0, input.lastIndexOf('/') + 1)
                + (input.endsWith("Outer") ? "Outer_Inner" : input.substring(input.lastIndexOf('/') + 1))
                + "_HostModule.java";
        String source = contents(generated.get(0));
        Golden.assertMatches(name, source);
        assertTrue(source.contains("@Generated(\"dev.jazero.processor.HostModuleProcessor\")"), source);
        assertFalse(REFLECTION.matcher(source).find(), "generated code uses reflection:\n" + source);
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new HostModuleProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
    }

    static String contents(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
