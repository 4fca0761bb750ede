package dev.jazero.internal.runtime;

import dev.jazero.api.TrapKind;
import dev.jazero.api.WasmException;

/**
 * The path of a call into an imported function, which both tiers take: host functions run on
 * their own stack array, with their Java failures turned into traps and their listeners told.
 */
public final class HostCalls {

    private HostCalls() {
    }

    /**
     * Calls the host function {@code function}, imported by {@code caller}, on its own stack array,
     * with references as the host ABI numbers them: turns Java failures into traps and tells its
     * listener.
     */
    public static void call(FunctionInstance function, ModuleInstance caller, long[] stack) {
        callHostFunction(function, caller, stack, null);
    }

    /**
     * Calls {@code function}, imported by {@code caller}, with the engines' stack convention, its
     * references as objects in {@code refs} (null when its type has none): a host function as
     * {@link #call(FunctionInstance, ModuleInstance, long[])} does (one made with
     * {@code withReferenceFunction} takes the objects, another their numbers), a WebAssembly
     * function of another module through its runtime's engine.
     */
    public static void call(FunctionInstance function, ModuleInstance caller, long[] stack, Object[] refs) {
        if (function.host == null) {
            function.module.runtime().engine().invoke(function, stack, refs);
            return;
        }
        if (refs == null) {
            callHostFunction(function, caller, stack, null);
            return;
        }
        RuntimeImpl runtime = function.module.runtime();
        // A host function sees an i31 as an I31 object, and may return one (I31Pairs).
        I31Pairs.box(function.type.params(), stack, refs);
        try {
            if (function.host instanceof ReferenceHost) {
                callHostFunction(function, caller, stack, refs);
            } else {
                ReferenceSlots.toSlots(function.type.params(), refs, stack, runtime);
                callHostFunction(function, caller, stack, null);
                ReferenceSlots.toObjects(function.type.results(), stack, refs, runtime);
            }
            // The guest relies on its types: a host function's references are checked against them.
            ReferenceSlots.check(function.type.results(), refs, function.module.typeIds, runtime,
                    "result of host function " + function.definition.debugName());
            I31Pairs.unbox(function.type.results(), stack, refs);
        } catch (IllegalArgumentException e) {
            throw Traps.create(TrapKind.HOST_FUNCTION_FAILED, TrapKind.HOST_FUNCTION_FAILED.message(), e);
        }
    }

    /** Runs a host function, telling its listener; {@code refs} is non-null only for a {@link ReferenceHost}. */
    private static void callHostFunction(FunctionInstance function, ModuleInstance caller, long[] stack, Object[] refs) {
        if (function.listener == null) {
            callHost(function, caller, stack, refs);
            return;
        }
        Listening.before(function, java.util.Arrays.copyOf(stack, function.type.paramSlots()));
        try {
            callHost(function, caller, stack, refs);
        } catch (RuntimeException | Error e) {
            Listening.abort(function, e);
            throw e;
        }
        Listening.after(function, java.util.Arrays.copyOf(stack, function.type.resultSlots()));
    }

    /** Runs a host function, its Java failures turned into traps. */
    private static void callHost(FunctionInstance function, ModuleInstance caller, long[] stack, Object[] refs) {
        try {
            if (refs != null) {
                ((ReferenceHost) function.host).function.call(caller, stack, refs);
            } else {
                function.host.call(caller, stack);
            }
        } catch (WasmException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw Traps.stackExhausted(e, HostCalls.class);
        } catch (RuntimeException e) {
            throw Traps.create(TrapKind.HOST_FUNCTION_FAILED, TrapKind.HOST_FUNCTION_FAILED.message(), e);
        }
    }
}
