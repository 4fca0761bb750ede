package dev.jazero.internal.runtime;

import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;

/**
 * Makes the trap exceptions that execution throws. They carry only the kind's text; the
 * interpreter adds where it happened as the trap leaves WebAssembly code.
 */
public final class Traps {

    private Traps() {
    }

    public static TrapException trap(TrapKind kind) {
        return new TrapException(kind);
    }

    public static TrapException memoryOutOfBounds() {
        return new TrapException(TrapKind.MEMORY_OUT_OF_BOUNDS);
    }

    public static TrapException tableOutOfBounds() {
        return new TrapException(TrapKind.TABLE_OUT_OF_BOUNDS);
    }

    /** A trap whose message adds a detail to the kind's text, as in "uninitialized element 2". */
    public static TrapException trap(TrapKind kind, String detail) {
        return new TrapException(kind, kind.message() + " " + detail, null);
    }

    /** Returns true when the trap has not been given a location yet. */
    public static boolean lacksLocation(TrapException e) {
        return e.wasmStackTrace().isEmpty();
    }
}
