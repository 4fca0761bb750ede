package dev.jazero.internal.runtime;

import dev.jazero.api.HeapType;
import dev.jazero.CompiledModule;
import dev.jazero.FSConfig;
import dev.jazero.HostModuleBuilder;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.cache.CacheKey;
import dev.jazero.internal.cache.CompilationStore;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.text.TextModule;
import dev.jazero.internal.text.WatParser;
import dev.jazero.internal.wasm.Encoding;
import dev.jazero.internal.wasm.SourceLines;
import dev.jazero.internal.validation.InternalCodeMaker;
import dev.jazero.internal.validation.ModuleValidator;
import dev.jazero.internal.wasm.CanonicalTypes;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.WasmModule;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime: the namespace of named module instances, the registry that gives function types
 * and function references their runtime-wide numbers, and the engine that runs code.
 */
public final class RuntimeImpl implements Runtime {

    private final RuntimeConfig config;
    private final Engine engine;
    private final Map<String, ModuleInstance> modules = new LinkedHashMap<>();
    private final List<ModuleInstance> anonymous = new ArrayList<>();
    /** Numbers the function types of every module: equivalent types get equal numbers. */
    private final CanonicalTypes types = new CanonicalTypes();
    private final List<FunctionInstance> referencedFunctions = new ArrayList<>();
    private volatile boolean closed;
    /** The listened calls running on each thread, for function listeners' stack iterators. */
    private final ThreadLocal<java.util.ArrayDeque<FunctionInstance>> listenedCalls =
            ThreadLocal.withInitial(java.util.ArrayDeque::new);
    /** Fires call deadlines; made on first use, stopped with the runtime. */
    private java.util.concurrent.ScheduledThreadPoolExecutor timer;

    /** A runtime that runs its modules with {@code engine}, the tier {@code config} asks for. */
    public RuntimeImpl(RuntimeConfig config, Engine engine) {
        this.config = Objects.requireNonNull(config);
        if (config.compilationCache() != null && !(config.compilationCache() instanceof CompilationStore)) {
            throw new IllegalArgumentException("not a cache made by CompilationCache.inMemory() or directory(): "
                    + config.compilationCache());
        }
        this.engine = Objects.requireNonNull(engine);
    }

    @Override
    public RuntimeConfig config() {
        return config;
    }

    public Engine engine() {
        return engine;
    }

    @Override
    public CompiledModule compileModule(byte[] wasmOrWat) {
        checkOpen();
        if (WatParser.looksLikeText(wasmOrWat)) {
            TextModule text = WatParser.parse(wasmOrWat, "", Encoding.of(config.coreFeatures()));
            return compileBinary(text.binary(), text.positions());
        }
        return compileBinary(wasmOrWat, null);
    }

    @Override
    public CompiledModule compileModule(String wat) {
        return compileModule(wat, "");
    }

    @Override
    public CompiledModule compileModule(String wat, String name) {
        checkOpen();
        TextModule text = WatParser.parse(wat, Objects.requireNonNull(name, "name"), Encoding.of(config.coreFeatures()));
        return compileBinary(text.binary(), text.positions());
    }

    /**
     * Compiles a binary; {@code positions}, for one translated from text, says where its
     * instructions are in the text. A compilation found in a cache keeps the positions of the
     * text it was first compiled from (texts that differ only in spacing or comments make the
     * same binary).
     */
    private CompiledModule compileBinary(byte[] binary, SourceLines positions) {
        CompilationStore cache = (CompilationStore) config.compilationCache();
        Compilation c;
        if (cache == null) {
            c = compile(binary, positions);
        } else {
            CacheKey key = CacheKey.of(config, codeOptions(), binary);
            // The key says these bytes were decoded and validated before, with these settings.
            CompilationCodec codec = new CompilationCodec(engine,
                    () -> BinaryDecoder.decodeSections(binary, Encoding.of(config.coreFeatures()), config.customSections(), config.debugInfoEnabled()));
            c = cache.load(key, codec);
            if (c != null && positions != null && c.module().textPositions == null) {
                // Decoded again from the file, or first compiled from the binary.
                c.module().textPositions = positions;
            }
            if (c == null) {
                c = compile(binary, positions);
                cache.store(key, c, codec);
            }
        }
        return new CompiledModuleImpl(c.module(), c.code(), c.classes(),
                new InternalCodeMaker(c.module(), config.coreFeatures(), engine.internalCodeOptions(codeOptions(), cache != null)), null,
                c.module().names.moduleName(), null, null);
    }

