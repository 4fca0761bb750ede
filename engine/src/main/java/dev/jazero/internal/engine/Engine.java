package dev.jazero.internal.engine;

import dev.jazero.internal.runtime.FunctionInstance;

/**
 * An execution tier: runs a function of an instantiated module. The interpreter implements it;
 * the compiler to JVM bytecode will too, each runtime using one.
 */
public interface Engine {

    /**
     * Calls {@code function} with its parameters in {@code stack[0..n)} and leaves its results
     * from {@code stack[0]}. The stack is at least as long as the larger of the two slot counts.
     * Traps are thrown as {@link dev.jazero.api.TrapException}.
     */
    void invoke(FunctionInstance function, long[] stack);
}
