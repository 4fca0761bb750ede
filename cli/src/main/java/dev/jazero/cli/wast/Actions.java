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
            long[] slots = type == ValueType.V128 ? new long[] {global.get(), global.getHigh()} : new long[] {global.get()};
            return new Values(List.of(type), slots);
        }
        Function function = module.exportedFunction(action.name());
        if (function == null) {
            throw new CommandFailure(what + ": the module exports no function \"" + action.name() + "\"");
        }
        long[] results = function.call(arguments(action.args()));
        return new Values(function.definition().resultTypes(), results);
    }

    /** Encodes the script's arguments as host ABI slots. */
    static long[] arguments(List<WastValue> args) {
        int slots = 0;
        for (WastValue arg : args) {
            slots += arg instanceof WastValue.V128 ? 2 : 1;
        }
        long[] stack = new long[slots];
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
                stack[at++] = 0;
            } else if (arg instanceof WastValue.RefExtern v) {
                stack[at++] = ExternRefs.toSlot(v.index());
            } else {
                throw new CommandFailure("unsupported argument " + ValueText.value(arg));
            }
        }
        return stack;
    }

    /** Returns {@code invoke $M "name"} or {@code get "name"}, for messages. */
    static String describe(WastAction action) {
        return (action.kind() == WastAction.Kind.GET ? "get " : "invoke ")
                + (action.module() == null ? "" : action.module() + " ") + "\"" + action.name() + "\"";
    }
}
