package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.ModuleInstance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The frames of split functions ({@link SplitEmitter}), kept by the instance from one call to
 * the next: a call takes the frame the last call of the function gave back, zeroed, or makes one
 * when there is none (the first call, a recursive one, or one on another thread at the same
 * time); it gives its frame back when it returns. Made anew on every call, the frames of a split
 * {@code malloc} are most of the garbage of a program that allocates (docs/compiler.md, "Split
 * functions keep their frames"). Taking is an atomic exchange, so that calls of the function on
 * two threads never share a frame.
 */
public final class SplitFrames {

    private static final VarHandle FRAMES = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle REF_FRAMES = MethodHandles.arrayElementVarHandle(Object[][].class);
    private static final VarHandle INSTANCE_FRAMES;
    private static final VarHandle INSTANCE_REF_FRAMES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            INSTANCE_FRAMES = lookup.findVarHandle(ModuleInstance.class, "splitFrames", long[][].class);
            INSTANCE_REF_FRAMES = lookup.findVarHandle(ModuleInstance.class, "splitRefFrames", Object[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SplitFrames() {
    }

    /** The frame of a call of {@code function}, {@code size} slots, all zero. */
    public static long[] take(ModuleInstance inst, int function, int size) {
        long[][] frames = inst.splitFrames;
        if (frames != null) {
            long[] frame = (long[]) FRAMES.getAndSet(frames, function, (long[]) null);
            if (frame != null) {
                return frame;
            }
        }
        return new long[size];
    }

    /** Gives back the frame of a call of {@code function} that returns. */
    public static void give(ModuleInstance inst, int function, long[] frame) {
        Arrays.fill(frame, 0L);
        long[][] frames = inst.splitFrames;
        if (frames == null) {
            frames = new long[inst.functions.length][];
            if (!INSTANCE_FRAMES.compareAndSet(inst, (long[][]) null, frames)) {
                frames = inst.splitFrames;
            }
        }
        FRAMES.setRelease(frames, function, frame);
    }

    /** The references' frame of a call of {@code function}, {@code size} slots, all null. */
    public static Object[] takeReferences(ModuleInstance inst, int function, int size) {
        Object[][] frames = inst.splitRefFrames;
        if (frames != null) {
            Object[] frame = (Object[]) REF_FRAMES.getAndSet(frames, function, (Object[]) null);
            if (frame != null) {
                return frame;
            }
        }
        return new Object[size];
    }

    /** Gives back the references' frame of a call of {@code function} that returns, keeping no reference. */
    public static void giveReferences(ModuleInstance inst, int function, Object[] frame) {
        Arrays.fill(frame, null);
        Object[][] frames = inst.splitRefFrames;
        if (frames == null) {
            frames = new Object[inst.functions.length][];
            if (!INSTANCE_REF_FRAMES.compareAndSet(inst, (Object[][]) null, frames)) {
                frames = inst.splitRefFrames;
            }
        }
        REF_FRAMES.setRelease(frames, function, frame);
    }
}
