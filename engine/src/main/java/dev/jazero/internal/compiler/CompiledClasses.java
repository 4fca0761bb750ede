package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.CompiledFrames;
import dev.jazero.internal.runtime.FrameNames;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.wasm.ExternKind;
import dev.jazero.internal.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the compiler makes of a module: a hidden class per function. Without a cache a function's
 * class is generated and defined the first time the function is needed (called, or linked from
 * another function's call), because a large program's first calls reach few of its functions;
 * with one, every class was generated up front ({@link ModuleCompiler#compileAll}) and is only
 * defined then. One object serves every instance and runtime that uses the compilation, from any
 * thread.
 */
public final class CompiledClasses {

    /** The code and method handle of a function's defined class. */
    private record Loaded(CompiledCode code, MethodHandle handle) {
    }

    /** A function that runs in the interpreter. */
    private static final Loaded INTERPRETED = new Loaded(null, null);
    /** Functions whose classes are being made share one of these locks by their index. */
    private static final int LOCKS = 64;

    private final WasmModule module;
    /** Generates functions on demand; null when every class was generated up front. */
    private final ModuleCompiler compiler;
    /** Per defined function, its class's bytes (null: interpreted) when generated up front; else null. */
    private final byte[][] classes;
    private final boolean dependsOnHugeMethodLimit;
    /**
     * Per function, null or the code offsets its line numbers stand for; filled in as functions
     * are generated, before their classes are published through {@link #loaded}.
     */
    private final int[][] siteOffsets;
    /** Per defined function: null until its class is defined or it is known to be interpreted. */
    private final AtomicReferenceArray<Loaded> loaded;
    private final Object[] locks = new Object[LOCKS];
    private volatile CompiledFrames.Names names;
    private final CompiledCode lazyCode = this::callDefining;
    private final CancellationPoint cancellationPoint = new CancellationPoint();

    /** Code generated on demand by {@code compiler}. */
    CompiledClasses(WasmModule module, ModuleCompiler compiler) {
        this(module, compiler, null, new int[module.functionCount()][], false);
    }

    /**
     * Code generated up front.
     *
     * @param classes per defined function, its class's bytes, or null when it runs in the interpreter
     * @param siteOffsets per function, null or the code offsets that its methods' line numbers
     *     stand for (see {@link FunctionCompiler#siteOffsets()})
     * @param dependsOnHugeMethodLimit whether a function passed HotSpot's limit for JIT
     *     compilation, so that which functions are compiled depends on the JVM's options
     */
    public CompiledClasses(WasmModule module, byte[][] classes, int[][] siteOffsets, boolean dependsOnHugeMethodLimit) {
        this(module, null, classes, siteOffsets, dependsOnHugeMethodLimit);
    }

    private CompiledClasses(WasmModule module, ModuleCompiler compiler, byte[][] classes, int[][] siteOffsets,
            boolean dependsOnHugeMethodLimit) {
        this.module = module;
        this.compiler = compiler;
        this.classes = classes;
        this.siteOffsets = siteOffsets;
        this.dependsOnHugeMethodLimit = dependsOnHugeMethodLimit;
        this.loaded = new AtomicReferenceArray<>(module.functionCount() - module.importedFunctionCount());
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Whether the function (an index of the function space) may run compiled: false once it is
     * known to run in the interpreter. Generates nothing.
     */
    public boolean mayBeCompiled(int function) {
        if (!ModuleCompiler.mayCompile(module, function)) {
            return false;
        }
        int d = function - module.importedFunctionCount();
        if (classes != null) {
            return classes[d] != null;
        }
        return loaded.get(d) != INTERPRETED;
    }

    /** Whether the function runs compiled; generates and defines its class if that is not known yet. */
    public boolean isCompiled(int function) {
        return mayBeCompiled(function) && (classes != null || load(function) != INTERPRETED);
    }

    /**
     * Whether the function's class was generated when the module was compiled (up front, or by
     * {@link ModuleCompiler#compileSmall}), so that it is sure to run compiled. Generates nothing.
     */
    public boolean isGenerated(int function) {
        if (!ModuleCompiler.mayCompile(module, function)) {
            return false;
        }
        return classes != null ? classes[function - module.importedFunctionCount()] != null : compiler.isPrepared(function);
    }

    /** The generator of code made on demand; null when every class was generated up front. */
    ModuleCompiler compiler() {
        return compiler;
    }

    /** Whether every class was generated up front, so that {@link #classBytes()} has them all. */
    public boolean isComplete() {
        return classes != null;
    }

    /** Per function, null or the code offsets its line numbers stand for; the caller must not change them. */
    public int[][] siteOffsets() {
        return siteOffsets;
    }

    /**
     * Per defined function, the bytes of its class, null where it runs in the interpreter; the
     * caller must not change them. Only for code generated up front ({@link #isComplete()}).
     */
    public byte[][] classBytes() {
        if (classes == null) {
            throw new IllegalStateException("classes are generated on demand");
        }
        return classes;
    }

    /**
     * Whether a function passed HotSpot's limit for JIT compilation, so that which functions
     * are compiled depends on {@link ModuleCompiler#hugeMethodsSkipped()}.
     */
    public boolean dependsOnHugeMethodLimit() {
        return compiler != null ? compiler.dependsOnHugeMethodLimit() : dependsOnHugeMethodLimit;
    }

    /** Returns true when the function's class has been defined. */
    public boolean isLoaded(int function) {
        Loaded l = loaded.get(function - module.importedFunctionCount());
        return l != null && l != INTERPRETED;
    }

    /** The code that runs the function from the engine's stack convention, defining its class if needed; null when it is interpreted. */
    public CompiledCode code(int function) {
        return load(function).code;
    }

    /**
     * The function's method, {@code (params..., ModuleInstance, int depth) result}, defining its
     * class if needed; null when the function is not compiled.
     */
    public MethodHandle handle(int function) {
        if (!mayBeCompiled(function)) {
            return null;
        }
        return load(function).handle;
    }

    /** Where cancellable code of this module checks for cancellation. */
    public CancellationPoint cancellationPoint() {
        return cancellationPoint;
    }

    /**
     * Code for functions whose class is not defined yet: the first call defines it and points the
     * calling instance's function at the real code and method, so later calls go straight there;
     * a function that turns out to run in the interpreter gets its internal code instead.
     */
    public CompiledCode lazyCode() {
        return lazyCode;
    }

    private void callDefining(int function, long[] stack, ModuleInstance instance) {
        Loaded l = load(function);
        FunctionInstance target = instance.functions[function];
        if (l == INTERPRETED) {
            target.code = instance.internalCode(function);
            // A racing caller that sees compiled == null must see the code too (CompilerEngine).
            java.lang.invoke.VarHandle.storeStoreFence();
            target.compiled = null;
            instance.runtime().engine().invoke(target, stack);
            return;
        }
        target.handle = l.handle;
        target.compiled = l.code;
        l.code.call(function, stack, instance);
    }

    private Loaded load(int function) {
        int d = function - module.importedFunctionCount();
        Loaded l = loaded.get(d);
        if (l != null) {
            return l;
        }
        synchronized (locks[d % LOCKS]) {
            l = loaded.get(d);
            if (l == null) {
                l = make(function);
                loaded.set(d, l);
            }
            return l;
        }
    }

    private Loaded make(int function) {
        if (!ModuleCompiler.mayCompile(module, function)) {
            return INTERPRETED;
        }
        byte[] bytes;
        if (classes != null) {
            bytes = classes[function - module.importedFunctionCount()];
        } else {
            ModuleCompiler.Generated g = compiler.generateNow(function);
            siteOffsets[function] = g.siteOffsets();
            bytes = g.bytes();
        }
        return bytes == null ? INTERPRETED : define(function, bytes);
    }

    private Loaded define(int function, byte[] bytes) {
        try {
            // The class finds this object, to link its calls into the module's other classes, as its class data.
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, this, true);
            Class<?> code = lookup.lookupClass();
            CompiledCode instance = (CompiledCode) lookup.findConstructor(code, MethodType.methodType(void.class)).invoke();
            MethodHandle handle = lookup.findStatic(code, ModuleCompiler.methodName(function),
                    ModuleCompiler.methodType(module.functionType(function)));
            CompiledFrames.register(code, names());
            return new Loaded(instance, handle);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load compiled code", e);
        }
    }

    /** Names for trap locations, made when the first class is defined. */
    private CompiledFrames.Names names() {
        CompiledFrames.Names n = names;
        if (n != null) {
            return n;
        }
        String[] exportNames = new String[module.functionCount()];
        for (var e : module.exports) {
            if (e.kind() == ExternKind.FUNC && exportNames[e.index()] == null) {
                exportNames[e.index()] = e.name();
            }
        }
        String[] frames = new String[module.functionCount()];
        int[] offsets = new int[module.functionCount()];
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            String debugName = FrameNames.debugName(module.names.moduleName(), module.names.functionName(f),
                    exportNames[f], f);
            frames[f] = FrameNames.frame(debugName, module.functionType(f));
            offsets[f] = module.codes.get(f - module.importedFunctionCount()).codeOffset();
        }
        n = new CompiledFrames.Names(frames, offsets, siteOffsets, module.dwarfLines);
        names = n;
        return n;
    }
}
