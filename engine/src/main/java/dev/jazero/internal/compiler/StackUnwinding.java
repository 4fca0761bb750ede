package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.CompiledFrames;
import dev.jazero.internal.runtime.WasmFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The "call stack exhausted" of compiled code on its way out. Each compiled frame's call
 * instructions are guarded by a handler that adds the frame (its function and the offset of the
 * call) and throws this on; at the entry into compiled code, the engine turns it into the located
 * trap ({@link CompilerEngine}). So the trace is built while the stack unwinds, where a walk of
 * it at its deepest would itself overflow.
 *
 * <p>A handler runs with little stack left, so it must load and initialise nothing:
 * {@link #prepare()} initialises this class and {@link CompiledSupport} when a compiler engine is
 * made. A handler that overflows again loses its frame, and the next one out records from there.
 */
final class StackUnwinding extends StackOverflowError {

    private static final long serialVersionUID = 1L;
    /** Frames kept: beyond them, the outermost are only counted. */
    static final int MAX_FRAMES = 1_000_000;

    private transient Class<?>[] classes = new Class<?>[256];
    private long[] sites = new long[256];
    private int count;
    private long dropped;

    StackUnwinding() {
        super("call stack exhausted");
    }

    /** Initialises the classes that the handlers use, on a stack with room to spare. */
    static void prepare() {
        new StackUnwinding().add(StackUnwinding.class, 0, 0);
        CompiledSupport.unwinding(new StackOverflowError(), StackUnwinding.class, 0, 0);
    }

    /** No Java stack trace: the WebAssembly one is what is recorded. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** Adds the frame of a call at {@code offset} in {@code function}, whose code is in class {@code code}. */
    void add(Class<?> code, int function, int offset) {
        if (count == MAX_FRAMES) {
            dropped++;
            return;
        }
        if (count == sites.length) {
            sites = Arrays.copyOf(sites, count * 2);
            classes = Arrays.copyOf(classes, count * 2);
        }
        classes[count] = code;
        sites[count++] = (long) function << 32 | (offset & 0xFFFF_FFFFL);
    }

    /** The frames recorded, innermost first. */
    List<WasmFrame> frames() {
        List<WasmFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            WasmFrame frame = CompiledFrames.frame(classes[i], (int) (sites[i] >>> 32), (int) sites[i]);
            if (frame != null) {
                frames.add(frame);
            }
        }
        return frames;
    }
}
