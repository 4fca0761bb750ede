package dev.jazero.internal.interpreter;

import dev.jazero.api.TrapException;
import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapKind;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.runtime.FrameNames;
import dev.jazero.internal.runtime.Listening;
import dev.jazero.internal.runtime.Exceptions;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.runtime.WasmFrame;
import java.util.Arrays;

/**
 * The interpreter's stacks for one call from the host: the value slots of all frames, and the
 * saved position of each calling frame. Both grow on demand up to their limits, past which a call
 * traps with "call stack exhausted".
 */
final class CallStack {

    long[] values;
    /**
     * The references of the slots of {@link #values} whose type is a reference, at the same
     * indexes (docs/references.md); as long as it.
     */
    Object[] refs;
    int[] pcs = new int[16];
    int[] fps = new int[16];
    FunctionInstance[] functions = new FunctionInstance[16];
    /** Frames saved below the running one. */
    int depth;
    private final int maxDepth;

    CallStack(int slots, int maxDepth) {
        this.values = new long[slots];
        this.refs = new Object[slots];
        this.maxDepth = maxDepth;
    }

    /**
     * Whether a call of {@code callee} would pass the depth limit, and the callee runs compiled
     * instead (in the compiler tier, compiled now: {@link dev.jazero.internal.runtime.TierUp#compile}).
     */
    boolean overflowsToCompiled(FunctionInstance callee) {
        return depth + 1 >= maxDepth && callee.module.tierUp != null && callee.module.tierUp.compile(callee);
    }

