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
     * Calls {@code function}, imported by {@code caller}, with the engine's stack convention: a
     * host function with its own stack array, turning Java failures into traps and telling its
     * listener; a WebAssembly function of another module through its runtime's engine.
     */
    public static void call(FunctionInstance function, ModuleInstance caller, long[] stack) {
        if (function.host == null) {
            // A compiled function: the compiler tier keeps no internal code for those. Its code
            // tells its own listener.
            function.module.runtime().engine().invoke(function, stack);
            return;
        }
        if (function.listener != null) {
            callListened(function, caller, stack);
            return;
        }
        callHost(function, caller, stack);
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
