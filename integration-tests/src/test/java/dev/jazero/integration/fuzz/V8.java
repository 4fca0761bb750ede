package dev.jazero.integration.fuzz;

import dev.jazero.api.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * V8, through Node.js, as a third opinion on generated modules: {@code v8-run.cjs} runs a module as
 * {@link DifferentialFuzzTest} does and prints the events in the portable form of
 * {@link #portable(ValueType, long)}.
 */
final class V8 {

    private V8() {
    }

    /** Node.js on the PATH, or null. */
    static Path find() {
        return onPath("node");
    }

    /** The executable {@code name} on the PATH, or null. */
    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The types as {@code v8-run.cjs} reads them: a letter each, {@code -} for none. */
    static String letters(List<ValueType> types) {
        StringBuilder sb = new StringBuilder();
        for (ValueType t : types) {
            sb.append(switch (t.kind()) {
                case I32 -> 'i';
                case I64 -> 'I';
                case F32 -> 'f';
                case F64 -> 'F';
                case V128 -> 'v';
                case REF -> 'r';
            });
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    /** A value as both sides can show it: integers signed, floats as bits unless NaN, references as null or not. */
    static String portable(ValueType type, long slot) {
        return switch (type.kind()) {
            case I32 -> Integer.toString((int) slot);
            case I64 -> Long.toString(slot);
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) slot)) ? "nan" : Integer.toHexString((int) slot);
            case F64 -> Double.isNaN(Double.longBitsToDouble(slot)) ? "nan" : Long.toHexString(slot);
            case REF -> slot == 0 ? "null" : "ref";
            case V128 -> throw new IllegalArgumentException("JavaScript cannot see a v128");
        };
    }

    /** Results, in slots, as {@link #portable(ValueType, long)} shows each, separated by commas. */
    static String portable(List<ValueType> types, long[] slots) {
        List<String> values = new ArrayList<>();
        int slot = 0;
        for (ValueType t : types) {
            values.add(portable(t, slots[slot]));
            slot += t.slots();
        }
        return String.join(",", values);
    }

    /** Runs the module in V8, calling {@code exports} (lines of {@code v8-run.cjs}'s list) in order; returns its events. */
    static List<String> run(Path node, Path dir, byte[] module, List<String> exports) throws IOException, InterruptedException {
        Path script = dir.resolve("v8-run.cjs");
        if (!Files.exists(script)) {
            try (InputStream in = V8.class.getResourceAsStream("v8-run.cjs")) {
                Files.write(script, in.readAllBytes());
            }
        }
        Path wasm = dir.resolve("v8.wasm");
        Path list = dir.resolve("v8-exports.txt");
        Files.write(wasm, module);
        Files.write(list, exports, StandardCharsets.UTF_8);
        Path output = dir.resolve("v8-output.txt");
        Process process = new ProcessBuilder(node.toString(), "--stack-size=4000", script.toString(), wasm.toString(), list.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not finish in 60 s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("node failed: " + String.join("\n", lines));
        }
        return lines.stream().filter(l -> !l.isEmpty()).toList();
    }
}
