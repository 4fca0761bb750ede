package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.ModuleCode;
import dev.jazero.internal.runtime.ModuleInstance;
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

    private transient ModuleInstance[] instances = new ModuleInstance[256];
    private long[] sites = new long[256];
    private int count;
    private long dropped;

    StackUnwinding() {
        super("call stack exhausted");
    }

    /** Initialises the classes that the handlers use, on a stack with room to spare. */
    static void prepare() {
        new StackUnwinding().add(null, 0, 0);
        CompiledSupport.unwinding(new StackOverflowError(), null, 0, 0);
    }

    /** No Java stack trace: the WebAssembly one is what is recorded. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    void add(ModuleInstance instance, int function, int offset) {
        if (count == MAX_FRAMES) {
            dropped++;
            return;
        }
        if (count == sites.length) {
            sites = Arrays.copyOf(sites, count * 2);
            instances = Arrays.copyOf(instances, count * 2);
        }
        instances[count] = instance;
        sites[count++] = (long) function << 32 | (offset & 0xFFFF_FFFFL);
    }

    /** The frames recorded, innermost first. */
    List<WasmFrame> frames() {
        List<WasmFrame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ModuleCode code = instances[i].moduleCode();
            if (code instanceof CompiledClasses classes) {
                frames.add(classes.frame((int) (sites[i] >>> 32), (int) sites[i]));
            }
        }
        return frames;
    }
}
