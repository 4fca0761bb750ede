package dev.jazero.cli.wast;

import dev.jazero.api.Function;
import dev.jazero.api.Global;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import dev.jazero.internal.text.WastAction;
import dev.jazero.internal.text.WastValue;
import java.util.List;

/** Performs {@code invoke} and {@code get} through the public API. */
final class Actions {

    private Actions() {
    }

    /**
     * Performs the action and returns what it produced. Exceptions of the engine (traps among
     * them) pass through; a missing module or export is a {@link CommandFailure}.
     */
    static Values perform(ScriptState state, WastAction action) {
        String what = describe(action);
        Module module = state.module(action.module(), what);
        if (action.kind() == WastAction.Kind.GET) {
            Global global = module.exportedGlobal(action.name());
            if (global == null) {
                throw new CommandFailure(what + ": the module exports no global \"" + action.name() + "\"");
            }
            ValueType type = global.type();
            if (type.isReference()) {
                return new Values(List.of(type), new long[1], new Object[] {global.getReference()});
            }
            long[] slots = type == ValueType.V128 ? new long[] {global.get(), global.getHigh()} : new long[] {global.get()};
            return new Values(List.of(type), slots, new Object[slots.length]);
        }
        Function function = module.exportedFunction(action.name());
        if (function == null) {
            throw new CommandFailure(what + ": the module exports no function \"" + action.name() + "\"");
        }
        List<ValueType> results = function.definition().resultTypes();
        int paramSlots = slots(function.definition().paramTypes());
        int resultSlots = slots(results);
        if (arguments(action.args()) != paramSlots) {
            throw new CommandFailure(what + ": " + action.args().size() + " arguments for "
                    + function.definition().paramTypes().size() + " parameters");
        }
        long[] stack = new long[Math.max(paramSlots, resultSlots)];
        Object[] refs = new Object[stack.length];
        arguments(action.args(), stack, refs);
        function.callWithStack(stack, refs);
        return new Values(results, java.util.Arrays.copyOf(stack, resultSlots), java.util.Arrays.copyOf(refs, resultSlots));
    }

    private static int slots(List<ValueType> types) {
        int n = 0;
        for (ValueType t : types) {
            n += t.slots();
        }
        return n;
    }

    /** The slots the script's arguments take. */
    private static int arguments(List<WastValue> args) {
        int slots = 0;
        for (WastValue arg : args) {
            slots += arg instanceof WastValue.V128 ? 2 : 1;
        }
        return slots;
    }

    /**
     * Writes the script's arguments into host ABI slots from slot 0, references as objects in
     * {@code refs}: a host reference {@code (ref.extern n)} or {@code (ref.host n)} is the
     * {@code Long} of {@link ExternRefs#toSlot}.
     */
    static void arguments(List<WastValue> args, long[] stack, Object[] refs) {
        int at = 0;
        for (WastValue arg : args) {
            if (arg instanceof WastValue.I32 v) {
                stack[at++] = ValueType.encodeI32(v.value());
            } else if (arg instanceof WastValue.I64 v) {
                stack[at++] = v.value();
            } else if (arg instanceof WastValue.F32 v) {
                stack[at++] = v.bits() & 0xFFFF_FFFFL;
            } else if (arg instanceof WastValue.F64 v) {
                stack[at++] = v.bits();
            } else if (arg instanceof WastValue.V128 v) {
                stack[at++] = v.low();
                stack[at++] = v.high();
            } else if (arg instanceof WastValue.RefNull) {
                refs[at++] = null;
            } else if (arg instanceof WastValue.RefExtern v) {
                refs[at++] = ExternRefs.toSlot(v.index());
            } else if (arg instanceof WastValue.RefHost v) {
                refs[at++] = ExternRefs.toSlot(v.index());
            } else {
                throw new CommandFailure("unsupported argument " + ValueText.value(arg));
            }
        }
    }

    /** Returns {@code invoke $M "name"} or {@code get "name"}, for messages. */
    static String describe(WastAction action) {
        return (action.kind() == WastAction.Kind.GET ? "get " : "invoke ")
                + (action.module() == null ? "" : action.module() + " ") + "\"" + action.name() + "\"";
    }
}
