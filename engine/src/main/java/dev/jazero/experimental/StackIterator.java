package dev.jazero.experimental;

import dev.jazero.api.FunctionDefinition;

/**
 * Walks the listened calls running on the current thread, innermost first: {@code while
 * (stack.next()) use(stack.function());}. Only valid during the {@code before} call it was
 * given to.
 */
public interface StackIterator {

    /** Moves to the next frame; false when there is none. */
    boolean next();

    /** Returns the function of the current frame. */
    FunctionDefinition function();
}
