package dev.jazero.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * With jazero-jsr223's {@code HostModuleProvider} on the class path (here a copy of its source),
 * the processor also writes {@code Foo_HostModuleProvider} and lists it in
 * {@code META-INF/services}; without it, nothing more than {@code Foo_HostModule}.
 */
class ProviderTest {

    private static final Pattern REFLECTION = Pattern.compile(
            "java\\.lang\\.reflect|java\\.lang\\.invoke|\\bgetClass\\(|Class\\.forName|\\.getMethod|\\.getDeclared"
                    + "|\\.invoke\\(|MethodHandle|setAccessible");

    private static final JavaFileObject SPI = JavaFileObjects.forSourceString("dev.jazero.jsr223.HostModuleProvider", """
            package dev.jazero.jsr223;
            public interface HostModuleProvider {
                Class<?> hostClass();
                String moduleName();
                void exportFunctions(dev.jazero.HostModuleBuilder builder, Object host);
            }
            """);

    private static final JavaFileObject HOST = JavaFileObjects.forSourceString("com.example.Adder", """
            package com.example;
            import dev.jazero.annotations.HostModule;
            import dev.jazero.annotations.WasmExport;
            @HostModule("math")
            public class Adder<T> {
                @WasmExport
                public int add(int a, int b) { return a + b; }
            }
            """);

    private static final JavaFileObject NESTED = JavaFileObjects.forSourceString("com.example.Outer", """
            package com.example;
            import dev.jazero.annotations.HostModule;
            import dev.jazero.annotations.WasmExport;
            class Outer {
                @HostModule("inner")
                static class Inner {
                    @WasmExport
                    public void tick() { }
                }
            }
            """);

    @Test
    void writesProvidersAndTheServiceFile() throws IOException {
        Compilation compilation = GeneratedSourcesTest.compile(SPI, HOST, NESTED);
        assertThat(compilation).succeededWithoutWarnings();
        List<String> names = compilation.generatedSourceFiles().stream().map(JavaFileObject::getName).sorted().toList();
        assertEquals(4, names.size(), names::toString);
        String provider = GeneratedSourcesTest.contents(compilation.generatedSourceFile("com.example.Adder_HostModuleProvider")
                .orElseThrow());
        assertTrue(provider.contains("public final class Adder_HostModuleProvider implements HostModuleProvider"), provider);
        assertTrue(provider.contains("return Adder.class;"), provider);
        assertTrue(provider.contains("return Adder_HostModule.MODULE_NAME;"), provider);
        assertTrue(provider.contains("Adder_HostModule.exportFunctions(builder, (Adder<?>) host);"), provider);
        assertTrue(provider.contains("@Generated(\"dev.jazero.processor.HostModuleProcessor\")"), provider);
        assertFalse(REFLECTION.matcher(provider).find(), provider);
        assertTrue(compilation.generatedSourceFile("com.example.Outer_Inner_HostModuleProvider").isPresent());
        String services = GeneratedSourcesTest.contents(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/services/dev.jazero.jsr223.HostModuleProvider").orElseThrow());
        assertEquals("com.example.Adder_HostModuleProvider\ncom.example.Outer_Inner_HostModuleProvider\n", services);
    }

    @Test
    void nothingMoreWithoutTheScriptEngine() {
        Compilation compilation = GeneratedSourcesTest.compile(HOST);
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(1, compilation.generatedSourceFiles().size());
        assertFalse(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
                "META-INF/services/dev.jazero.jsr223.HostModuleProvider").isPresent());
    }
}
