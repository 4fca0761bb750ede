package dev.jazero.internal.validation;

import dev.jazero.api.CoreFeatures;
import dev.jazero.internal.ir.CodeBuffer;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.WasmModule;
import java.util.Set;

/**
 * Makes the internal code of a validated module's function again, for a tier that kept only the
 * sizes of each function's frame from validation
 * ({@link ModuleValidator#validate(WasmModule, CoreFeatures, CodeOptions, boolean)}). The
 * compiler runs a function from internal code only when it cannot compile it, which few functions
 * come to: a 16 MB module's internal code takes some 70 MB of heap, most of it for functions that
 * never run. Validating a body again gives the code that validation made the first time.
 */
public final class InternalCodeMaker {

    private final WasmModule module;
    private final CoreFeatures features;
    private final CodeOptions options;
    /** What {@code ref.func} may name; found with the first function made. */
    private Set<Integer> declaredFunctions;

    public InternalCodeMaker(WasmModule module, CoreFeatures features, CodeOptions options) {
        this.module = module;
        this.features = features;
        this.options = options;
    }

    /** The internal code of a defined function (an index of the function space). */
    public synchronized IrFunction make(int function) {
        if (declaredFunctions == null) {
            declaredFunctions = ModuleValidator.declaredFunctions(module, features);
        }
        return CodeValidator.validate(module, features, options, declaredFunctions, function, new CodeBuffer(), true);
    }
}
