package dev.jazero.internal.runtime;

/**
 * The entry into a module's compiled code from outside it: the generated class implements this,
 * unpacking the parameters from the stack and packing the results back, as the engine
 * interface's stack convention wants.
 */
public interface CompiledCode {

    /**
     * Calls the defined function {@code function} (an index of the function index space), its
     * references in {@code refs} at their slots (null when its type has none).
     */
    void call(int function, long[] stack, Object[] refs, ModuleInstance instance);

    /**
     * Calls the function as a tail call's target: as {@link #call}, except that a tail call the
     * function makes in turn is left pending in {@code instance} (its {@code tailCallee} and
     * {@code tailStack}) for the caller's loop to make, rather than made from a deeper frame. The
     * same as {@link #call} for a function that makes no tail call to another.
     */
    default void callAsTail(int function, long[] stack, Object[] refs, ModuleInstance instance) {
        call(function, stack, refs, instance);
    }
}
