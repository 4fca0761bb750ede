package dev.jazero.internal.compiler;

import dev.jazero.internal.cache.RefusedEntry;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.runtime.CompiledCode;
import dev.jazero.internal.runtime.Engine;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.ModuleCode;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.wasm.WasmModule;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The compiler tier: runs compiled functions, and hands functions that were not compiled to the
 * interpreter. Compiled code recurses on the Java stack, so a {@link StackOverflowError} is
 * turned into the "call stack exhausted" trap here, where the call entered compiled code.
 */
public final class CompilerEngine implements Engine {

    /** Runs the functions that were not compiled: the interpreter. */
    private final Engine interpreter;

    /** Whether functions start in the interpreter, compiled once hot ({@link Tiering}). */
    private final boolean tiered;

    public CompilerEngine(Engine interpreter, boolean tiered) {
        this.interpreter = interpreter;
        this.tiered = tiered;
    }

    /**
     * Eagerly, every class (a cache stores them); for a small module, the classes of the functions
     * that need no splitting, which cost little to generate now; else none: each is generated
     * when first called.
     */
    @Override
    public ModuleCode prepare(WasmModule module, IrFunction[] code, CodeOptions options, boolean eager) {
        if (eager) {
            return ModuleCompiler.compileAll(module, code, options);
        }
        if (tiers(options)) {
            return ModuleCompiler.compile(module, code, options, true);
        }
        return ModuleCompiler.isSmall(module) ? ModuleCompiler.compileSmall(module, code, options)
                : ModuleCompiler.compile(module, code, options, false);
    }

    private boolean tiers(CodeOptions options) {
        return tiered && Tiering.tiers(options);
    }

    /** Sampled, when functions start in the interpreter and are compiled once hot ({@link Tiering}). */
    @Override
    public CodeOptions internalCodeOptions(CodeOptions options, boolean eager) {
        return !eager && tiers(options) ? options.sampling() : options;
    }

    /** Only functions that cannot be compiled run from internal code. */
    @Override
    public boolean runsInternalCode() {
        return false;
    }

    @Override
    public void invoke(FunctionInstance function, long[] stack, Object[] refs) {
        try {
            CompiledCode code = function.compiled;
            if (code == null) {
                // Pairs with the fence of CompiledClasses.callDefining, which sets code before this.
                java.lang.invoke.VarHandle.loadLoadFence();
                interpreter.invoke(function, stack, refs);
            } else {
                code.call(function.index, stack, refs, function.module);
            }
        } catch (StackOverflowError e) {
            throw Traps.stackExhausted(e, CompilerEngine.class);
        } catch (OutOfMemoryError e) {
            // Compiled code allocates structs inline, under interpreted frames too: the allocation
            // is all that failed, and the guest traps as the interpreter's would (StructInstance.create).
            throw Traps.trap(dev.jazero.api.TrapKind.OUT_OF_MEMORY);
        }
    }

    @Override
    public void writeCode(ModuleCode code, DataOutputStream out) throws IOException {
        ClassesFile.write((CompiledClasses) code, out);
    }

    @Override
    public ModuleCode readCode(WasmModule module, ByteBuffer in) throws RefusedEntry {
        return ClassesFile.read(module, in);
    }
}
