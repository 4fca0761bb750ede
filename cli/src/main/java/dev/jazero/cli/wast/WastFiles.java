package dev.jazero.cli.wast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths given to the runner: a directory stands for the .wast files directly in it. */
public final class WastFiles {

    private WastFiles() {
    }

    /**
     * Returns the scripts that {@code paths} name: a file as it is, a directory as its
     * {@code .wast} files (not those of sub-directories), sorted by name.
     *
     * @throws UncheckedIOException when a path does not exist or cannot be listed
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(list(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new UncheckedIOException("no such file or directory: " + path, new NoSuchFileException(path.toString()));
            }
        }
        return files;
    }

    /** Returns the {@code .wast} files directly in {@code dir}, sorted by name. */
    public static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".wast") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
