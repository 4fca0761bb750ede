package dev.jazero.internal.runtime;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.ValueType;
import dev.jazero.experimental.StackIterator;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Calls function listeners for both tiers. The listened calls running on a thread form a shadow
 * stack, kept per runtime and thread, which is what the {@link StackIterator} walks, so both
 * tiers show the same frames. Only code compiled for listening calls in here.
 */
public final class Listening {

    private Listening() {
    }

    static ArrayDeque<FunctionInstance> stack(FunctionInstance function) {
        return function.module.runtime().listenedCalls();
    }

    /** Before a call: {@code params} are the parameter slots as the engine keeps them. */
    public static void before(FunctionInstance function, long[] params) {
        if (function.listener == null) {
            return;
        }
        encode(function.type.params(), params);
        ArrayDeque<FunctionInstance> stack = stack(function);
        stack.push(function);
        function.listener.before(function.module, function.definition, params, iterator(stack));
    }

    public static void after(FunctionInstance function, long[] results) {
        if (function.listener == null) {
            return;
        }
        encode(function.type.results(), results);
        stack(function).pop();
        function.listener.after(function.module, function.definition, results);
    }

    public static void abort(FunctionInstance function, Throwable cause) {
        if (function.listener == null) {
            return;
        }
        stack(function).pop();
        function.listener.abort(function.module, function.definition, cause);
    }

    // ---- the interpreter's view: slots of its value stack ----

    public static void beforeInterpreted(FunctionInstance function, long[] s, int fp) {
        if (function.listener != null) {
            long[] params = new long[function.type.paramSlots()];
            System.arraycopy(s, fp, params, 0, params.length);
            before(function, params);
        }
    }

    public static void afterInterpreted(FunctionInstance function, long[] s, int sp) {
        if (function.listener != null) {
            long[] results = new long[function.type.resultSlots()];
            System.arraycopy(s, sp - results.length, results, 0, results.length);
            after(function, results);
        }
    }

    // ---- compiled code's view: a function index of the calling instance ----

    public static void beforeCompiled(long[] params, ModuleInstance instance, int function) {
        before(instance.functions[function], params);
    }

    public static void afterCompiled(long[] results, ModuleInstance instance, int function) {
        after(instance.functions[function], results);
    }

    public static void abortCompiled(Throwable cause, ModuleInstance instance, int function) {
        abort(instance.functions[function], cause);
    }

    /** Zero-extends 32-bit values, as the host ABI shows them. */
    private static void encode(ValueType[] types, long[] slots) {
        int slot = 0;
        for (ValueType t : types) {
            if (t == ValueType.I32 || t == ValueType.F32) {
                slots[slot] &= 0xFFFF_FFFFL;
            }
            slot += t.slots();
        }
    }

    private static StackIterator iterator(ArrayDeque<FunctionInstance> stack) {
        Iterator<FunctionInstance> frames = stack.iterator();
        return new StackIterator() {
            private FunctionDefinition current;

            @Override
            public boolean next() {
                current = frames.hasNext() ? frames.next().definition : null;
                return current != null;
            }

            @Override
            public FunctionDefinition function() {
                return current;
            }
        };
    }
}
