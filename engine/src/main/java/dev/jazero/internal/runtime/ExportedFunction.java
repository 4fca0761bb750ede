package dev.jazero.internal.runtime;

import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.sys.ExitException;

/** A function as the embedder calls it: checks the call, runs it, encodes the results. */
final class ExportedFunction implements Function {

    private final ModuleInstance module;
    private final FunctionInstance function;
    private final int paramSlots;
    private final int resultSlots;

    ExportedFunction(ModuleInstance module, FunctionInstance function) {
        this.module = module;
        this.function = function;
        this.paramSlots = function.type.paramSlots();
        this.resultSlots = function.type.resultSlots();
    }

    @Override
    public FunctionDefinition definition() {
        return function.definition;
    }

    @Override
    public long[] call(long... params) {
        if (params.length != paramSlots) {
            throw new IllegalArgumentException("function " + function.definition.debugName() + " expects "
                    + paramSlots + " parameter slots, got " + params.length);
        }
        long[] stack = new long[Math.max(paramSlots, resultSlots)];
        System.arraycopy(params, 0, stack, 0, paramSlots);
        callWithStack(stack);
        return stack.length == resultSlots ? stack : java.util.Arrays.copyOf(stack, resultSlots);
    }

    @Override
    @SuppressWarnings("try") // the deadline is the resource: closing it ends it
    public long[] call(java.time.Duration timeout, long... params) {
        try (Deadline d = Deadline.start(module, java.util.Objects.requireNonNull(timeout, "timeout"))) {
            return call(params);
        }
    }

    @Override
    public void callWithStack(long[] stack) {
        if (stack.length < Math.max(paramSlots, resultSlots)) {
            throw new IllegalArgumentException("stack of " + stack.length + " slots is too small for "
                    + function.definition.debugName());
        }
        FuncType type = function.type;
        if (!type.hasReferences()) {
            invoke(module, function, stack, null);
        } else {
            Object[] refs = ReferenceSlots.toObjects(type.params(), stack, module.runtime);
            ReferenceSlots.check(type.params(), refs, function.module.typeIds, module.runtime,
                    "parameter of " + function.definition.debugName());
            invoke(module, function, stack, refs);
            ReferenceSlots.toSlots(type.results(), refs, stack, module.runtime);
        }
        encodeResults(type.results(), stack);
    }

    @Override
    public void callWithStack(long[] stack, Object[] references) {
        int slots = Math.max(paramSlots, resultSlots);
        if (stack.length < slots || references.length < slots) {
            throw new IllegalArgumentException("stack of " + stack.length + " slots and " + references.length
                    + " references is too small for " + function.definition.debugName());
        }
        ReferenceSlots.check(function.type.params(), references, function.module.typeIds, module.runtime,
                "parameter of " + function.definition.debugName());
        invoke(module, function, stack, references);
        encodeResults(function.type.results(), stack);
    }

    /**
     * Runs a function of {@code module} for a caller outside Wasm (the embedder, instantiation),
     * its references in {@code refs} (null when its type has none):
     * with cancellation on, as a call that closing the module, a deadline or an interrupt of the
     * calling thread stops.
     *
     * @throws ExitException when the module is closed, before or during the call
     */
    static void invoke(ModuleInstance module, FunctionInstance function, long[] stack, Object[] refs) {
        if (module.isClosed()) {
            throw new ExitException(module.exitCode(), module.name());
        }
        if (refs == null) {
            run(module, function, stack, null);
            return;
        }
        // Inside, an i31 is a pair; the caller passes and gets I31 objects.
        I31Pairs.unbox(function.type.params(), stack, refs);
        try {
            run(module, function, stack, refs);
            I31Pairs.box(function.type.results(), stack, refs);
        } finally {
            I31Pairs.scrub(refs, Math.min(refs.length,
                    Math.max(function.type.paramSlots(), function.type.resultSlots())));
        }
    }

    private static void run(ModuleInstance module, FunctionInstance function, long[] stack, Object[] refs) {
        RuntimeImpl runtime = module.runtime;
        if (!runtime.config().closeOnCancel()) {
            runtime.engine().invoke(function, stack, refs);
            return;
        }
        // The watchdog turns an interrupt of this thread into the module's cancellation.
        ModuleInstance outer = runtime.watchInterrupts(Thread.currentThread(), module);
        try {
            module.enterCall();
            try {
                runtime.engine().invoke(function, stack, refs);
            } finally {
                module.exitCall();
            }
        } finally {
            runtime.unwatchInterrupts(Thread.currentThread(), outer);
        }
    }

    /** Zero-extends the 32-bit results, as the host ABI promises. */
    static void encodeResults(ValueType[] results, long[] stack) {
        int slot = 0;
        for (ValueType t : results) {
            if (t == ValueType.I32 || t == ValueType.F32) {
                stack[slot] &= 0xFFFF_FFFFL;
            }
            slot += t.slots();
        }
    }
}
