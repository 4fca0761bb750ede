package dev.jazero.jsr223;

import dev.jazero.CompiledModule;
import dev.jazero.HostModuleBuilder;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Global;
import dev.jazero.api.Memory;
import dev.jazero.api.MemoryDefinition;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmException;
import dev.jazero.internal.text.WatParser;
import dev.jazero.sys.ExitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;

/**
 * A {@code javax.script} engine for WebAssembly, on Jazero.
 *
 * <ul>
 *   <li>{@code eval(String)} and {@code eval(Reader)} take a module in the text format (WAT);
 *       {@link #eval(byte[])}, {@link #eval(InputStream)} and {@link #eval(Path)} take the binary
 *       format (or WAT as UTF-8), and so does {@code eval} of anything while
 *       {@link ScriptEngine#FILENAME} names a {@code .wasm} file and the script is not text.
 *   <li>Evaluating instantiates the module in a runtime of its own, with the host modules of the
 *       context's bindings, runs its start function and, when it exports {@code _start} (a WASI
 *       command), {@code _start}. The result is {@code _start}'s exit code, else the
 *       {@link Module} instance. The instance goes into the engine-scope bindings under
 *       {@link #MODULE}, and its exported functions, memories and globals are answered by export
 *       name ({@link Function}, {@link Memory}, {@link Global}).
 *   <li>{@link Compilable}: {@code compile} decodes and validates once; each
 *       {@code CompiledScript.eval} makes a fresh, isolated instance.
 *   <li>{@link Invocable}: calls exports of the instance in the engine's context (or of a
 *       {@code Module} given as {@code thiz}), converting Java numbers to and from Wasm values.
 *   <li>Host modules: an object of a {@code @HostModule} class in the bindings (found through
 *       its generated {@link HostModuleProvider}), a {@link WasmHostModule} or a
 *       {@link WasmHostFunction}. The built-in module {@value #SCRIPT_MODULE} prints to the
 *       context's writer: {@code print} and {@code println} {@code (param $ptr i32) (param $len i32)}
 *       print UTF-8 from memory, {@code print_i32}, {@code print_i64}, {@code print_f32},
 *       {@code print_f64} a number.
 *   <li>WASI: a guest that imports {@value #WASI_MODULE} (and whose bindings do not define it) gets
 *       jazero-wasi with its standard input, output and error on the context's reader, writer and
 *       error writer, and its arguments from {@link ScriptEngine#ARGV} after the program name.
 * </ul>
 *
 * <p>Threading ({@code getParameter("THREADING")} is {@code "MULTITHREADED"}): the engine may be
 * used from several threads at once. Evaluations never share an instance; calls through
 * {@link Invocable} (and {@link #getInterface} proxies) into one instance are serialized on that
 * instance, since a WebAssembly instance runs one thread at a time; their effects on its memory and
 * globals are visible to later calls from any thread. The bindings that {@link #createBindings()}
 * makes (and the engine starts with) are thread-safe; bindings of another kind are only as safe as
 * they are. Calls made directly on a {@link Module} or {@link Function} taken from the bindings
 * bypass the engine's lock: serialize them yourself.
 *
 * <p>Each evaluation makes a {@link Runtime} of its own, which holds nothing but heap memory and
 * is left to the garbage collector with its instance.
 */
public final class WasmScriptEngine extends AbstractScriptEngine implements Compilable, Invocable {

    /** The engine-scope binding that holds the {@link Module} instance of the last evaluation. */
    public static final String MODULE = "jazero.module";
    /** The built-in host module with print functions. */
    public static final String SCRIPT_MODULE = "jsr223";
    /** WASI preview 1's module name. */
    public static final String WASI_MODULE = "wasi_snapshot_preview1";

    private static final Pattern TEXT_POSITION = Pattern.compile("^(?:.*?:)?(\\d+):(\\d+): ");
    private static final Pattern BYTE_OFFSET = Pattern.compile("offset 0x([0-9a-fA-F]+)");

    private final ScriptEngineFactory factory;
    private final RuntimeConfig config;
    /** Compiles only: every instance gets a runtime of its own. */
    private final Runtime compiler;

    /** An engine with the default runtime configuration. */
    public WasmScriptEngine() {
        this(RuntimeConfig.defaults());
    }

    /** An engine whose runtimes have the given configuration. */
    public WasmScriptEngine(RuntimeConfig config) {
        this(new WasmScriptEngineFactory(), config);
    }

