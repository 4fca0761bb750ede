package dev.jazero.internal.runtime;

import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;

/** The function an indirect call or a call through a reference calls, with their traps; the same for both tiers. */
public final class CallTargets {

    private CallTargets() {
    }

    /** The function of {@code call_indirect}: entry {@code index} of table {@code table}, of type {@code type} or below it. */
    public static FunctionInstance indirect(ModuleInstance inst, int table, int type, int index) {
        FunctionInstance f = inst.tables[table].function(index);
        if (!f.hasType(inst.typeIds[type])) {
            throw Traps.trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
        }
        return f;
    }

    /** The function a {@code call_ref} calls through {@code ref}; a trap on null. */
    public static FunctionInstance referenced(Object ref) {
        if (ref == null) {
            throw Traps.trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        return (FunctionInstance) ref;
    }
}