    private Compilation compile(byte[] binary, SourceLines positions) {
        // Validation reads the bodies, and checks their syntax if it fails.
        WasmModule module = BinaryDecoder.decodeSections(binary, Encoding.of(config.coreFeatures()), config.customSections(), config.debugInfoEnabled());
        module.textPositions = positions;
        // A compilation cache stores the code of the functions that stay in the interpreter.
        boolean keepCode = engine.runsInternalCode() || config.compilationCache() != null;
        IrFunction[] code = ModuleValidator.validate(module, config.coreFeatures(), codeOptions(), keepCode);
        // A cache stores everything the tier generates.
        ModuleCode compiled = engine.prepare(module, code, codeOptions(), config.compilationCache() != null);
        dropCompiledCode(module, code, compiled);
        return new Compilation(module, code, compiled);
    }

    /**
     * Internal code is needed only for the functions that run in the interpreter, which is known
     * for those whose class is generated already.
     */
    private static void dropCompiledCode(WasmModule module, IrFunction[] code, ModuleCode compiled) {
        if (compiled != null) {
            for (int i = 0; i < code.length; i++) {
                if (compiled.isGenerated(module.importedFunctionCount() + i)) {
                    code[i] = null;
                }
            }
        }
    }

    @Override
    public Module instantiate(CompiledModule module, ModuleConfig moduleConfig) {
        checkOpen();
        if (!(module instanceof CompiledModuleImpl compiled)) {
            throw new IllegalArgumentException("not a module compiled by Jazero: " + module);
        }
        checkMounts(moduleConfig.fsConfig());
        String name = moduleConfig.isNameSet() ? moduleConfig.name() : compiled.name();
        synchronized (this) {
            if (name != null && modules.containsKey(name)) {
                throw new IllegalStateException("module[" + name + "] has already been instantiated");
            }
        }
        return new Instantiator(this, compiled, name, moduleConfig).instantiate();
    }

    /**
     * A mount of a host directory that is not there fails the instantiation, naming it, rather
     * than the guest's first look at its files, where a program may only exit with an errno.
     */
    private static void checkMounts(FSConfig fs) {
        for (FSConfig.Mount m : fs.mounts()) {
            if (!Files.isDirectory(m.root())) {
                throw new IllegalArgumentException("cannot mount " + m.root() + " at " + m.guestPath() + ": "
                        + (Files.exists(m.root()) ? "not a directory" : "no such directory"));
            }
        }
    }

    /** Instances being instantiated: closing the runtime closes them too, which stops their start functions. */
    private final java.util.Set<ModuleInstance> instantiating =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    synchronized void startInstantiating(ModuleInstance instance) {
        checkOpen();
        instantiating.add(instance);
    }

    synchronized void endInstantiating(ModuleInstance instance) {
        instantiating.remove(instance);
    }

    /**
     * Makes an instance importable under its name; fails when the name is taken, or with the
     * exit of an instance closed while it was instantiated (a deadline, the runtime closed).
     */
    synchronized void add(ModuleInstance instance) {
        if (instance.isClosed()) {
            throw new dev.jazero.sys.ExitException(instance.exitCode(), instance.name());
        }
        String name = instance.name();
        if (name == null) {
            anonymous.add(instance);
            return;
        }
        if (modules.containsKey(name)) {
            throw new IllegalStateException("module[" + name + "] has already been instantiated");
        }
        modules.put(name, instance);
    }

    @Override
    public synchronized void register(String name, Module module) {
        java.util.Objects.requireNonNull(name, "name");
        if (!(module instanceof ModuleInstance instance) || instance.runtime() != this) {
            throw new IllegalArgumentException("not a module of this runtime: " + module);
        }
        modules.put(name, instance);
    }

    synchronized void removeModule(ModuleInstance instance) {
        modules.values().removeIf(m -> m == instance);
        anonymous.remove(instance);
    }

    /** Returns how many instances are open in this runtime, named or not. */
    public synchronized int openModuleCount() {
        return modules.size() + anonymous.size();
    }

    @Override
    public synchronized Module module(String name) {
        return modules.get(name);
    }

    synchronized ModuleInstance instance(String name) {
        return modules.get(name);
    }

    @Override
    public HostModuleBuilder newHostModuleBuilder(String moduleName) {
        checkOpen();
        return new HostModuleBuilderImpl(this, moduleName);
    }

    /** The runtime-wide numbers of a module's types, by index: equivalent types get equal numbers. */
    int[] typeIds(WasmModule module) {
        return types.ids(module);
    }

    /** The registry of the numbers of {@link #typeIds}, which knows their supertypes. */
    CanonicalTypes types() {
        return types;
    }

    /**
     * The slot number (non-zero) of a function, as the host ABI passes function references: the
     * next in a list that lives as long as the runtime, the first time a function needs one. The
     * engines hold the function itself (docs/references.md).
     */
    private long functionReference(FunctionInstance function) {
        long reference = function.referenceValue;
        if (reference != 0) {
            return reference;
        }
        synchronized (this) {
            if (function.referenceValue == 0) {
                referencedFunctions.add(function);
                function.referenceValue = referencedFunctions.size();
            }
            return function.referenceValue;
        }
    }