    WasmScriptEngine(ScriptEngineFactory factory, RuntimeConfig config) {
        this.factory = factory;
        this.config = config;
        this.compiler = Runtime.create(config);
        context.setBindings(createBindings(), ScriptContext.ENGINE_SCOPE);
    }

    // ---- ScriptEngine

    @Override
    public Object eval(String script, ScriptContext context) throws ScriptException {
        return compile(script, context).eval(context);
    }

    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        return compile(read(reader), context).eval(context);
    }

    /** Evaluates a module in the binary format, or the text format as UTF-8. */
    public Object eval(byte[] wasmOrWat) throws ScriptException {
        return eval(wasmOrWat, context);
    }

    /** Evaluates a module in the binary format, or the text format as UTF-8, in {@code context}. */
    public Object eval(byte[] wasmOrWat, ScriptContext context) throws ScriptException {
        return compile(wasmOrWat, fileName(context)).eval(context);
    }

    /** Evaluates the module read from {@code in} (binary, or text as UTF-8). */
    public Object eval(InputStream in) throws ScriptException {
        return compile(in).eval(context);
    }

    /** Evaluates the module in a file (binary, or text as UTF-8). */
    public Object eval(Path file) throws ScriptException {
        return compile(file).eval(context);
    }

    @Override
    public Bindings createBindings() {
        return new WasmBindings();
    }

    @Override
    public ScriptEngineFactory getFactory() {
        return factory;
    }

    // ---- Compilable

    @Override
    public WasmCompiledScript compile(String script) throws ScriptException {
        return compile(script, context);
    }

    @Override
    public WasmCompiledScript compile(Reader script) throws ScriptException {
        return compile(read(script), context);
    }

    /** Decodes and validates a module in the binary format, or the text format as UTF-8. */
    public WasmCompiledScript compile(byte[] wasmOrWat) throws ScriptException {
        return compile(wasmOrWat, fileName(context));
    }

    /** Decodes and validates the module read from {@code in}. */
    public WasmCompiledScript compile(InputStream in) throws ScriptException {
        try {
            return compile(in.readAllBytes(), fileName(context));
        } catch (IOException e) {
            throw ioError(e, fileName(context));
        }
    }

    /** Decodes and validates the module in a file. */
    public WasmCompiledScript compile(Path file) throws ScriptException {
        try {
            return compile(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw ioError(e, file.toString());
        }
    }

    private WasmCompiledScript compile(String script, ScriptContext context) throws ScriptException {
        String fileName = fileName(context);
        if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".wasm") && !looksLikeText(script)) {
            return compile(Path.of(fileName));
        }
        try {
            return new WasmCompiledScript(this, compiler.compileModule(script), fileName, false);
        } catch (WasmException e) {
            throw error(e, fileName, null, false);
        }
    }

    private WasmCompiledScript compile(byte[] wasmOrWat, String fileName) throws ScriptException {
        boolean binary = !WatParser.looksLikeText(wasmOrWat);
        try {
            return new WasmCompiledScript(this, compiler.compileModule(wasmOrWat), fileName, binary);
        } catch (WasmException e) {
            throw error(e, fileName, null, binary);
        }
    }

    /**
     * {@link WatParser#looksLikeText} on a script that a reader has already decoded, where a byte
     * order mark may come first: a binary module read that way is no longer its bytes.
     */
    private static boolean looksLikeText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == ';') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\uFEFF') {
                return false;
            }
        }
        return false;
    }

    // ---- evaluation

    /** Instantiates {@code script} in {@code ctx}: see {@link WasmCompiledScript#eval(ScriptContext)}. */
    Object run(WasmCompiledScript script, ScriptContext ctx) throws ScriptException {
        CompiledModule compiled = script.compiledModule();
        String fileName = script.fileName();
        Runtime runtime = Runtime.create(config);
        ModuleConfig moduleConfig = ModuleConfig.defaults().withStartFunctions();
        if (defineHostModules(runtime, compiled, ctx, fileName)) {
            moduleConfig = Wasi.configure(moduleConfig, ctx, fileName);
        }
        Module module;
        try {
            module = runtime.instantiate(compiled, moduleConfig);
        } catch (ExitException e) {
            return e.exitCode();   // the start function exited
        } catch (WasmException e) {
            throw error(e, fileName, null, script.isBinary());
        }
        publish(module, compiled, ctx);
        Function start = module.exportedFunction("_start");
        if (start == null || !start.definition().paramTypes().isEmpty()) {
            return module;
        }
        try {
            synchronized (module) {
                start.call();
            }
            return 0;
        } catch (ExitException e) {
            return e.exitCode();
        } catch (WasmException e) {
            throw error(e, fileName, "_start", false);
        }
    }

    /** Puts the instance and its exported functions and memories into the engine-scope bindings. */
    private static void publish(Module module, CompiledModule compiled, ScriptContext ctx) {
        Bindings bindings = ctx.getBindings(ScriptContext.ENGINE_SCOPE);
        if (bindings == null) {
            return;
        }
        Object lock = bindings instanceof WasmBindings w ? w.lock() : new Object();
        synchronized (lock) {
            // Exports of an earlier instance.
            for (String key : new ArrayList<>(bindings.keySet())) {
                Object v = bindings.get(key);
                if (v instanceof Function || v instanceof Memory || v instanceof Global) {
                    bindings.remove(key);
                }
            }
            bindings.remove(MODULE);   // else its exports would look like keys put explicitly
            for (String name : compiled.exportedFunctions().keySet()) {
                if (!bindings.containsKey(name)) {
                    bindings.put(name, module.exportedFunction(name));
                }
            }
            for (String name : compiled.exportedMemories().keySet()) {
                if (!bindings.containsKey(name)) {
                    bindings.put(name, module.exportedMemory(name));
                }
            }
            bindings.put(MODULE, module);
        }
    }

    /** Instantiates in {@code runtime} the host modules that the guest imports from, from the bindings. */
    /**
     * Instantiates in {@code runtime} the host modules that the guest imports from, from the bindings.
     *
     * @return whether the guest needs the engine's WASI (it imports WASI, and no binding defines it)
     */
    private static boolean defineHostModules(Runtime runtime, CompiledModule compiled, ScriptContext ctx, String fileName)
            throws ScriptException {
        Set<String> imported = new LinkedHashSet<>();
        for (FunctionDefinition f : compiled.importedFunctions()) {
            imported.add(f.importedAs()[0]);
        }
        for (MemoryDefinition m : compiled.importedMemories()) {
            imported.add(m.importedAs()[0]);
        }
        if (imported.isEmpty()) {
            return false;
        }
        Map<String, List<Consumer<HostModuleBuilder>>> modules = new LinkedHashMap<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int scope : ctx.getScopes()) {
            Bindings bindings = ctx.getBindings(scope);
            if (bindings == null) {
                continue;
            }
            List<Object> values = bindings instanceof WasmBindings w ? w.snapshotValues() : new ArrayList<>(bindings.values());
            for (Object value : values) {
                if (value == null || !seen.add(value)) {
                    continue;
                }
                if (value instanceof WasmHostModule m) {
                    add(modules, imported, m.moduleName(), m.functions());
                } else if (value instanceof WasmHostFunction f) {
                    add(modules, imported, f.moduleName(), b -> b.newFunctionBuilder()
                            .withStackFunction(f.function(), f.params(), f.results())
                            .export(f.name()));
                } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean
                        || value instanceof Module || value instanceof Function || value instanceof Memory
                        || value instanceof Global)) {
                    HostModuleProvider provider = HostModuleProviders.of(value);
                    if (provider != null) {
                        add(modules, imported, provider.moduleName(), b -> provider.exportFunctions(b, value));
                    }
                }
            }
        }
        if (imported.contains(SCRIPT_MODULE) && !modules.containsKey(SCRIPT_MODULE)) {
            modules.put(SCRIPT_MODULE, List.of(b -> scriptModule(b, ctx)));
        }
        boolean wasi = imported.contains(WASI_MODULE) && !modules.containsKey(WASI_MODULE);
        for (Map.Entry<String, List<Consumer<HostModuleBuilder>>> e : modules.entrySet()) {
            try {
                HostModuleBuilder builder = runtime.newHostModuleBuilder(e.getKey());
                for (Consumer<HostModuleBuilder> functions : e.getValue()) {
                    functions.accept(builder);
                }
                builder.instantiate();
            } catch (RuntimeException ex) {
                ScriptException se = new WasmScriptException("host module " + e.getKey() + ": " + ex.getMessage(),
                        fileName, -1, -1, -1, ex instanceof WasmException w ? w.kind() : null, null, ex);
                throw se;
            }
        }
        if (wasi) {
            try {
                Wasi.instantiate(runtime);
            } catch (RuntimeException ex) {
                throw new WasmScriptException("host module " + WASI_MODULE + ": " + ex.getMessage(), fileName, -1, -1, -1,
                        ex instanceof WasmException w ? w.kind() : null, null, ex);
            }
        }
        return wasi;
    }

    private static void add(Map<String, List<Consumer<HostModuleBuilder>>> modules, Set<String> imported, String name,
            Consumer<HostModuleBuilder> functions) {
        if (imported.contains(name)) {
            modules.computeIfAbsent(name, n -> new ArrayList<>()).add(functions);
        }
    }

    /** The built-in module: printing to the context's writer. */
    private static void scriptModule(HostModuleBuilder builder, ScriptContext ctx) {
        List<ValueType> ptrLen = List.of(ValueType.I32, ValueType.I32);
        builder.newFunctionBuilder()
                .withHostFunction((caller, stack) -> write(ctx, string(caller, stack)), ptrLen, List.of())
                .withParameterNames("ptr", "len").export("print");
        builder.newFunctionBuilder()
                .withHostFunction((caller, stack) -> write(ctx, string(caller, stack) + System.lineSeparator()), ptrLen,
                        List.of())
                .withParameterNames("ptr", "len").export("println");
        builder.newFunctionBuilder()
                .withStackFunction(stack -> write(ctx, Integer.toString(ValueType.decodeI32(stack[0]))),
                        List.of(ValueType.I32), List.of())
                .export("print_i32");
        builder.newFunctionBuilder()
                .withStackFunction(stack -> write(ctx, Long.toString(stack[0])), List.of(ValueType.I64), List.of())
                .export("print_i64");
        builder.newFunctionBuilder()
                .withStackFunction(stack -> write(ctx, Float.toString(ValueType.decodeF32(stack[0]))),
                        List.of(ValueType.F32), List.of())
                .export("print_f32");
        builder.newFunctionBuilder()
                .withStackFunction(stack -> write(ctx, Double.toString(ValueType.decodeF64(stack[0]))),
                        List.of(ValueType.F64), List.of())
                .export("print_f64");
    }

    private static String string(Module caller, long[] stack) {
        Memory memory = caller.memory();
        if (memory == null) {
            throw new IllegalStateException("the caller has no memory");
        }
        return memory.readString(stack[0] & 0xFFFF_FFFFL, ValueType.decodeI32(stack[1]));
    }

    private static void write(ScriptContext ctx, String s) {
        try {
            Writer w = ctx.getWriter();
            w.write(s);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Invocable

    /** The instance that the last evaluation in the engine's context made, or null. */
    private Module currentModule() {
        Bindings bindings = context.getBindings(ScriptContext.ENGINE_SCOPE);
        return bindings != null && bindings.get(MODULE) instanceof Module m ? m : null;
    }

    @Override
    public Object invokeFunction(String name, Object... args) throws ScriptException, NoSuchMethodException {
        Module module = currentModule();
        if (module == null) {
            throw new NoSuchMethodException(name + ": no module has been evaluated");
        }
        return call(module, name, args);
    }

    /** Calls the export {@code name} of {@code thiz}, a {@link Module} instance. */
    @Override
    public Object invokeMethod(Object thiz, String name, Object... args) throws ScriptException, NoSuchMethodException {
        return call(module(thiz), name, args);
    }

    private static Module module(Object thiz) {
        if (thiz instanceof Module m) {
            return m;
        }
        throw new IllegalArgumentException("not a module instance: " + thiz);
    }

    private Object call(Module module, String name, Object[] args) throws ScriptException, NoSuchMethodException {
        if (name == null) {
            throw new NullPointerException("name");
        }
        Function function = module.exportedFunction(name);
        if (function == null) {
            throw new NoSuchMethodException("no exported function " + name);
        }
        FunctionDefinition definition = function.definition();
        int slots = Math.max(Values.slots(definition.paramTypes()), Values.slots(definition.resultTypes()));
        long[] stack = new long[slots];
        Object[] refs = new Object[slots];
        Values.encode(name, definition.paramTypes(), args, stack, refs);
        try {
            synchronized (module) {
                function.callWithStack(stack, refs);
            }
            return Values.decode(definition.resultTypes(), stack, refs);
        } catch (WasmException e) {
            throw error(e, null, name, false);
        }
    }

    @Override
    public <T> T getInterface(Class<T> type) {
        checkInterface(type);
        Module module = currentModule();
        return module == null ? null : proxy(module, type);
    }

    @Override
    public <T> T getInterface(Object thiz, Class<T> type) {
        checkInterface(type);
        return proxy(module(thiz), type);
    }

    private static void checkInterface(Class<?> type) {
        if (type == null || !type.isInterface()) {
            throw new IllegalArgumentException("not an interface: " + type);
        }
    }

    /** A proxy that calls, for each abstract method, the export of its name or of its name in snake_case. */
    private <T> T proxy(Module module, Class<T> type) {
        Map<Method, String> exports = new HashMap<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) {
                continue;
            }
            String export = module.exportedFunction(m.getName()) != null ? m.getName()
                    : module.exportedFunction(Values.snakeCase(m.getName())) != null ? Values.snakeCase(m.getName())
                    : null;
            if (export == null) {
                return null;
            }
            exports.put(m, export);
        }
        InvocationHandler handler = (proxy, method, args) -> {
            String export = exports.get(method);
            if (export != null) {
                Object result;
                try {
                    result = call(module, export, args);
                } catch (ScriptException e) {
                    if (declares(method, ScriptException.class)) {
                        throw e;
                    }
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                return convertResult(result, method.getReturnType(), export);
            }
            switch (method.getName()) {
                case "equals":
                    if (method.getParameterCount() == 1) {
                        return proxy == args[0];
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return type.getName() + " of WebAssembly module " + module.name();
                    }
                    break;
                default:
                    break;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.toString());
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static boolean isObjectMethod(Method m) {
        return switch (m.getName()) {
            case "equals" -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Object.class;
            case "hashCode", "toString" -> m.getParameterCount() == 0;
            default -> false;
        };
    }

    private static boolean declares(Method method, Class<?> exception) {
        for (Class<?> c : method.getExceptionTypes()) {
            if (c.isAssignableFrom(exception)) {
                return true;
            }
        }
        return false;
    }

    private static Object convertResult(Object result, Class<?> type, String export) {
        if (type == void.class || type == Void.class) {
            return null;
        }
        if (type == boolean.class || type == Boolean.class) {
            if (result instanceof Integer i) {
                return i != 0;
            }
            if (result instanceof Long l) {
                return l != 0;
            }
        } else if ((type == int.class || type == Integer.class) && result instanceof Integer) {
            return result;
        } else if ((type == long.class || type == Long.class) && (result instanceof Long || result instanceof Integer)) {
            return ((Number) result).longValue();
        } else if ((type == float.class || type == Float.class) && result instanceof Float) {
            return result;
        } else if ((type == double.class || type == Double.class) && result instanceof Number n) {
            return n.doubleValue();
        } else if (type == Object[].class && result instanceof List<?> l) {
            return l.toArray();
        } else if (result == null && !type.isPrimitive()) {
            return null;
        } else if (type.isInstance(result)) {
            return result;
        }
        throw new ClassCastException(export + " returns " + (result == null ? "nothing" : result.getClass().getSimpleName())
                + ", which is not " + type.getName());
    }

    // ---- errors and helpers

    /** A WasmScriptException for a failure of the engine, with the position the message gives. */
    static WasmScriptException error(WasmException e, String fileName, String function, boolean binary) {
        String message = e.getMessage();
        int line = -1;
        int column = -1;
        long offset = -1;
        if (e.kind() == WasmException.Kind.MALFORMED || e.kind() == WasmException.Kind.INVALID) {
            Matcher m;
            if (binary) {
                m = BYTE_OFFSET.matcher(message);
                if (m.find()) {
                    offset = Long.parseLong(m.group(1), 16);
                }
            } else if ((m = TEXT_POSITION.matcher(message)).find()) {
                line = Integer.parseInt(m.group(1));
                column = Integer.parseInt(m.group(2));
            }
        }
        String text = switch (e.kind()) {
            case MALFORMED -> "malformed module: ";
            case INVALID -> "invalid module: ";
            case UNLINKABLE -> "unlinkable module: ";
            case UNINSTANTIABLE -> "module failed to instantiate: ";
            case TRAP -> "trap: ";
            case EXIT -> "exit: ";
            case EXCEPTION -> "uncaught exception: ";
        } + (function != null ? function + ": " : "") + message;
        return new WasmScriptException(text, fileName, line, column, offset, e.kind(), function, e);
    }

    private static ScriptException ioError(IOException e, String fileName) {
        ScriptException se = new ScriptException("cannot read " + (fileName != null ? fileName : "the module") + ": " + e);
        se.initCause(e);
        return se;
    }

    private static String fileName(ScriptContext ctx) {
        Object f = ctx.getAttribute(ScriptEngine.FILENAME);
        return f == null ? null : f.toString();
    }

    private static String read(Reader reader) throws ScriptException {
        try {
            StringWriter out = new StringWriter();
            reader.transferTo(out);
            return out.toString();
        } catch (IOException e) {
            throw ioError(e, null);
        }
    }
}
