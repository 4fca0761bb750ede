package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;

/**
 * What the methods of a split function (see {@link SplitPlan}) do that a whole function's method
 * does not. Their Wasm locals live in a {@code long[]} frame (one slot each, two for a v128),
 * shared by the function's method and its pieces; after the locals, the frame holds the values
 * that cross between the pieces: the value at operand stack index {@code i} has the slots from
 * {@link #stackIndex(int)}. A function that holds references has an {@code Object[]} beside the
 * frame, their slots at the same indexes. A piece
 * {@code f<index>$<id>(long[] frame, [Object[] references,] ModuleInstance) int}
 * returns 0 when it falls through, or {@code k + 1} when it branches to frame {@code k} outside
 * it, and its caller goes on from there.
 */
final class SplitEmitter {

    private final FunctionCompiler c;
    /** The JVM local holding the frame. */
    final int frameSlot;
    /** The JVM local holding the frame's references, or -1 when the function holds none. */
    final int refFrameSlot;
    /** Per Wasm local, its first slot in the frame. */
    private final int[] frameIndex;
    /** The first slot of the frame after the locals. */
    final int stackBase;
    /** In a piece, its region; null in a function's own method. */
    final SplitPlan.Region region;
    /** The frames outside the piece (0 in a function's method): a branch to one leaves the piece. */
    final int outerCount;
    /** The regions directly inside this method's code, by where they start; null for none. */
    private final Map<Integer, SplitPlan.Region> children;
    /** Pieces whose calls this method made, with what their code starts from. */
    final List<PieceState> pending = new ArrayList<>();

    SplitEmitter(FunctionCompiler c, int frameSlot, int refFrameSlot, ValueType[] localTypes, PieceState state,
            List<SplitPlan.Region> children) {
        this.c = c;
        this.frameSlot = frameSlot;
        this.refFrameSlot = refFrameSlot;
        this.frameIndex = new int[localTypes.length];
        int index = 0;
        for (int i = 0; i < localTypes.length; i++) {
            frameIndex[i] = index;
            index += localTypes[i].slots();
        }
        this.stackBase = index;
        this.region = state == null ? null : state.region;
        this.outerCount = state == null ? 0 : state.frames.length;
        if (children == null) {
            this.children = null;
        } else {
            this.children = new HashMap<>();
            for (SplitPlan.Region r : children) {
                this.children.put(r.start, r);
            }
        }
    }

    /**
     * At the start of the function's method: its frames, those its last call gave back or new
     * ones ({@link SplitFrames}), each {@code size} slots.
     */
    void takeFrames(int size) {
        takeFrame(JavaMembers.SPLIT_TAKE, frameSlot, size);
        if (refFrameSlot >= 0) {
            takeFrame(JavaMembers.SPLIT_TAKE_REFERENCES, refFrameSlot, size);
        }
    }

    /** Where the function's method returns: gives its frames back for the next call. */
    void giveFrames() {
        giveFrame(JavaMembers.SPLIT_GIVE, frameSlot);
        if (refFrameSlot >= 0) {
            giveFrame(JavaMembers.SPLIT_GIVE_REFERENCES, refFrameSlot);
        }
    }

    private void takeFrame(JavaMethod take, int slot, int size) {
        c.loadInstance();
        c.iconst(c.functionIndex);
        c.iconst(size);
        take.call(c.mv);
        c.mv.visitVarInsn(ASTORE, slot);
    }

    private void giveFrame(JavaMethod give, int slot) {
        c.loadInstance();
        c.iconst(c.functionIndex);
        c.mv.visitVarInsn(ALOAD, slot);
        give.call(c.mv);
    }

    /** The region of a piece that starts at {@code position} in this method's code, or null. */
    SplitPlan.Region pieceAt(int position) {
        return children == null ? null : children.get(position);
    }

    /** Pushes Wasm local {@code local} from the frame. */
    void loadLocal(ValueType t, int local) {
        loadFromFrame(t, frameIndex[local]);
    }

    /** Stores the value on top into Wasm local {@code local} in the frame. */
    void storeLocal(ValueType t, int local) {
        storeToFrame(t, frameIndex[local]);
    }

    /** A piece's start: the values above its block's height, taken from the frame. */
    void loadCrossing() {
        int h0 = c.top().height;
        int p = stackIndex(h0);
        for (int i = h0; i < c.height; i++) {
            loadFromFrame(c.stack[i], p);
            p += c.stack[i].slots();
        }
    }

    /** A piece's end when it falls through: the values above its block's height go into the frame, and it returns 0. */
    void fallThrough() {
        spillToFrame(c.top().height);
        c.mv.visitInsn(ICONST_0);
        c.mv.visitInsn(IRETURN);
    }

    /** The first frame slot of the value at operand stack index {@code index}. */
    int stackIndex(int index) {
        int p = stackBase;
        for (int i = 0; i < index; i++) {
            p += c.stack[i].slots();
        }
        return p;
    }

    private void loadFromFrame(ValueType t, int index) {
        if (t.isReference()) {
            c.mv.visitVarInsn(ALOAD, refFrameSlot);
            c.iconst(index);
            c.mv.visitInsn(AALOAD);
            // The pair's number, in the long slot of the same index.
            c.mv.visitVarInsn(ALOAD, frameSlot);
            c.iconst(index);
            c.mv.visitInsn(LALOAD);
            c.mv.visitInsn(L2I);
            return;
        }
        c.mv.visitVarInsn(ALOAD, frameSlot);
        c.iconst(index);
        c.mv.visitInsn(LALOAD);
        if (t == ValueType.V128) {
            c.mv.visitVarInsn(ALOAD, frameSlot);
            c.iconst(index + 1);
            c.mv.visitInsn(LALOAD);
        } else {
            JvmTypes.fromLong(c.mv, t);
        }
    }