    /** Returns the function of a slot number, or null for the null reference. */
    private synchronized FunctionInstance function(long reference) {
        if (reference <= 0 || reference > referencedFunctions.size()) {
            return null;
        }
        return referencedFunctions.get((int) reference - 1);
    }

    /**
     * The host ABI's slot number of a reference: 0 for null, a function's number, an external
     * reference's {@code Long}.
     *
     * @throws IllegalArgumentException for an object that has no number (an external reference
     *     of another class, which only the object form of calls passes)
     */
    public long referenceSlot(Object ref) {
        if (ref == null) {
            return 0;
        }
        if (ref instanceof FunctionInstance f) {
            return functionReference(f);
        }
        if (ref instanceof Long value) {
            return value;
        }
        throw new IllegalArgumentException("a reference to a " + ref.getClass().getName()
                + " has no slot number: pass it with Function.callWithStack(long[], Object[])");
    }

    /**
     * The reference of a host ABI slot number, for a value of {@code type}: a function for the
     * types of functions ({@code funcref}, {@code (ref $t)}, ...), the embedder's {@code Long} for
     * those of external references.
     */
    public Object referenceEntry(dev.jazero.api.ValueType type, long slot) {
        if (slot == 0) {
            return null;
        }
        HeapType h = type.heapType();
        if (h == HeapType.EXTERN || h == HeapType.NOEXTERN) {
            return Long.valueOf(slot);
        }
        if (h.isAbstract() && h != HeapType.FUNC && h != HeapType.NOFUNC) {
            throw new IllegalArgumentException("a reference of type " + type + " has no slot number: pass it with"
                    + " Function.callWithStack(long[], Object[])");
        }
        return function(slot);
    }

    java.util.ArrayDeque<FunctionInstance> listenedCalls() {
        return listenedCalls.get();
    }

    /** The code that this runtime's configuration asks the tiers to add to every function. */
    private dev.jazero.internal.ir.CodeOptions codeOptions() {
        return new dev.jazero.internal.ir.CodeOptions(config.closeOnCancel(), config.functionListenerFactory() != null,
                config.canonicalNaNs());
    }

    /** The threads running cancellable calls, and the module each is in. */
    private final java.util.concurrent.ConcurrentHashMap<Thread, ModuleInstance> watched =
            new java.util.concurrent.ConcurrentHashMap<>();
    private boolean watchdogStarted;

    /**
     * Watches {@code thread}, which calls into {@code module}, for interrupts; returns the module
     * it was in before (a host function may call back in), for {@link #unwatchInterrupts}.
     */
    ModuleInstance watchInterrupts(Thread thread, ModuleInstance module) {
        startWatchdog();
        return watched.put(thread, module);
    }

    /** The module of the innermost call from outside Wasm running on the thread, with cancellation on; or null. */
    ModuleInstance innermostCall(Thread thread) {
        return watched.get(thread);
    }

    void unwatchInterrupts(Thread thread, ModuleInstance outer) {
        if (outer == null) {
            watched.remove(thread);
        } else {
            watched.put(thread, outer);
        }
    }

    /** Every 10 ms: an interrupted thread's module is closed, which its next check notices. */
    private synchronized void startWatchdog() {
        if (watchdogStarted || closed) {
            return;
        }
        watchdogStarted = true;
        schedule(() -> { }, java.time.Duration.ZERO);
        timer.scheduleWithFixedDelay(() -> watched.forEach((thread, module) -> {
            if (thread.isInterrupted() && !module.isClosed()) {
                module.closeWithExitCode(dev.jazero.sys.ExitException.CONTEXT_CANCELED);
            }
        }), 10, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} after {@code delay} on the runtime's timer thread, unless the runtime is closed. */
    synchronized boolean scheduleIfOpen(Runnable task, java.time.Duration delay) {
        if (closed) {
            return false;
        }
        schedule(task, delay);
        return true;
    }

    /** Runs {@code task} after {@code delay} on the runtime's timer thread. */
    synchronized java.util.concurrent.Future<?> schedule(Runnable task, java.time.Duration delay) {
        checkOpen();
        if (timer == null) {
            timer = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "jazero-deadlines");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        }
        return timer.schedule(task, Math.max(0, delay.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the runtime is closed");
        }
    }

    @Override
    public void close() {
        closeWithExitCode(0);
    }

    @Override
    public void closeWithExitCode(int exitCode) {
        List<ModuleInstance> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(modules.values());
            all.addAll(anonymous);
            all.addAll(instantiating);
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        for (ModuleInstance m : all) {
            m.closeWithExitCode(exitCode);
        }
    }
}
