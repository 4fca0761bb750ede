package dev.jazero.wasi.internal;

import dev.jazero.api.Module;
import dev.jazero.internal.runtime.ModuleInstance;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@link WasiState} of each guest that calls the module, made from the guest's
 * {@link dev.jazero.ModuleConfig} on its first call; shared by the classes of functions.
 */
final class WasiStates {

    private final Map<Module, WasiState> states = new WeakHashMap<>();

    /** The state of {@code caller}, made on its first call. */
    synchronized WasiState of(Module caller) {
        WasiState s = states.get(caller);
        if (s == null) {
            s = new WasiState(((ModuleInstance) caller).config);
            states.put(caller, s);
        }
        return s;
    }

    /** Forgets the state of {@code caller} and returns it; null when it had none. */
    synchronized WasiState remove(Module caller) {
        return states.remove(caller);
    }
}
