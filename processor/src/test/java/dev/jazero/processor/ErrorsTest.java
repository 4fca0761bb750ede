package dev.jazero.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jazero.processor.GeneratedSourcesTest.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jazero.internal.hostfunc.HostTypes;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every compile error the processor reports, each on the offending element's line. Each source
 * marks the line where the error belongs with {@code // <-}.
 */
class ErrorsTest {

    private static final String IMPORTS = """
            package test;

            import dev.jazero.annotations.CString;
            import dev.jazero.annotations.HostModule;
            import dev.jazero.annotations.PtrLen;
            import dev.jazero.annotations.WasmExport;
            import dev.jazero.api.Memory;
            import dev.jazero.api.Module;

            """;

    /** Compiles {@code body} and expects exactly one error, {@code message}, on the line marked {@code // <-}. */
    private static void assertError(String message, String body) {
        JavaFileObject source = source(body);
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining("// <-");
    }

    private static JavaFileObject source(String body) {
        String name = body.replaceAll("(?s).*?(?:class|interface|@interface) (\\w+).*", "$1");
        return JavaFileObjects.forSourceString("test." + name, IMPORTS + body);
    }

    @Test
    void blankModuleName() {
        assertError(Messages.blankModuleName(), """
                @HostModule(" ") // <-
                public class Blank {
                }
                """);
    }

    @Test
    void missingModuleNameIsJavacsOwnError() {
        assertError("missing a default value for the element 'value'", """
                @HostModule // <-
                public class Missing {
                }
                """);
    }

    @Test
    void annotationType() {
        assertError(Messages.annotationType(), """
                @HostModule("env")
                public @interface Annotated { // <-
                }
                """);
    }

    @Test
    void innerClass() {
        assertError(Messages.notTopLevelOrStatic("Outer_Inner_HostModule"), """
                public class Outer {
                    @HostModule("env")
                    public class Inner { // <-
                    }
                }
                """);
    }

    @Test
    void staticClassInsideInnerClass() {
        assertError(Messages.notTopLevelOrStatic("Outer_Middle_Inner_HostModule"), """
                public class Outer {
                    public class Middle {
                        @HostModule("env")
                        public static class Inner { // <-
                        }
                    }
                }
                """);
    }

    @Test
    void privateClass() {
        assertError(Messages.privateClass("Outer_Hidden_HostModule", "test.Outer.Hidden"), """
                public class Outer {
                    @HostModule("env")
                    private static class Hidden { // <-
                    }
                }
                """);
    }

    @Test
    void classInPrivateClass() {
        assertError(Messages.privateClass("Outer_Hidden_Inner_HostModule", "test.Outer.Hidden"), """
                public class Outer {
                    private static class Hidden {
                        @HostModule("env")
                        static class Inner { // <-
                        }
                    }
                }
                """);
    }

    @Test
    void nonPublicMethod() {
        assertError(Messages.notPublic(), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    int add(int a, int b) { // <-
                        return a + b;
                    }
                }
                """);
    }

    @Test
    void staticMethod() {
        assertError(Messages.staticMethod(), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public static int add(int a, int b) { // <-
                        return a + b;
                    }
                }
                """);
    }

    @Test
    void exportOutsideHostModule() {
        assertError(Messages.outsideHostModule(), """
                public class Plain {
                    @WasmExport
                    public int add(int a, int b) { // <-
                        return a + b;
                    }
                }
                """);
    }

    @Test
    void duplicateDefaultExportName() {
        assertError(Messages.duplicateExport("add", "add(int, int)"), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public int add(int a, int b) {
                        return a + b;
                    }

                    @WasmExport // <-
                    public long add(long a, long b) {
                        return a + b;
                    }
                }
                """);
    }

    @Test
    void duplicateExplicitExportName() {
        assertError(Messages.duplicateExport("fd_write", "fdWrite(int)"), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public int fdWrite(int fd) {
                        return 0;
                    }

                    @WasmExport("fd_write") // <-
                    public int write(int fd) {
                        return 0;
                    }
                }
                """);
    }

    @Test
    void unsupportedParameterTypes() {
        for (String type : new String[] {"Number", "short", "Integer", "int[]", "java.util.List<String>"}) {
            String name = type.equals("int[]") ? "int[]"
                    : type.startsWith("java") ? "java.util.List"
                    : type.equals("short") ? "short" : "java.lang." + type;
            assertError(HostTypes.unsupportedParameter(name), """
                    @HostModule("env")
                    public class Env {
                        @WasmExport
                        public void f(int ok, %s bad) { // <-
                        }
                    }
                    """.formatted(type));
        }
    }

    @Test
    void unannotatedString() {
        assertError(Messages.unannotatedString(), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public void log(String message) { // <-
                    }
                }
                """);
    }

    @Test
    void stringAnnotationOnNonString() {
        assertError(Messages.stringAnnotationOnNonString("PtrLen", "int"), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public void log(
                            @PtrLen int message) { // <-
                    }
                }
                """);
    }

    @Test
    void bothStringAnnotations() {
        assertError(Messages.bothStringAnnotations(), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public void log(
                            @PtrLen @CString String message) { // <-
                    }
                }
                """);
    }

    @Test
    void stringAnnotationOutsideExport() {
        assertError(Messages.stringAnnotationOutsideExport("CString"), """
                @HostModule("env")
                public class Env {
                    public void log(
                            @CString String message) { // <-
                    }
                }
                """);
    }

    @Test
    void unsupportedResultTypes() {
        for (String type : new String[] {"String", "Integer", "long[]", "char"}) {
            String name = type.equals("long[]") || type.equals("char") ? type : "java.lang." + type;
            assertError(HostTypes.unsupportedResult(name), """
                    @HostModule("env")
                    public class Env {
                        @WasmExport
                        public %s f() { // <-
                            return null;
                        }
                    }
                    """.formatted(type).replace("return null;", type.equals("char") ? "return 'x';" : "return null;"));
        }
    }

    @Test
    void recordWithUnsupportedComponent() {
        assertError(HostTypes.unsupportedRecordComponent("test.Env.Named", "name", "java.lang.String"), """
                @HostModule("env")
                public class Env {
                    public record Named(int id, String name) {
                    }

                    @WasmExport
                    public Named f() { // <-
                        return null;
                    }
                }
                """);
    }

    @Test
    void emptyRecord() {
        assertError(HostTypes.emptyRecord("test.Env.Empty"), """
                @HostModule("env")
                public class Env {
                    public record Empty() {
                    }

                    @WasmExport
                    public Empty f() { // <-
                        return null;
                    }
                }
                """);
    }

    @Test
    void unreachableRecord() {
        assertError(Messages.unreachableRecord("test.Env.Pair", "Env_HostModule"), """
                @HostModule("env")
                public class Env {
                    private record Pair(int a, int b) {
                    }

                    @WasmExport
                    public Pair f() { // <-
                        return null;
                    }
                }
                """);
    }

    @Test
    void checkedException() {
        assertError(HostTypes.checkedException("java.io.IOException"), """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public int read(int fd) throws java.io.IOException { // <-
                        return 0;
                    }
                }
                """);
    }

    /** A type javac cannot find is javac's error alone: the class waits for a later round, then is dropped. */
    @Test
    void unknownTypeIsLeftToJavac() {
        assertError("cannot find symbol", """
                @HostModule("env")
                public class Env {
                    @WasmExport
                    public Missing f() { // <-
                        return null;
                    }
                }
                """);
    }

    /** All errors of a class are reported at once, each where it belongs. */
    @Test
    void reportsEveryErrorOfAClass() {
        JavaFileObject source = source("""
                @HostModule("env")
                public class Env {
                    @WasmExport
                    int hidden() { // hidden
                        return 0;
                    }

                    @WasmExport
                    public void log(String message) { // log
                    }

                    @WasmExport
                    public Object[] get() { // get
                        return null;
                    }

                    @WasmExport
                    public int fine(int x) {
                        return x;
                    }
                }
                """);
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining(Messages.notPublic()).inFile(source).onLineContaining("// hidden");
        assertThat(compilation).hadErrorContaining(Messages.unannotatedString()).inFile(source).onLineContaining("// log");
        assertThat(compilation).hadErrorContaining(HostTypes.unsupportedResult("java.lang.Object[]")).inFile(source)
                .onLineContaining("// get");
    }

    /** The messages name what is allowed. */
    @Test
    void typeMessagesSayWhatIsAllowed() {
        org.junit.jupiter.api.Assertions.assertEquals("unsupported parameter type java.lang.Number: a host function"
                + " parameter is int, long, float, double, boolean or a reference (java.lang.Object for externref,"
                + " dev.jazero.api.WasmStruct, WasmArray, I31 or ThrownException), the calling dev.jazero.api.Module"
                + " or its dev.jazero.api.Memory, or (in a @HostModule class) a String annotated @PtrLen or @CString",
                HostTypes.unsupportedParameter("java.lang.Number"));
        org.junit.jupiter.api.Assertions.assertEquals("unsupported result type java.lang.String: a host function"
                + " returns void, int, long, float, double, boolean or a reference (java.lang.Object for externref,"
                + " dev.jazero.api.WasmStruct, WasmArray, I31 or ThrownException), or a record of such components"
                + " for several results", HostTypes.unsupportedResult("java.lang.String"));
    }
}
