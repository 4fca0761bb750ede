package dev.jazero.internal.runtime;

import dev.jazero.api.HostFunction;
import dev.jazero.api.Module;
import dev.jazero.api.ReferenceHostFunction;

/**
 * A {@link ReferenceHostFunction} where the engines keep host functions: called with its
 * references as objects ({@link HostCalls}); from code that passes none (compiled code holds no
 * references), with an array of nulls.
 */
final class ReferenceHost implements HostFunction {

    final ReferenceHostFunction function;

    ReferenceHost(ReferenceHostFunction function) {
        this.function = function;
    }

    @Override
    public void call(Module caller, long[] stack) {
        function.call(caller, stack, new Object[stack.length]);
    }
}
