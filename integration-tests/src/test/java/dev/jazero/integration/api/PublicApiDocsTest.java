package dev.jazero.integration.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type and every public or protected member of the engine's exported packages has
 * a javadoc comment (that the comments are well formed is javac's doclint's check, when the
 * engine is compiled). Methods that override take their parent's.
 */
class PublicApiDocsTest {

    /** The engine's exported packages, relative to this module's directory (Surefire's working directory). */
    private static final List<Path> EXPORTED = List.of(Path.of("..", "engine", "src", "main", "java", "dev", "jazero"),
            Path.of("..", "engine", "src", "main", "java", "dev", "jazero", "api"),
            Path.of("..", "engine", "src", "main", "java", "dev", "jazero", "sys"),
            Path.of("..", "engine", "src", "main", "java", "dev", "jazero", "experimental"));

    @Test
    void everyPublicDeclarationHasADocComment() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path dir : EXPORTED) {
            assertTrue(Files.isDirectory(dir), "no directory " + dir.toAbsolutePath());
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"))
                        .forEach(sources::add);
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Boolean>() {
                    @Override
                    public Void visitClass(ClassTree type, Boolean inInterface) {
                        if (isApi(type.getModifiers(), inInterface)) {
                            require(type.getSimpleName().toString());
                            boolean isInterface = type.getKind() == Tree.Kind.INTERFACE
                                    || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
                            return super.visitClass(type, isInterface);
                        }
                        return null;
                    }

                    @Override
                    public Void visitMethod(MethodTree method, Boolean inInterface) {
                        boolean overrides = method.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                        boolean generated = method.getName().contentEquals("<init>")
                                && ((ClassTree) getCurrentPath().getParentPath().getLeaf()).getKind() == Tree.Kind.RECORD
                                && method.getParameters().isEmpty() && method.getBody() == null;
                        if (!overrides && !generated && isApi(method.getModifiers(), inInterface)) {
                            require(method.getName().contentEquals("<init>") ? "constructor" : method.getName().toString());
                        }
                        return null;
                    }

                    @Override
                    public Void visitVariable(VariableTree field, Boolean inInterface) {
                        if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
                                && isApi(field.getModifiers(), inInterface)) {
                            require(field.getName().toString());
                        }
                        return null;
                    }

                    private void require(String name) {
                        TreePath path = getCurrentPath();
                        if (docs.getDocCommentTree(path) == null) {
                            long line = unit.getLineMap().getLineNumber(docs.getSourcePositions()
                                    .getStartPosition(unit, path.getLeaf()));
                            missing.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + " " + name);
                        }
                    }
                }.scan(unit, false);
            }
        }
        assertTrue(missing.isEmpty(), "public declarations without a doc comment: " + missing);
    }

    /** Public or protected, or a member of an interface that is not private. */
    private static boolean isApi(ModifiersTree modifiers, boolean inInterface) {
        var flags = modifiers.getFlags();
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || inInterface && !flags.contains(Modifier.PRIVATE);
    }
}
