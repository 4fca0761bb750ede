package dev.jazero.internal.runtime;

/**
 * The entry into a module's compiled code from outside it: the generated class implements this,
 * unpacking the parameters from the stack and packing the results back, as the engine
 * interface's stack convention wants.
 */
public interface CompiledCode {

    /** Calls the defined function {@code function} (an index of the function index space). */
    void call(int function, long[] stack, ModuleInstance instance);
}
