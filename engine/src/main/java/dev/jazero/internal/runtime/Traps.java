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
        if (frames.contains(CompiledFrames.INTERPRETED)) {
            // An interpreter's frames are among them: it fills them in as the trap leaves it.
            return new PendingTrap(kind, message, cause, frames);
        }
        return located(kind, message, cause, frames);
    }

    /**
     * Locates a trap that leaves an activation of the interpreter whose frames, innermost first,
     * are {@code interpreted}: a trap without a location gets them; one made with compiled frames
     * around that activation gets them in its place. A trap located already is returned as it is.
     */
    public static TrapException locate(TrapException trap, List<WasmFrame> interpreted) {
        if (!lacksLocation(trap)) {
            return trap;
        }
        TrapException located;
        if (trap instanceof PendingTrap pending) {
            List<WasmFrame> frames = pending.frames;
            int at = frames.indexOf(CompiledFrames.INTERPRETED);
            frames.remove(at);
            frames.addAll(at, interpreted);
            if (frames.contains(CompiledFrames.INTERPRETED)) {
                // Outer activations still to come: the same trap goes on, without a copy of its
                // Java stack trace at each of them.
                return pending;
            }
            located = located(trap.trapKind(), trap.getMessage(), trap.getCause(), frames);
        } else {
            located = located(trap.trapKind(), trap.getMessage(), trap.getCause(), interpreted);
        }
        located.setStackTrace(trap.getStackTrace());
        return located;
    }

    /**
     * A trap made in or under the interpreter's loop with compiled frames around it, whose location
     * waits for the interpreter's frames: unlocated until then ({@link #locate}).
     */
    static final class PendingTrap extends TrapException {
        /** Innermost first; each activation of the interpreter the trap leaves puts its frames in its marker's place. */
        final List<WasmFrame> frames;

        PendingTrap(TrapKind kind, String message, Throwable cause, List<WasmFrame> frames) {
            super(kind, message, cause);
            this.frames = new ArrayList<>(frames);
        }
    }

    /**
     * The "call stack exhausted" trap of a {@link StackOverflowError} caught in {@code catcher}:
     * located at the compiled frames among those the error carries, the innermost that the JVM
     * records (1,024 by default); a last line says so when the calls from {@code catcher} on are
     * more than that. Unlocated when none of them is compiled WebAssembly code's, and pending when
     * an interpreter's activation is among them, as {@link #create} makes them. It never walks the
     * stack: a guest that recurses through host functions may run out of stack at every level,
     * and a walk of the whole stack at each would cost the square of its depth.
     */
    public static TrapException stackExhausted(StackOverflowError e, Class<?> catcher) {
        TrapKind kind = TrapKind.CALL_STACK_EXHAUSTED;
        StackTraceElement[] trace = e.getStackTrace();
        List<WasmFrame> frames = CompiledFrames.of(trace);
        if (frames.isEmpty()) {
            return new TrapException(kind, kind.message(), null);
        }
        if (frames.contains(CompiledFrames.INTERPRETED)) {
            return new PendingTrap(kind, kind.message(), null, frames);
        }
        boolean complete = false;
        for (StackTraceElement element : trace) {
            complete |= element.getClassName().equals(catcher.getName());
        }
        String message = located(kind.message(), frames)
                + (complete ? "" : "\n\t... and the calls before them, which the JVM does not record");
        return new TrapException(kind, message, null, names(frames));
    }

    /** A trap located at the given frames, innermost first. */
    public static TrapException located(TrapKind kind, String message, Throwable cause, List<WasmFrame> frames) {
        return new TrapException(kind, located(message, frames), cause, names(frames));
    }

    /** The frames' names, as a trap's WebAssembly stack trace lists them. */
    private static List<String> names(List<WasmFrame> frames) {
        List<String> names = new ArrayList<>(frames.size());
        for (WasmFrame frame : frames) {
            names.add(frame.frame());
        }
        return names;
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
     * Frames that repeat, as deep recursion leaves them, are written once, followed by how many
     * more times they repeat ({@link #foldedTrace}), so that a trace of 50,000 calls is a few lines.
     */
    public static String located(String message, List<WasmFrame> frames) {
        StringBuilder sb = new StringBuilder(message);
        sb.append(" (at ").append(frames.get(0).frame()).append(')');
        sb.append("\nwasm stack trace:");
        foldedTrace(sb, frames);
        return sb.toString();
    }

    /** The longest cycle of frames that {@link #located} folds: mutual recursion through up to this many functions. */
    static final int MAX_CYCLE = 8;
    /** How many times a cycle must repeat to be folded. */
    static final int MIN_REPEATS = 3;

    /**
     * Appends the frames, one a line, with each run of a cycle of up to {@link #MAX_CYCLE}
     * frames that repeats at least {@link #MIN_REPEATS} times written once and then as
     * {@code ... 49,999 more calls of rec(i32) i32} (a cycle of one frame) or
     * {@code ... 1,234 more times the 2 calls above}.
     */
    static void foldedTrace(StringBuilder sb, List<WasmFrame> frames) {
        int i = 0;
        int n = frames.size();
        while (i < n) {
            int bestCycle = 0;
            int bestRepeats = 0;
            for (int cycle = 1; cycle <= MAX_CYCLE && i + cycle * MIN_REPEATS <= n; cycle++) {
                int repeats = repeats(frames, i, cycle);
                if (repeats >= MIN_REPEATS && repeats * cycle > bestRepeats * bestCycle) {
                    bestCycle = cycle;
                    bestRepeats = repeats;
                }
            }
            if (bestCycle == 0) {
                append(sb, frames.get(i++));
                continue;
            }
            for (int k = 0; k < bestCycle; k++) {
                append(sb, frames.get(i + k));
            }
            String more = String.format("%,d", bestRepeats - 1);
            sb.append("\n\t... ").append(more).append(bestCycle == 1
                    ? " more calls of " + functionOf(frames.get(i).frame())
                    : " more times the " + bestCycle + " calls above");
            i += bestCycle * bestRepeats;
        }
    }

    /** How many times the {@code cycle} frames from {@code start} follow each other from there. */
    private static int repeats(List<WasmFrame> frames, int start, int cycle) {
        int repeats = 1;
        int next = start + cycle;
        while (next + cycle <= frames.size()) {
            for (int k = 0; k < cycle; k++) {
                if (!frames.get(start + k).equals(frames.get(next + k))) {
                    return repeats;
                }
            }
            repeats++;
            next += cycle;
        }
        return repeats;
    }

    private static void append(StringBuilder sb, WasmFrame frame) {
        sb.append("\n\t").append(frame.frame());
        for (String source : frame.sources()) {
            sb.append("\n\t\t").append(source);
        }
    }

    /** A frame's function, without its offset. */
    private static String functionOf(String frame) {
        int offset = frame.lastIndexOf(", offset 0x");
        return offset < 0 ? frame : frame.substring(0, offset);
    }

    /** Returns true when the trap has not been given a location yet. */
    public static boolean lacksLocation(TrapException e) {
        return e.wasmStackTrace().isEmpty();
    }
}
