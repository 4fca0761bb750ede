package dev.jazero.api;

/**
 * A function of an instantiated module, callable from Java. Like wazero's {@code api.Function}.
 *
 * <p>A {@code Function} may be called from several threads at once only if the guest code is safe
 * for that; WebAssembly modules usually are not, so give each thread its own module instance.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface Function {

    /** Returns the function's definition. */
    FunctionDefinition definition();

    /**
     * Calls the function with parameters encoded as {@link ValueType} describes, and returns its
     * results encoded the same way (an empty array when it has none).
     *
     * @throws IllegalArgumentException when the number of parameter slots is wrong
     * @throws TrapException when execution traps
     * @throws dev.jazero.sys.ExitException when the guest exits
     */
    long[] call(long... params);

    /**
     * Calls the function like {@link #call(long...)}, stopping it when it runs longer than
     * {@code timeout}: the call then ends with a {@link dev.jazero.sys.ExitException} of code
     * {@link dev.jazero.sys.ExitException#DEADLINE_EXCEEDED} and the module is closed. Needs a
     * runtime configured with {@link dev.jazero.RuntimeConfig#withCloseOnCancel(boolean)}.
     *
     * @throws IllegalStateException when the runtime cannot cancel calls
     */
    long[] call(java.time.Duration timeout, long... params);

    /**
     * Calls the function with parameters in {@code stack[0..n)} and writes results from
     * {@code stack[0]}, without allocating a result array. The stack must be at least as long as
     * the larger of the parameter and result slot counts.
     */
    void callWithStack(long[] stack);

    /**
     * Calls the function like {@link #callWithStack(long[])}, with its reference parameters and
     * results as objects in {@code references}, at the indexes of their slots in {@code stack}
     * (whose own slots for them are then ignored). Null is the null reference; an external
     * reference is the embedder's object, whatever its class; the engine's references (functions,
     * and with garbage collection structs, arrays and exceptions) are objects it hands out, which
     * an embedder can pass back. Both arrays must be at least as long as the larger of the
     * parameter and result slot counts.
     *
     * @throws IllegalArgumentException when an array is too short
     */
    void callWithStack(long[] stack, Object[] references);
}
