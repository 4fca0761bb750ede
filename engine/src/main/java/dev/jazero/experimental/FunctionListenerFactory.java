package dev.jazero.experimental;

import dev.jazero.api.FunctionDefinition;

/** Chooses the listener of each function when a module is instantiated; null means none. */
@FunctionalInterface
public interface FunctionListenerFactory {

    /** Returns the listener for calls of {@code definition}, or null to leave them unheard. */
    FunctionListener newListener(FunctionDefinition definition);
}
