package dev.jazero.internal.compiler;

import dev.jazero.api.TrapKind;
import dev.jazero.internal.engine.Engine;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.Traps;

/**
 * The compiler tier: runs compiled functions, and hands functions that were not compiled to the
 * interpreter. Compiled code recurses on the Java stack, so a {@link StackOverflowError} is
 * turned into the "call stack exhausted" trap here, where the call entered compiled code.
 */
public final class CompilerEngine implements Engine {

    /** Runs the functions that were not compiled: the interpreter. */
    private final Engine interpreter;

    public CompilerEngine(Engine interpreter) {
        this.interpreter = interpreter;
    }

    @Override
    public void invoke(FunctionInstance function, long[] stack) {
        CompiledCode code = function.compiled;
        if (code == null) {
            // Pairs with the fence of CompiledClasses.callDefining, which sets code before this.
            java.lang.invoke.VarHandle.loadLoadFence();
            interpreter.invoke(function, stack);
            return;
        }
        try {
            code.call(function.index, stack, function.module);
        } catch (StackOverflowError e) {
            throw Traps.trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
    }
}
