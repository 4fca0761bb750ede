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
        if (function.listener != null) {
            callListened(function, caller, stack);
            return;
        }
        callHost(function, caller, stack);
    }

    /**
     * Calls {@code function}, imported by {@code caller}, with the engines' stack convention, its
     * references as objects in {@code refs} (null when its type has none): a host function as
     * {@link #call(FunctionInstance, ModuleInstance, long[])} does, a WebAssembly function of
     * another module through its runtime's engine.
     */
    public static void call(FunctionInstance function, ModuleInstance caller, long[] stack, Object[] refs) {
        if (function.host == null) {
            function.module.runtime().engine().invoke(function, stack, refs);
            return;
        }
        if (refs == null) {
            call(function, caller, stack);
            return;
        }
        RuntimeImpl runtime = function.module.runtime();
        ReferenceSlots.toSlots(function.type.params(), refs, stack, runtime);
        call(function, caller, stack);
        ReferenceSlots.toObjects(function.type.results(), stack, refs, runtime);
    }

    /** Runs a host function, its Java failures turned into traps. */
    private static void callHost(FunctionInstance function, ModuleInstance caller, long[] stack) {
        try {
            function.host.call(caller, stack);
        } catch (WasmException e) {
            throw e;
        } catch (StackOverflowError e) {
            // The stack is there to walk: all of it, where the error's frames are the innermost 1,024.
            throw Traps.trap(TrapKind.CALL_STACK_EXHAUSTED);
        } catch (RuntimeException e) {
            throw Traps.create(TrapKind.HOST_FUNCTION_FAILED, TrapKind.HOST_FUNCTION_FAILED.message(), e);
        }
    }

    private static void callListened(FunctionInstance function, ModuleInstance caller, long[] stack) {
        Listening.before(function, java.util.Arrays.copyOf(stack, function.type.paramSlots()));
        try {
            callHost(function, caller, stack);
        } catch (RuntimeException | Error e) {
            Listening.abort(function, e);
            throw e;
        }
        Listening.after(function, java.util.Arrays.copyOf(stack, function.type.resultSlots()));
    }
}
