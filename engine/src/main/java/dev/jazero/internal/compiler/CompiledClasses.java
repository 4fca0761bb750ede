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
 * What the compiler made of a module: the bytes of its generated classes and which functions
 * they hold. A class is defined the first time one of its functions is needed (called, looked up
 * for a table or an import, or linked from another class), because defining and verifying a
 * class costs as much as generating it and a large program's first calls reach few of its
 * classes. Immutable apart from that, so one compilation serves every instance and runtime that
 * uses it, and the class bytes are what a compilation cache stores.
 */
public final class CompiledClasses {

    /** The code and method handles of one defined class. */
    private record Loaded(CompiledCode code, MethodHandle[] handles) {
    }

    private final WasmModule module;
    private final boolean[] compiled;
    private final byte[][] classes;
    private final boolean dependsOnHugeMethodLimit;
    private final int[][] siteOffsets;
    private final AtomicReferenceArray<Loaded> loaded;
    private volatile CompiledFrames.Names names;
    private final CompiledCode lazyCode = this::callDefining;

    /**
     * @param compiled for each function of the index space, whether a class holds its method
     * @param classes each class's bytes, {@link ModuleCompiler#FUNCTIONS_PER_CLASS} defined functions
     *     per class; null for a class that holds none
     * @param siteOffsets per function, null or the code offsets that its methods' line numbers
     *     stand for (see {@link FunctionCompiler#siteOffsets()})
     * @param dependsOnHugeMethodLimit whether a function passed HotSpot's limit for JIT
     *     compilation, so that which functions are compiled depends on the JVM's options
     */
    public CompiledClasses(WasmModule module, boolean[] compiled, byte[][] classes, int[][] siteOffsets,
            boolean dependsOnHugeMethodLimit) {
        this.module = module;
        this.siteOffsets = siteOffsets;
        this.dependsOnHugeMethodLimit = dependsOnHugeMethodLimit;
        this.compiled = compiled;
        this.classes = classes;
        this.loaded = new AtomicReferenceArray<>(classes.length);
    }

    /** Returns true when the function (an index of the function space) has compiled code. */
    public boolean isCompiled(int function) {
        return compiled[function];
    }

    /** Which functions have compiled code; the caller must not change the array. */
    public boolean[] compiledFunctions() {
        return compiled;
    }

    /** Per function, null or the code offsets its line numbers stand for; the caller must not change them. */
    public int[][] siteOffsets() {
        return siteOffsets;
    }

    /** The bytes of each class, null where a class holds no function; the caller must not change them. */
    public byte[][] classBytes() {
        return classes;
    }

    /**
     * Whether a function passed HotSpot's limit for JIT compilation, so that which functions
     * are compiled depends on {@link ModuleCompiler#hugeMethodsSkipped()}.
     */
    public boolean dependsOnHugeMethodLimit() {
        return dependsOnHugeMethodLimit;
    }

    /** Returns true when the class holding the function has been defined. */
    public boolean isLoaded(int function) {
        return loaded.get(ModuleCompiler.chunkOf(module, function)) != null;
    }

    /** The code that runs the function from the engine's stack convention; defines its class if needed. */
    public CompiledCode code(int function) {
        return load(ModuleCompiler.chunkOf(module, function)).code;
    }

    /**
     * The function's method, {@code (params..., ModuleInstance, int depth) result}, defining its
     * class if needed; null when the function was not compiled.
     */
    public MethodHandle handle(int function) {
        if (function < module.importedFunctionCount() || !compiled[function]) {
            return null;
        }
        int chunk = ModuleCompiler.chunkOf(module, function);
        return load(chunk).handles[function - chunkStart(chunk)];
    }

    /**
     * Code for functions whose class is not defined yet: the first call defines it and points the
     * calling instance's function at the real code and method, so later calls go straight there.
     */
    public CompiledCode lazyCode() {
        return lazyCode;
    }

    private void callDefining(int function, long[] stack, ModuleInstance instance) {
        CompiledCode code = code(function);
        FunctionInstance target = instance.functions[function];
        target.handle = handle(function);
        target.compiled = code;
        code.call(function, stack, instance);
    }

    private int chunkStart(int chunk) {
        return module.importedFunctionCount() + chunk * ModuleCompiler.FUNCTIONS_PER_CLASS;
    }

    private Loaded load(int chunk) {
        Loaded l = loaded.get(chunk);
        if (l != null) {
            return l;
        }
        synchronized (this) {
            l = loaded.get(chunk);
            if (l == null) {
                l = define(chunk);
                loaded.set(chunk, l);
            }
            return l;
        }
    }

    private Loaded define(int chunk) {
        try {
            // The class finds this object, to link its calls into the module's other classes, as its class data.
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(classes[chunk], this, true);
            Class<?> code = lookup.lookupClass();
            CompiledCode instance = (CompiledCode) lookup.findConstructor(code, MethodType.methodType(void.class)).invoke();
            int start = chunkStart(chunk);
            int end = Math.min(compiled.length, start + ModuleCompiler.FUNCTIONS_PER_CLASS);
            MethodHandle[] handles = new MethodHandle[end - start];
            for (int f = start; f < end; f++) {
                if (compiled[f]) {
                    handles[f - start] = lookup.findStatic(code, ModuleCompiler.methodName(f),
                            ModuleCompiler.methodType(module.functionType(f)));
                }
            }
            CompiledFrames.register(code, names());
            return new Loaded(instance, handles);
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
        String[] exportNames = new String[compiled.length];
        for (var e : module.exports) {
            if (e.kind() == ExternKind.FUNC && exportNames[e.index()] == null) {
                exportNames[e.index()] = e.name();
            }
        }
        String[] frames = new String[compiled.length];
        int[] offsets = new int[compiled.length];
        for (int f = module.importedFunctionCount(); f < compiled.length; f++) {
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
