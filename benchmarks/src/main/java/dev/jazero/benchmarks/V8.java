package dev.jazero.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * V8 as an engine of the benchmarks: a Node.js process (22 or newer, for garbage collection)
 * that instantiates the module once and answers calls over a pipe ({@code v8-engine.mjs}). A call
 * costs the kernel's time and a round trip of some tens of microseconds, small beside kernels
 * of milliseconds. Node is {@code $JAZERO_NODE}, else the one {@code npm install --prefix
 * ~/.cache/jazero/node-22 node@22} puts under {@code node_modules/.bin}.
 */
final class V8 implements Engine.Loaded {

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private V8(byte[] wasm) throws IOException {
        Path dir = Files.createTempDirectory("jazero-v8");
        Path module = Files.write(dir.resolve("module.wasm"), wasm);
        Path script = Files.write(dir.resolve("v8-engine.mjs"), Engine.resource("v8-engine.mjs"));
        process = new ProcessBuilder(List.of(node().toString(), script.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        if (!"ok".equals(request("load " + module))) {
            throw new IllegalStateException("V8 could not instantiate the module");
        }
    }

    static Engine.Loaded load(byte[] wasm) {
        try {
            return new V8(wasm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Node.js to run. */
    static Path node() {
        String configured = System.getenv("JAZERO_NODE");
        Path node = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache/jazero/node-22/node_modules/.bin/node");
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException("no Node.js at " + node + ": npm install --prefix ~/.cache/jazero/node-22 node@22"
                    + " (or set JAZERO_NODE)");
        }
        return node;
    }

    private String request(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
        String answer = out.readLine();
        if (answer == null) {
            throw new IllegalStateException("V8 ended");
        }
        return answer;
    }

    @Override
    public Engine.Call export(String name) {
        return arg -> {
            try {
                return Long.parseLong(request("call " + name + " " + arg));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public void close() {
        process.destroy();
    }
}
