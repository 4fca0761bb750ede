package dev.jazero.internal.compiler;

import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.runtime.CompiledCode;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.TierUp;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.wasm.FunctionCode;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * Tiered execution in the compiler tier: a module's functions start in the interpreter, whose
 * sampled code reports here every {@code 1024}th entry or loop iteration it runs, and a function
 * sampled {@link #SAMPLES} times is compiled; its later calls run compiled. A call that is in a
 * loop when its function is found hot carries on in compiled code from the loop's header, through
 * a method made for entering there ({@link ModuleCompiler#generateLoopEntry}), so that a program
 * whose work is one long loop leaves the interpreter too (docs/compiler.md, "Tiered execution").
 */
final class Tiering implements TierUp {

    /**
     * Samples after which a function is compiled; 0 compiles each function at its first call
     * instead ({@code -Djazero.compiler.tierUpSamples=N}, for measurements and tests).
     */
    static final int SAMPLES = Integer.getInteger("jazero.compiler.tierUpSamples", 4);

    private final CompiledClasses classes;
    private final WasmModule module;

    Tiering(CompiledClasses classes, WasmModule module) {
        this.classes = classes;
        this.module = module;
    }

    /**
     * Whether functions compiled with {@code options} start in the interpreter: unless tiering is
     * off, or function listeners hear the calls (a call that changed tiers midway would be heard
     * differently from one that did not).
     */
    static boolean tiers(CodeOptions options) {
        return SAMPLES > 0 && !options.listening();
    }

    /** The module's classes: for tests. */
    CompiledClasses classes() {
        return classes;
    }

    /** How many loop entries were made: for tests. */
    int loopEntries() {
        return classes.loopEntryCount();
    }

    @Override
    public boolean compile(FunctionInstance function) {
        if (function.compiled == null) {
            CompiledCode code = classes.code(function.index);
            if (code == null) {
                // Left to the interpreter: no more samples reach here.
                function.samples = Integer.MIN_VALUE;
                return false;
            }
            function.handle = classes.handle(function.index);
            // A racing caller that sees the code must see the method too.
            java.lang.invoke.VarHandle.storeStoreFence();
            function.compiled = code;
        }
        return true;
    }

    @Override
    public int sample(FunctionInstance function, long[] values, Object[] refs, int fp, int sp, int pc) {
        if (++function.samples < SAMPLES) {
            return -1;
        }
        if (!compile(function)) {
            return -1;
        }
        int f = function.index;
        FunctionCode body = module.codes.get(f - module.importedFunctionCount());
        int offset = function.code.offsets()[pc - 1] - body.codeOffset();
        if (offset < 0 || offset >= body.code().length || (body.code()[offset] & 0xFF) != Opcode.LOOP) {
            // At the function's entry: this call goes on here, the next ones run compiled.
            return -1;
        }
        MethodHandle entry = classes.loopEntry(f, offset);
        if (entry == null) {
            return -1;
        }
        int results = function.type.resultSlots();
        long[] frame = Arrays.copyOfRange(values, fp, Math.max(sp, fp + results));
        Object[] frameRefs = Arrays.copyOfRange(refs, fp, Math.max(sp, fp + results));
        try {
            entry.invokeExact(frame, frameRefs, function.module);
        } catch (StackOverflowError e) {
            throw Traps.stackExhausted(e, Tiering.class);
        } catch (OutOfMemoryError e) {
            // As CompilerEngine.invoke: an allocation of compiled code failed, not the runtime.
            throw Traps.trap(dev.jazero.api.TrapKind.OUT_OF_MEMORY);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(frame, 0, values, fp, results);
        System.arraycopy(frameRefs, 0, refs, fp, results);
        return results;
    }
}