    /**
     * Saves the caller's frame and makes room for the callee's, whose parameters are the top
     * slots; zeroes the callee's other locals and returns its frame pointer.
     */
    int enter(FunctionInstance callee, int returnPc, int fp, FunctionInstance caller, int sp) {
        int d = depth;
        if (d + 1 >= maxDepth) {
            throw Traps.trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        if (d == pcs.length) {
            growFrames(d * 2);
        }
        pcs[d] = returnPc;
        fps[d] = fp;
        functions[d] = caller;
        depth = d + 1;
        IrFunction ir = callee.code;
        int newFp = sp - ir.paramSlots();
        int end = newFp + ir.maxStackSlots();
        if (end > values.length) {
            grow(end, true);
        }
        zeroLocals(ir, newFp);
        return newFp;
    }

    /**
     * A tail call: {@code callee}'s frame replaces the one at {@code fp}, its parameters moved
     * there from the top of the stack ({@code sp}) and its other locals zeroed. Returns the
     * frame's start, {@code fp}: the depth does not change.
     */
    int replace(FunctionInstance callee, int fp, int sp) {
        IrFunction ir = callee.code;
        int params = ir.paramSlots();
        int end = fp + ir.maxStackSlots();
        if (end > values.length) {
            grow(end, false);
        }
        System.arraycopy(values, sp - params, values, fp, params);
        System.arraycopy(refs, sp - params, refs, fp, params);
        zeroLocals(ir, fp);
        return fp;
    }

    /** Clears the reference slots {@code [from, to)}: what they held is no longer the frame's. */
    void clearReferences(int from, int to) {
        Arrays.fill(refs, from, Math.min(to, refs.length), null);
    }

    /** Zeroes the locals after the parameters of a frame of {@code ir} at {@code fp}: their initial values. */
    private void zeroLocals(IrFunction ir, int fp) {
        long[] s = values;
        for (int i = fp + ir.paramSlots(), last = fp + ir.localSlots(); i < last; i++) {
            s[i] = 0;
        }
    }

    /** Room for {@code n} frames; the three arrays change together or not at all. */
    private void growFrames(int n) {
        try {
            int[] newPcs = Arrays.copyOf(pcs, n);
            int[] newFps = Arrays.copyOf(fps, n);
            FunctionInstance[] newFunctions = Arrays.copyOf(functions, n);
            pcs = newPcs;
            fps = newFps;
            functions = newFunctions;
        } catch (OutOfMemoryError e) {
            // The heap cannot hold deeper calls: as if the limit were lower.
            throw Traps.trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
    }

    /**
     * Room for {@code needed} value slots, or the trap "call stack exhausted"; {@code entered}
     * when the caller has already counted the new frame in {@link #depth}, which the trap then
     * takes back.
     */
    private void grow(int needed, boolean entered) {
        long size = Math.max((long) values.length * 2, needed);
        if (needed <= Interpreter.MAX_STACK_SLOTS) {
            try {
                int length = (int) Math.min(size, Interpreter.MAX_STACK_SLOTS);
                long[] newValues = Arrays.copyOf(values, length);
                refs = Arrays.copyOf(refs, length);
                values = newValues;
                return;
            } catch (OutOfMemoryError e) {
                // The heap cannot hold a deeper stack: as if the limit were lower.
            }
        }
        if (entered) {
            depth--;
        }
        throw Traps.trap(TrapKind.CALL_STACK_EXHAUSTED);
    }

    /** Set by {@link #handle}: the frame that caught an exception, and its operands' new top. */
    FunctionInstance catchingFunction;
    int catchingFp;
    int catchingSp;

    /**
     * Finds the catch clause for {@code e}, thrown in the running frame ({@code current} at
     * {@code pc}, its frame at {@code fp}) or in a call it or a caller on this stack made:
     * leaves the frames above the catching one (telling their listeners), pushes the exception's
     * values at the clause's height, and returns the code position to go on at, with the frame in
     * {@link #catchingFunction}, {@link #catchingFp} and {@link #catchingSp}. Returns -1 when no
     * frame here catches it, and changes nothing.
     */
    int handle(ThrownException e, FunctionInstance current, int pc, int fp) {
        FunctionInstance f = current;
        int at = pc - 1;
        int framePointer = fp;
        for (int level = depth; ; level--) {
            int[] h = f.code.handlers();
            // Past a delegate, only the clauses of blocks at its target's depth or outside it.
            int deepest = Integer.MAX_VALUE;
            for (int i = 0; i < h.length; i += IrFunction.HANDLER_SIZE) {
                if (at < h[i] || at >= h[i + 1] || h[i + 6] > deepest) {
                    continue;
                }
                int kind = h[i + 3];
                if (kind == IrFunction.LEAVES_FRAME) {
                    break;
                } else if (kind == IrFunction.DELEGATE) {
                    deepest = h[i + 2];
                } else if (h[i + 2] < 0 || f.module.tags[h[i + 2]] == e.tag()) {
                    // The frames left and the operands above the clause's height hold nothing now.
                    clearReferences(framePointer + h[i + 5], fp + current.code.maxStackSlots());
                    unwindTo(level, current, e);
                    int sp = framePointer + h[i + 5];
                    if (kind == IrFunction.EXCEPTION_THEN_VALUES) {
                        refs[sp] = e;
                        values[sp++] = 0;
                    }
                    if (h[i + 2] >= 0) {
                        // A clause of a tag gets its values; one that catches all, none.
                        sp += Exceptions.push(e, values, refs, sp);
                    }
                    if (kind == IrFunction.VALUES_THEN_EXCEPTION) {
                        refs[sp] = e;
                        values[sp++] = 0;
                    }
                    catchingFunction = f;
                    catchingFp = framePointer;
                    catchingSp = sp;
                    return h[i + 4];
                }
            }
            if (level == 0) {
                return -1;
            }
            f = functions[level - 1];
            at = pcs[level - 1] - 1;
            framePointer = fps[level - 1];
        }
    }

    /** Leaves the frames above saved frame {@code level} (the running one, {@code current}, when it is {@link #depth}). */
    private void unwindTo(int level, FunctionInstance current, Throwable cause) {
        if (level == depth) {
            return;
        }
        if (current.listener != null) {
            Listening.abort(current, cause);
        }
        for (int d = depth - 1; d > level; d--) {
            if (functions[d] != null && functions[d].listener != null) {
                Listening.abort(functions[d], cause);
            }
        }
        Arrays.fill(functions, level, depth, null);
        depth = level;
    }

    /**
     * Gives a trap its location: the function and code offset where it happened, and the
     * WebAssembly frames below, innermost first. A trap that already has one passes unchanged.
     */
    TrapException locate(TrapException trap, FunctionInstance current, int pc) {
        if (!Traps.lacksLocation(trap)) {
            return trap;
        }
        java.util.List<WasmFrame> frames = new java.util.ArrayList<>();
        if (pc >= 0) {
            // Else compiled code ran the rest of the call, and names its own frame.
            frames.add(describe(current, pc));
        }
        for (int d = depth - 1; d >= 0; d--) {
            frames.add(describe(functions[d], pcs[d]));
        }
        return Traps.locate(trap, frames);
    }

    /**
     * Tells the listeners of the frames an exception leaves, innermost first; a listened call is
     * on every frame whose function has a listener, since its code starts by telling it.
     */
    void abortListened(FunctionInstance current, Throwable cause) {
        if (current.listener != null) {
            Listening.abort(current, cause);
        }
        for (int d = depth - 1; d >= 0; d--) {
            if (functions[d] != null && functions[d].listener != null) {
                Listening.abort(functions[d], cause);
            }
        }
    }

    private static WasmFrame describe(FunctionInstance function, int pc) {
        int[] offsets = function.code.offsets();
        int at = Math.min(pc - 1, offsets.length - 1);
        while (at > 0 && offsets[at] < 0) {
            at--;
        }
        return FrameNames.frame(function.frame(), at >= 0 ? offsets[at] : -1, function.sourceLines());
    }
}
