package dev.jazero.internal.runtime;

import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.ValueType;
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
    public long[] call(java.time.Duration timeout, long... params) {
        RuntimeImpl runtime = module.runtime;
        if (!runtime.config().closeOnCancel()) {
            throw new IllegalStateException("calls with a timeout need RuntimeConfig.withCloseOnCancel(true)");
        }
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.Future<?> deadline = runtime.schedule(() -> {
            if (running.get()) {
                module.closeWithExitCode(ExitException.DEADLINE_EXCEEDED);
            }
        }, timeout);
        try {
            return call(params);
        } finally {
            running.set(false);
            deadline.cancel(false);
        }
    }

    @Override
    public void callWithStack(long[] stack) {
        if (module.isClosed()) {
            throw new ExitException(module.exitCode(), module.name());
        }
        if (stack.length < Math.max(paramSlots, resultSlots)) {
            throw new IllegalArgumentException("stack of " + stack.length + " slots is too small for "
                    + function.definition.debugName());
        }
        RuntimeImpl runtime = module.runtime;
        if (runtime.config().closeOnCancel()) {
            // The watchdog turns an interrupt of this thread into the module's cancellation.
            ModuleInstance outer = runtime.watchInterrupts(Thread.currentThread(), module);
            try {
                module.enterCall();
                try {
                    runtime.engine().invoke(function, stack);
                } finally {
                    module.exitCall();
                }
            } finally {
                runtime.unwatchInterrupts(Thread.currentThread(), outer);
            }
        } else {
            runtime.engine().invoke(function, stack);
        }
        encodeResults(function.type.results(), stack);
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