    /** Stores the value on top into the frame. */
    private void storeToFrame(ValueType t, int index) {
        if (t.isReference()) {
            c.mv.visitInsn(I2L);
            putSlot(index);
            c.mv.visitVarInsn(ALOAD, refFrameSlot);
            c.iconst(index);
            JavaMembers.PUT_REF.call(c.mv);
        } else if (t == ValueType.V128) {
            putSlot(index + 1);
            putSlot(index);
        } else {
            JvmTypes.toLong(c.mv, t);
            putSlot(index);
        }
    }

    private void putSlot(int index) {
        c.mv.visitVarInsn(ALOAD, frameSlot);
        c.iconst(index);
        JavaMembers.PUT.call(c.mv);
    }

    /** Moves the values from operand stack index {@code from} up into their frame slots; the tracked stack stays. */
    private void spillToFrame(int from) {
        int p = stackIndex(c.height);
        for (int i = c.height - 1; i >= from; i--) {
            p -= c.stack[i].slots();
            storeToFrame(c.stack[i], p);
        }
    }

    /** In a piece: leaves it for a frame outside, the label's values on top going into the frame. */
    void exitTo(ControlFrame target) {
        ValueType[] values = target.labelTypes();
        int p = stackIndex(target.height);
        for (ValueType t : values) {
            p += t.slots();
        }
        for (int i = values.length - 1; i >= 0; i--) {
            p -= values[i].slots();
            storeToFrame(values[i], p);
        }
        c.iconst(target.index + 1);
        c.mv.visitInsn(IRETURN);
    }

    /**
     * Calls the piece of a region that starts here: the values above the current block's height
     * go into the frame, and the piece's exit code says where to go on.
     */
    void callPiece(SplitPlan.Region r) {
        int h0 = c.top().height;
        ControlFrame[] outside = new ControlFrame[c.frameCount];
        for (int i = 0; i < c.frameCount; i++) {
            outside[i] = c.frames[i].copyOutside();
        }
        pending.add(new PieceState(r, outside, Arrays.copyOf(c.stack, c.height)));
        spillToFrame(h0);
        c.height = h0;
        c.mv.visitVarInsn(ALOAD, frameSlot);
        if (refFrameSlot >= 0) {
            c.mv.visitVarInsn(ALOAD, refFrameSlot);
        }
        c.loadInstance();
        c.mv.visitMethodInsn(INVOKESTATIC, c.className, FunctionCompiler.pieceName(c.functionIndex, r.id),
                FunctionCompiler.pieceDescriptor(refFrameSlot >= 0), false);
        BitSet exits = r.exits;
        int first = exits.nextSetBit(0);
        boolean passOn = first >= 0 && first < outerCount;
        int firstHere = exits.nextSetBit(outerCount);
        if (!passOn && firstHere < 0) {
            c.mv.visitInsn(POP);
        } else {
            int code = c.newLocal(ValueType.I32);
            c.mv.visitVarInsn(ISTORE, code);
            if (passOn) {
                // To a frame outside this piece too: this piece returns the same code.
                Label here = new Label();
                if (r.endLive) {
                    c.mv.visitVarInsn(ILOAD, code);
                    c.mv.visitJumpInsn(IFEQ, here);
                }
                c.mv.visitVarInsn(ILOAD, code);
                c.iconst(outerCount);
                c.mv.visitJumpInsn(IF_ICMPGT, here);
                c.mv.visitVarInsn(ILOAD, code);
                c.mv.visitInsn(IRETURN);
                c.mv.visitLabel(here);
            }
            if (firstHere >= 0) {
                int n = exits.get(outerCount, c.frameCount).cardinality();
                int[] keys = new int[n];
                Label[] labels = new Label[n];
                int k = 0;
                for (int j = firstHere; j >= 0; j = exits.nextSetBit(j + 1)) {
                    keys[k] = j + 1;
                    labels[k++] = new Label();
                }
                Label fallThrough = new Label();
                c.mv.visitVarInsn(ILOAD, code);
                c.mv.visitLookupSwitchInsn(fallThrough, keys, labels);
                // Each branch pushes its label's values over the stack's types: restore them after.
                ValueType[] below = Arrays.copyOf(c.stack, h0);
                for (int i = 0; i < n; i++) {
                    c.mv.visitLabel(labels[i]);
                    c.height = h0;
                    branchFromFrame(c.frames[keys[i] - 1]);
                    System.arraycopy(below, 0, c.stack, 0, h0);
                }
                c.mv.visitLabel(fallThrough);
            }
        }
        c.height = h0;
        if (r.endLive) {
            int p = stackIndex(h0);
            for (ValueType t : r.endTypes) {
                loadFromFrame(t, p);
                p += t.slots();
                c.push(t);
            }
        } else {
            // The region never falls through.
            c.mv.visitInsn(ACONST_NULL);
            c.mv.visitInsn(ATHROW);
            c.setUnreachable();
        }
        c.reader.input().setPosition(r.end);
    }

    /** After a piece left for {@code target} in this method: drops what is above it, takes its values from the frame, goes there. */
    private void branchFromFrame(ControlFrame target) {
        for (int i = c.height - 1; i >= target.height; i--) {
            c.popValue(c.stack[i]);
        }
        c.height = target.height;
        int p = stackIndex(c.height);
        for (ValueType t : target.labelTypes()) {
            loadFromFrame(t, p);
            p += t.slots();
            c.push(t);
        }
        if (target.isFunction) {
            c.emitReturn();
        } else {
            c.mv.visitJumpInsn(GOTO, target.label);
        }
    }
}
