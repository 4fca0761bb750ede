package dev.jazero.cli;

import dev.jazero.CompiledModule;
import dev.jazero.Runtime;
import dev.jazero.api.MalformedModuleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a module file for the CLI: {@code .wat} (and {@code .wast}) files as text, {@code .wasm}
 * files as binary, anything else as bytes that the runtime recognises as text when the binary
 * magic number is missing. Positions in a text file, in its errors and its stack traces, are
 * given as {@code FILE:LINE:COLUMN}.
 */
public final class ModuleFiles {

    private ModuleFiles() {
    }

    /**
     * Compiles the module in {@code file}.
     *
     * @throws UncheckedIOException when the file cannot be read, with a message naming it
     */
    public static CompiledModule compile(Runtime runtime, Path file) {
        byte[] bytes = read(file);
        if (isTextFile(file)) {
            // Named by its file: errors and stack traces say FILE:LINE:COLUMN.
            return runtime.compileModule(new String(bytes, StandardCharsets.UTF_8), file.toString());
        }
        if (isBinaryFile(file) && !hasMagic(bytes)) {
            // The runtime would read these bytes as text; a .wasm file is meant to be binary.
            throw new MalformedModuleException(file + " is not a WebAssembly binary: it does not start with the magic number \\0asm");
        }
        return runtime.compileModule(bytes);
    }

    /** Returns true when the file name says the text format. */
    static boolean isTextFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".wat") || name.endsWith(".wast");
    }

    /** Returns true when the file name says the binary format. */
    static boolean isBinaryFile(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wasm");
    }

    private static boolean hasMagic(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
