package dev.jazero.internal.runtime;

import java.lang.StackWalker.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Finds the WebAssembly frames of compiled code on the Java stack, so that a trap in compiled
 * code names its function and offset as one in the interpreter does. Compiled classes are hidden
 * classes, which a Throwable's stack trace leaves out; a {@link StackWalker} that shows hidden
 * frames sees them, and their line numbers are WebAssembly code offsets (relative to the
 * function's code, plus one; in functions of 64 KiB of code or more, indexes into a table of
 * offsets). Only a trap walks the stack, so this costs nothing otherwise.
 *
 * <p>A function too large for one method runs in several: its method {@code f<index>} and pieces
 * {@code f<index>$<id>} that it calls, which call others in turn. A piece's caller is always the
 * same call of the same function, so the frames of one call make one WebAssembly frame, at the
 * innermost one's offset.
 */
public final class CompiledFrames {

    /**
     * How to name the functions of one compiled class: their frames, where their code starts, the
     * offsets in their code that line numbers stand for in functions too large for line numbers
     * to be offsets (else null), and the module's DWARF line tables (or null) for source positions.
     */
    public record Names(String[] frames, int[] codeOffsets, int[][] siteOffsets,
            dev.jazero.internal.wasm.SourceLines lines) {

        /** The module offset of the instruction at a line number of a function's method, or -1. */
        int offset(int function, int line) {
            if (line <= 0) {
                return -1;
            }
            int[] sites = siteOffsets[function];
            if (sites == null) {
                return codeOffsets[function] + line - 1;
            }
            return line <= sites.length ? codeOffsets[function] + sites[line - 1] : -1;
        }
    }

    private static final Map<Class<?>, Names> CLASSES = new WeakHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(Option.SHOW_HIDDEN_FRAMES, Option.RETAIN_CLASS_REFERENCE));

    private CompiledFrames() {
    }

    /** Registers a compiled class; weakly, so it can still be unloaded. */
    public static void register(Class<?> compiledClass, Names names) {
        synchronized (CLASSES) {
            CLASSES.put(compiledClass, names);
        }
    }

    /** Returns the compiled WebAssembly frames on the current stack, innermost first. */
    static List<WasmFrame> capture() {
        synchronized (CLASSES) {
            if (CLASSES.isEmpty()) {
                return List.of();
            }
        }
        return WALKER.walk(frames -> {
            List<WasmFrame> out = new ArrayList<>();
            // After a piece: its class and function, whose next frame is the same call.
            Object[] pieceOf = {null, -1};
            frames.forEach(frame -> {
                Names names;
                synchronized (CLASSES) {
                    names = CLASSES.get(frame.getDeclaringClass());
                }
                String method = frame.getMethodName();
                if (names == null || method.length() < 2 || method.charAt(0) != 'f') {
                    return;
                }
                int piece = method.indexOf('$');
                int function = Integer.parseInt(method.substring(1, piece < 0 ? method.length() : piece));
                boolean sameCall = pieceOf[0] == frame.getDeclaringClass() && (int) pieceOf[1] == function;
                pieceOf[0] = piece < 0 ? null : frame.getDeclaringClass();
                pieceOf[1] = function;
                if (!sameCall) {
                    out.add(FrameNames.frame(names.frames()[function], names.offset(function, frame.getLineNumber()),
                            names.lines()));
                }
            });
            return out;
        });
    }
}
