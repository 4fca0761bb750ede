package dev.jazero.integration.wasi;

import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.sys.ExitException;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/** Runs one WASI program to its end and collects what it did. */
final class WasiRun {

    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private WasiRun() {
    }

    static Outcome run(RuntimeConfig tier, byte[] wasm, ModuleConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = 0;
        try (Runtime runtime = Runtime.create(tier)) {
            WasiSnapshotPreview1.instantiate(runtime);
            runtime.instantiate(runtime.compileModule(wasm), config.withStdout(out).withStderr(err));
        } catch (ExitException e) {
            exit = e.exitCode();
        } catch (dev.jazero.api.WasmException e) {
            throw new AssertionError(e.getMessage() + "\nstdout: " + out.toString(StandardCharsets.UTF_8)
                    + "\nstderr: " + err.toString(StandardCharsets.UTF_8), e);
        }
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Copies a directory tree (links as links), making every copy writable by its owner. */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path d = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(d);
                d.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path f = to.resolve(from.relativize(file).toString());
                Files.copy(file, f, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                if (!Files.isSymbolicLink(f)) {
                    f.toFile().setWritable(true, true);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        to.toFile().setWritable(true, true);
    }

    /** Deletes a tree without following links. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true, true);
                Files.deleteIfExists(p);
            }
        }
    }

    static FSConfig rootMount(Path dir) {
        return FSConfig.defaults().withDirMount(dir.toString(), "/");
    }
}
