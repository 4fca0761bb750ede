package dev.jazero.internal.runtime;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.HostFunction;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.FuncType;

/**
 * A function of a module instance: WebAssembly code ({@link #code}) or a host function
 * ({@link #host}). {@link #typeId} is the runtime-wide number of its type, so that
 * {@code call_indirect} compares types with one int comparison.
 */
public final class FunctionInstance {

    public final ModuleInstance module;
    public final FuncType type;
    public final int typeId;
    /**
     * The function's internal code when it runs in the interpreter, else null. Set once more
     * after construction when a function the compiler tier was to compile turns out to run in
     * the interpreter, or starts there with tiered compilation (the tier's code finds out on the
     * first call), before {@link #compiled} is cleared; it stays set once such a function is
     * compiled, for the interpreter's frames that still run it.
     */
    public IrFunction code;
    public final HostFunction host;
    public final FunctionDefinition definition;
    /** Hears this function's calls, or null. */
    public final dev.jazero.experimental.FunctionListener listener;
    /** The function's index in its module's function index space. */
    public final int index;
    /**
     * The module's compiled code when the compiler compiled this function, else null. Until its
     * class is defined, code that defines it and then fills in this field and {@link #handle};
     * with tiered compilation, null while the function runs in the interpreter, until
     * {@link TierUp} compiles it. The interpreter calls a function compiled when this is set.
     */
    public CompiledCode compiled;
    /**
     * The compiled method, {@code (params..., ModuleInstance) result}, or null: also
     * while its class is not defined yet, so that calls take the engine's path, which defines it.
     * Written once more after construction, with an immutable object: a racing reader sees null or it.
     */
    public java.lang.invoke.MethodHandle handle;
    /**
     * Samples taken of this function running in the interpreter ({@link TierUp}); plain, and
     * racy when threads share the instance: a lost update only delays its compilation.
     */
    public int samples;
    /** The reference value of this function once it has been used as one; 0 before. */
    long referenceValue;

    public FunctionInstance(ModuleInstance module, int index, FuncType type, int typeId, IrFunction code,
            HostFunction host, CompiledCode compiled, java.lang.invoke.MethodHandle handle,
            FunctionDefinition definition, dev.jazero.experimental.FunctionListener listener) {
        this.handle = handle;
        this.listener = listener;
        this.module = module;
        this.index = index;
        this.compiled = compiled;
        this.type = type;
        this.typeId = typeId;
        this.code = code;
        this.host = host;
        this.definition = definition;
    }

    /** The function as a stack trace frame shows it, {@code module.function(params) results}. */
    public String frame() {
        return FrameNames.frame(definition.debugName(), type);
    }

    /** Where the instructions of the module that defines this function come from, or null. */
    public dev.jazero.internal.wasm.SourceLines sourceLines() {
        return module != null && module.compiled != null ? module.compiled.module.sourceLines() : null;
    }

    @Override
    public String toString() {
        return definition.debugName();
    }

    /**
     * Whether the function's type is the type of number {@code expected} or a subtype of it
     * ({@code call_indirect}'s check, and an import's): equal numbers first, the supertypes only
     * when they differ.
     */
    public boolean hasType(int expected) {
        return typeId == expected || module.runtime().types().isSubtype(typeId, expected);
    }
}
