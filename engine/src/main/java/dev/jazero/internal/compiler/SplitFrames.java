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
 * two threads never share a frame. Function {@code f}'s {@code long[]} frame is in slot
 * {@code 2f} of {@link ModuleInstance#splitFrames}, its references' {@code Object[]} in
 * {@code 2f + 1}.
 */
public final class SplitFrames {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle INSTANCE_SLOTS;

    static {
        try {
            INSTANCE_SLOTS = MethodHandles.lookup().findVarHandle(ModuleInstance.class, "splitFrames", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SplitFrames() {
    }

    /** The frame of a call of {@code function}, {@code size} slots, all zero. */
    public static long[] take(ModuleInstance inst, int function, int size) {
        long[] frame = (long[]) takeSlot(inst, 2 * function);
        return frame != null ? frame : new long[size];
    }

    /** Gives back the frame of a call of {@code function} that returns. */
    public static void give(ModuleInstance inst, int function, long[] frame) {
        Arrays.fill(frame, 0L);
        giveSlot(inst, 2 * function, frame);
    }

    /** The references' frame of a call of {@code function}, {@code size} slots, all null. */
    public static Object[] takeReferences(ModuleInstance inst, int function, int size) {
        Object[] frame = (Object[]) takeSlot(inst, 2 * function + 1);
        return frame != null ? frame : new Object[size];
    }

    /** Gives back the references' frame of a call of {@code function} that returns, keeping no reference. */
    public static void giveReferences(ModuleInstance inst, int function, Object[] frame) {
        Arrays.fill(frame, null);
        giveSlot(inst, 2 * function + 1, frame);
    }

    private static Object takeSlot(ModuleInstance inst, int slot) {
        Object[] slots = inst.splitFrames;
        return slots == null ? null : SLOTS.getAndSet(slots, slot, (Object) null);
    }

    private static void giveSlot(ModuleInstance inst, int slot, Object frame) {
        Object[] slots = inst.splitFrames;
        if (slots == null) {
            slots = new Object[2 * inst.functions.length];
            if (!INSTANCE_SLOTS.compareAndSet(inst, (Object[]) null, slots)) {
                slots = inst.splitFrames;
            }
        }
        SLOTS.setRelease(slots, slot, frame);
    }
}
