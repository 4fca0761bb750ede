package dev.jazero.internal.compiler;

import dev.jazero.internal.wasm.Opcode;
import java.util.Arrays;
import org.objectweb.asm.Label;

/**
 * Records, while a function is compiled whole, its block structure and the bytecode size of each
 * instruction: what {@link SplitPlan} splits a function that passes the JVM's method limits by.
 */
final class BlockSurvey {

    private final FunctionCompiler c;

    BlockSurvey(FunctionCompiler c) {
        this.c = c;
    }

    SplitPlan.Item root;
    final java.util.ArrayList<SplitPlan.Item> open = new java.util.ArrayList<>();
    SplitPlan.Item current;
    int maxStackSlots;

    private int offset() {
        Label here = new Label();
        c.mv.visitLabel(here);
        return here.getOffset();
    }

    void start() {
        root = new SplitPlan.Item();
        root.bodies = new java.util.ArrayList<>();
        root.bodies.add(new java.util.ArrayList<>());
        root.startLive = true;
        open.add(root);
    }

    void before(int op) {
        int slots = c.stackIndex(c.height) - c.stackBase() + 4;
        maxStackSlots = Math.max(maxStackSlots, slots);
        current = null;
        SplitPlan.Item it;
        switch (op) {
            case Opcode.ELSE, Opcode.CATCH, Opcode.CATCH_ALL -> {
                open.get(open.size() - 1).bodies.add(new java.util.ArrayList<>());
                return;
            }
            case Opcode.END, Opcode.DELEGATE -> {
                return;
            }
            default -> it = new SplitPlan.Item();
        }
        it.start = c.reader.start;
        it.startOffset = offset();
        it.depth = c.frameCount;
        it.startLive = c.live();
        it.m = it.startLive ? c.height - c.top().height : 0;
        if (Opcode.opensBlock(op)) {
            it.bodies = new java.util.ArrayList<>();
            it.bodies.add(new java.util.ArrayList<>());
            open.add(it);
        } else {
            current = it;
        }
    }

    void exit(int frame) {
        if (current != null) {
            current.exit(frame);
        }
    }

    /**
     * A branch to frame {@code frame} that the block now ending makes from outside its body: a
     * {@code try_table}'s handler, emitted at its {@code end}. It is the block's exit, as a branch
     * in its body would be.
     */
    void blockExit(int frame) {
        open.get(open.size() - 1).exit(frame);
    }

    void after(int op) {
        SplitPlan.Item it;
        if (op == Opcode.END || op == Opcode.DELEGATE) {
            it = open.remove(open.size() - 1);
            for (java.util.List<SplitPlan.Item> body : it.bodies) {
                for (SplitPlan.Item x : body) {
                    if (x.exits != null) {
                        for (int j = x.exits.nextSetBit(0); j >= 0; j = x.exits.nextSetBit(j + 1)) {
                            it.exit(j);
                        }
                    }
                }
            }
        } else if (current != null) {
            it = current;
            current = null;
        } else {
            return;
        }
        it.end = c.reader.input().position();
        it.size = offset() - it.startOffset;
        if (open.isEmpty()) {
            return; // the function's end
        }
        it.endLive = c.live();
        it.endTypes = it.endLive ? Arrays.copyOfRange(c.stack, c.top().height, c.height) : null;
        java.util.List<java.util.List<SplitPlan.Item>> bodies = open.get(open.size() - 1).bodies;
        bodies.get(bodies.size() - 1).add(it);
    }
}
