package dev.jazero.experimental;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;

/**
 * Hears the calls of one function, like wazero's {@code experimental.FunctionListener}: before it
 * runs, after it returns, and when it is left by an exception (a trap, an exit). Values are
 * encoded as {@link dev.jazero.api.ValueType} describes; the arrays are the listener's to keep.
 *
 * <p>Listeners are installed with {@link dev.jazero.RuntimeConfig#withFunctionListenerFactory};
 * a runtime without a factory compiles no listening code at all, so they cost nothing unless used.
 */
public interface FunctionListener {

    /**
     * Called before the function runs.
     *
     * @param module the module instance the function belongs to
     * @param params the parameters
     * @param stack the listened calls now running on this thread, innermost (this one) first
     */
    default void before(Module module, FunctionDefinition definition, long[] params, StackIterator stack) {
    }

    /** Called after the function returned its results. */
    default void after(Module module, FunctionDefinition definition, long[] results) {
    }

    /** Called when the function is left by an exception instead of returning. */
    default void abort(Module module, FunctionDefinition definition, Throwable cause) {
    }
}
