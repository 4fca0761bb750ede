package dev.jazero.internal.runtime;

import dev.jazero.internal.cache.RefusedEntry;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.WasmModule;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An execution tier, as the runtime uses it: it prepares each compiled module's code and runs
 * functions. The runtime owns this interface and names no tier; the tiers implement it, and
 * {@code dev.jazero.internal.engine.Engines} is the one place that picks a runtime's.
 */
public interface Engine {

    /**
     * Prepares a validated module whose functions' internal code is {@code code}: the tier's own
     * code for the module, or null when the internal code is all it runs. With {@code eager},
     * everything is generated now (a compilation cache stores it); else what the tier chooses,
     * and the rest when first called.
     */
    ModuleCode prepare(WasmModule module, IrFunction[] code, CodeOptions options, boolean eager);

    /**
     * Whether the tier runs every function from its internal code (the interpreter), so that
     * validation keeps that code for all of them; else it keeps only the sizes of each function's
     * frame, and the code of a function that the tier runs from it all the same is made again when
     * first needed ({@code dev.jazero.internal.validation.InternalCodeMaker}).
     */
    boolean runsInternalCode();

    /**
     * The options of the internal code this tier runs, for a runtime whose configuration asks for
     * {@code options}: the same, unless the tier samples it to find hot functions
     * ({@link TierUp}), which it does not when everything is generated now ({@code eager}).
     */
    default dev.jazero.internal.ir.CodeOptions internalCodeOptions(dev.jazero.internal.ir.CodeOptions options,
            boolean eager) {
        return options;
    }

    /**
     * Calls {@code function} with its parameters in {@code stack[0..n)} and leaves its results
     * from {@code stack[0]}. The stack is at least as long as the larger of the two slot counts.
     * A reference parameter or result is the object in {@code refs} at its slot's index
     * (docs/references.md); {@code refs} is as long as the larger slot count too, or null when the function's
     * type has no references ({@link dev.jazero.internal.wasm.FuncType#hasReferences}). Traps are
     * thrown as {@link dev.jazero.api.TrapException}.
     */
    void invoke(FunctionInstance function, long[] stack, Object[] refs);

    /**
     * Writes this tier's code for a module, all of it generated ({@code eager}), for a
     * compilation cache's file; the tier alone knows its format.
     */
    void writeCode(ModuleCode code, DataOutputStream out) throws IOException;

    /**
     * Reads what {@link #writeCode} wrote, for {@code module}. A payload that is cut short or
     * damaged throws as {@link dev.jazero.internal.cache.EntryCodec#read} allows.
     *
     * @throws RefusedEntry when the code cannot be used with this JVM
     */
    ModuleCode readCode(WasmModule module, ByteBuffer in) throws RefusedEntry;
}
