package dev.jazero.internal.runtime;

import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the trap exceptions that execution throws. They carry only the kind's text; the
 * interpreter adds where it happened as the trap leaves WebAssembly code.
 */
public final class Traps {

    private Traps() {
    }

    public static TrapException trap(TrapKind kind) {
        return create(kind, kind.message(), null);
    }

    public static TrapException memoryOutOfBounds() {
        return trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
    }

    public static TrapException tableOutOfBounds() {
        return trap(TrapKind.TABLE_OUT_OF_BOUNDS);
    }

    /** A trap whose message adds a detail to the kind's text, as in "uninitialized element 2". */
    public static TrapException trap(TrapKind kind, String detail) {
        return create(kind, kind.message() + " " + detail, null);
    }

    /**
     * Makes a trap, located already when it happens in compiled code; a trap in the interpreter
     * is located by the interpreter as it leaves.
     */
    public static TrapException create(TrapKind kind, String message, Throwable cause) {
        List<WasmFrame> frames = CompiledFrames.capture();
        if (frames.isEmpty()) {
            return new TrapException(kind, message, cause);
        }
        return located(kind, message, cause, frames);
    }

    /** A trap located at the given frames, innermost first. */
    public static TrapException located(TrapKind kind, String message, Throwable cause, List<WasmFrame> frames) {
        List<String> names = new ArrayList<>(frames.size());
        for (WasmFrame frame : frames) {
            names.add(frame.frame());
        }
        return new TrapException(kind, located(message, frames), cause, names);
    }

    /**
     * The message of a located trap: where first, then the WebAssembly stack trace, one frame a
     * line, each followed by its source positions when known, indented once more (as wazero shows
     * them):
     * <pre>
     * integer divide by zero (at divide(i32,i32) i32, offset 0x1c6)
     * wasm stack trace:
     * 	divide(i32,i32) i32, offset 0x1c6
     * 		helper.c:5:14
     * 	run(i32,i32) i32, offset 0x158
     * 		traps.c:16:18
     * </pre>
     */
    public static String located(String message, List<WasmFrame> frames) {
        StringBuilder sb = new StringBuilder(message);
        sb.append(" (at ").append(frames.get(0).frame()).append(')');
        sb.append("\nwasm stack trace:");
        for (WasmFrame frame : frames) {
            sb.append("\n\t").append(frame.frame());
            for (String source : frame.sources()) {
                sb.append("\n\t\t").append(source);
            }
        }
        return sb.toString();
    }

    /** Returns true when the trap has not been given a location yet. */
    public static boolean lacksLocation(TrapException e) {
        return e.wasmStackTrace().isEmpty();
    }
}
