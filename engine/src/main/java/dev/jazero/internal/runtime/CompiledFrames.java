package dev.jazero.internal.runtime;

import java.lang.StackWalker.Option;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds the WebAssembly frames of compiled code on the Java stack, so that a trap in compiled
 * code names its function and offset as one in the interpreter does. A trap walks the stack with
 * a {@link StackWalker}; a stack that ran out is read from the frames its {@link StackOverflowError}
 * carries. Compiled methods' line numbers are WebAssembly code offsets (relative to the
 * function's code, plus one; in functions of 64 KiB of code or more, indexes into a table of
 * offsets). Only a trap looks at frames, so this costs nothing otherwise.
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
    /**
     * The same classes by loader and class name, which is all a stack trace's element says of its
     * class; guarded by {@link #CLASSES}. Entries of unloaded classes go at the next sweep.
     */
    private static final Map<String, WeakReference<Class<?>>> BY_NAME = new HashMap<>();
    /** The size of {@link #BY_NAME} that makes {@link #register} sweep it. */
    private static int sweepAt = 64;
    private static final StackWalker WALKER = StackWalker.getInstance(Option.RETAIN_CLASS_REFERENCE);

    private CompiledFrames() {
    }

    /** Registers a compiled class; weakly, so it can still be unloaded. */
    public static void register(Class<?> compiledClass, Names names) {
        synchronized (CLASSES) {
            CLASSES.put(compiledClass, names);
            BY_NAME.put(key(compiledClass.getClassLoader().getName(), compiledClass.getName()),
                    new WeakReference<>(compiledClass));
            if (BY_NAME.size() >= sweepAt) {
                BY_NAME.values().removeIf(ref -> ref.get() == null);
                sweepAt = Math.max(64, 2 * BY_NAME.size());
            }
        }
    }

    /**
     * Stands for the frames of an interpreter's activation among compiled frames: the
     * interpreter puts its own frames there as the trap leaves it ({@link Traps#locate}).
     */
    static final WasmFrame INTERPRETED = new WasmFrame("(interpreted frames)", List.of());

    /** The interpreter's loop, {@link #INTERPRETED} in a captured stack: its class and method. */
    private static volatile Class<?> loopClass;
    private static volatile String loopMethod;

    /** Registers the interpreter's loop, whose activations a walk of the stack marks. */
    public static void registerInterpreterLoop(Class<?> owner, String method) {
        loopMethod = method;
        loopClass = owner;
    }

    /**
     * Returns the compiled WebAssembly frames on the current stack, innermost first, with
     * {@link #INTERPRETED} where an activation of the interpreter's loop is.
     */
    static List<WasmFrame> capture() {
        synchronized (CLASSES) {
            if (CLASSES.isEmpty()) {
                return List.of();
            }
        }
        return WALKER.walk(frames -> {
            Collector out = new Collector();
            Class<?> loop = loopClass;
            String loopName = loopMethod;
            frames.forEach(frame -> {
                if (frame.getDeclaringClass() == loop && frame.getMethodName().equals(loopName)) {
                    out.frames.add(INTERPRETED);
                    return;
                }
                Names names;
                synchronized (CLASSES) {
                    names = CLASSES.get(frame.getDeclaringClass());
                }
                // A frame's method name costs the JVM a lookup: asked only of compiled code's frames,
                // the only ones kept, on stacks that may be deep.
                if (names != null) {
                    out.add(frame.getDeclaringClass(), names, frame.getMethodName(), frame.getLineNumber());
                }
            });
            return out.frames;
        });
    }

    /**
     * Returns the compiled WebAssembly frames among the frames of a Java stack trace, innermost
     * first, with {@link #INTERPRETED} where an activation of the interpreter's loop is: those a
     * {@link StackOverflowError} carries, which the JVM recorded where it ran out of stack, where
     * no walk of the stack is possible. Classes are told apart by their loader's name, which is
     * unique ({@code CompiledLoader}).
     */
    static List<WasmFrame> of(StackTraceElement[] trace) {
        Collector out = new Collector();
        // The JVM ran out of stack as a call began: before the callee's first instruction, which
        // has a line number, as the interpreter finds no room for a frame to push.
        out.skipUnstarted = true;
        Class<?> loop = loopClass;
        String loopName = loopMethod;
        for (StackTraceElement element : trace) {
            if (loop != null && element.getClassName().equals(loop.getName())
                    && element.getMethodName().equals(loopName)) {
                out.frames.add(INTERPRETED);
                continue;
            }
            String key = key(element.getClassLoaderName(), element.getClassName());
            out.add(key, named(key), element.getMethodName(), element.getLineNumber());
        }
        return out.frames;
    }

    /** The names of the compiled class of a trace element's {@link #key}, or null. */
    private static Names named(String key) {
        synchronized (CLASSES) {
            WeakReference<Class<?>> ref = BY_NAME.get(key);
            Class<?> c = ref == null ? null : ref.get();
            return c == null ? null : CLASSES.get(c);
        }
    }

    private static String key(String loaderName, String className) {
        return loaderName + "/" + className;
    }

    /** Turns Java frames, innermost first, into WebAssembly frames. */
    private static final class Collector {
        final List<WasmFrame> frames = new ArrayList<>();
        /** After a piece: its class and function, whose next frame is the same call. */
        private Object pieceClass;
        private int pieceFunction = -1;
        /** Whether to leave out innermost frames that have not run an instruction yet. */
        boolean skipUnstarted;

        /** Adds the frame of {@code method} at {@code line} of a class, compiled code's when {@code names} is not null. */
        void add(Object javaClass, Names names, String method, int line) {
            if (names == null || method.length() < 2 || method.charAt(0) != 'f') {
                return;
            }
            int piece = method.indexOf('$');
            int function = Integer.parseInt(method.substring(1, piece < 0 ? method.length() : piece));
            int offset = names.offset(function, line);
            if (skipUnstarted && frames.isEmpty() && offset < 0) {
                return;
            }
            boolean sameCall = javaClass.equals(pieceClass) && pieceFunction == function;
            pieceClass = piece < 0 ? null : javaClass;
            pieceFunction = function;
            if (!sameCall) {
                frames.add(FrameNames.frame(names.frames()[function], offset, names.lines()));
            }
        }
    }
}
