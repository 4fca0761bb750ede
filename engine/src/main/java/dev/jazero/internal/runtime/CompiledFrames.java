package dev.jazero.internal.runtime;

import java.lang.StackWalker.Option;
import java.lang.StackWalker.StackFrame;
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
 * function's code, plus one). Only a trap walks the stack, so this costs nothing otherwise.
 */
public final class CompiledFrames {

    /**
     * How to name the functions of one compiled class: their frames, where their code starts, and
     * the module's DWARF line tables (or null) for source positions.
     */
    public record Names(String[] frames, int[] codeOffsets, dev.jazero.internal.dwarf.DwarfLines lines) {
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
            frames.forEach(frame -> {
                WasmFrame described = describe(frame);
                if (described != null) {
                    out.add(described);
                }
            });
            return out;
        });
    }

    private static WasmFrame describe(StackFrame frame) {
        Names names;
        synchronized (CLASSES) {
            names = CLASSES.get(frame.getDeclaringClass());
        }
        String method = frame.getMethodName();
        if (names == null || !method.startsWith("f")) {
            return null;
        }
        int function = Integer.parseInt(method.substring(1));
        int line = frame.getLineNumber();
        return FrameNames.frame(names.frames()[function], line > 0 ? names.codeOffsets()[function] + line - 1 : -1,
                names.lines());
    }
}
