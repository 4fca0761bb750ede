package dev.jazero.jsr223;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/**
 * The factory of {@link WasmScriptEngine}s, found by {@code javax.script.ScriptEngineManager}
 * under the names {@code wasm}, {@code webassembly}, {@code WebAssembly} and {@code wat}, the
 * extensions {@code wasm} and {@code wat}, and the MIME types {@code application/wasm} and
 * {@code text/wat} (also {@code text/webassembly}).
 */
public final class WasmScriptEngineFactory implements ScriptEngineFactory {

    /** The answer to {@code getParameter("THREADING")}: see {@link WasmScriptEngine}. */
    public static final String THREADING = "MULTITHREADED";

    private static final List<String> NAMES = List.of("wasm", "webassembly", "WebAssembly", "wat");
    private static final List<String> EXTENSIONS = List.of("wasm", "wat");
    private static final List<String> MIME_TYPES = List.of("application/wasm", "text/wat", "text/webassembly");
    private static final String VERSION = version();

    /** For {@link java.util.ServiceLoader}. */
    public WasmScriptEngineFactory() {
    }

    private static String version() {
        try (InputStream in = WasmScriptEngineFactory.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            String v = p.getProperty("version");
            return v == null || v.startsWith("$") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String getEngineName() {
        return "Jazero";
    }

    @Override
    public String getEngineVersion() {
        return VERSION;
    }

    @Override
    public List<String> getExtensions() {
        return EXTENSIONS;
    }

    @Override
    public List<String> getMimeTypes() {
        return MIME_TYPES;
    }

    @Override
    public List<String> getNames() {
        return NAMES;
    }

    @Override
    public String getLanguageName() {
        return "WebAssembly";
    }

    /** The WebAssembly specification release the engine implements. */
    @Override
    public String getLanguageVersion() {
        return "2.0";
    }

    @Override
    public Object getParameter(String key) {
        return switch (key) {
            case ScriptEngine.ENGINE -> getEngineName();
            case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
            case ScriptEngine.NAME -> NAMES.get(0);
            case ScriptEngine.LANGUAGE -> getLanguageName();
            case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
            case "THREADING" -> THREADING;
            default -> null;
        };
    }

    /**
     * A call in the text format's folded form, {@code (call $m arg...)}, each argument an
     * instruction sequence such as {@code (i32.const 1)}. {@code obj} is not used: WebAssembly
     * has no objects, and a call names a function of the module itself.
     */
    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
        StringBuilder s = new StringBuilder("(call $").append(m);
        for (String a : args) {
            s.append(' ').append(a);
        }
        return s.append(')').toString();
    }

    /**
     * Instructions that print {@code toDisplay} and a line separator to the context's writer: they
     * store its UTF-8 bytes at address 0 of the memory and call {@code $println}, the built-in
     * {@code (import "jsr223" "println")} that {@link #getProgram} declares, with the memory.
     */
    @Override
    public String getOutputStatement(String toDisplay) {
        byte[] bytes = toDisplay.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            s.append("(i32.store8 (i32.const ").append(i).append(") (i32.const ").append(bytes[i] & 0xFF).append("))\n");
        }
        return s.append("(call $println (i32.const 0) (i32.const ").append(bytes.length).append("))").toString();
    }

    /**
     * A module whose start function runs the statements (instructions of type {@code [] -> []}),
     * with a memory and the built-in print functions ({@code $print}, {@code $println},
     * {@code $print_i32}, {@code $print_i64}, {@code $print_f32}, {@code $print_f64}) imported.
     */
    @Override
    public String getProgram(String... statements) {
        StringBuilder s = new StringBuilder("(module\n");
        for (String f : List.of("print", "println")) {
            s.append("  (import \"jsr223\" \"").append(f).append("\" (func $").append(f).append(" (param i32 i32)))\n");
        }
        for (String t : List.of("i32", "i64", "f32", "f64")) {
            s.append("  (import \"jsr223\" \"print_").append(t).append("\" (func $print_").append(t)
                    .append(" (param ").append(t).append(")))\n");
        }
        s.append("  (memory (export \"memory\") 1)\n  (func $main\n");
        for (String statement : statements) {
            for (String line : statement.split("\n")) {
                s.append("    ").append(line).append('\n');
            }
        }
        return s.append("  )\n  (start $main))\n").toString();
    }

    @Override
    public ScriptEngine getScriptEngine() {
        return new WasmScriptEngine(this, dev.jazero.RuntimeConfig.defaults());
    }
}
