package dev.jazero.api;

/**
 * A host function that needs only its parameters: wazero's {@code api.GoFunction}. It reads the
 * parameters from {@code stack[0..n)} and writes the results from {@code stack[0]}, encoded as
 * {@link ValueType} describes. The array is at least as long as the larger of the parameter and
 * result counts (in slots).
 */
@FunctionalInterface
public interface StackFunction {

    /** Runs the function on the given stack. A thrown exception becomes a trap. */
    void call(long[] stack);
}
