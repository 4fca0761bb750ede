package dev.jazero.internal.compiler;

import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.Opcode;
import org.objectweb.asm.Label;

/**
 * A block, loop, if or the function itself, as the compiler walks it: its types, its stack
 * height and its labels.
 */
final class ControlFrame {
    int opcode;
    ValueType[] params;
    ValueType[] results;
    int height;
    /** The frame's index: 0 for the function, one more per enclosing block. */
    int index;
    Label label;
    Label elseLabel;
    boolean unreachable;
    boolean dead;
    boolean isFunction;
    /** A {@code try_table}'s catch clauses: kind (0 to 3, as encoded), tag, and the frame of the label; none for other frames. */
    int catchCount;
    int[] catchKinds;
    int[] catchTags;
    ControlFrame[] catchTargets;
    /** Where a {@code try_table}'s body starts: its range of the method's exception table. */
    Label tryStart;
    /**
     * The values under a {@code try_table} when it starts, kept in these locals: the JVM empties
     * the operand stack for a handler, which puts back those its label needs.
     */
    ValueType[] keptTypes;
    int[] kept;
    /**
     * Where an exception thrown in the body of a {@code try_table} with clauses or of a legacy
     * {@code try} is handled (the exception on the stack): the handler of its range, which
     * {@code delegate} also names.
     */
    Label dispatch;
    /** A legacy {@code try}'s catch bodies so far: the tag of each (-1 for {@code catch_all}) and where it starts. */
    int legacyCount;
    int[] legacyTags;
    Label[] legacyBodies;
    /** The local where a legacy {@code try}'s handler keeps the exception, for {@code rethrow}. */
    int exception;
    /** Where a legacy {@code try}'s body ends: its range is {@code [tryStart, rangeEnd)}. */
    Label rangeEnd;
    /**
     * Whether this is a loop whose header has an empty operand stack although values were on it
     * when the loop started: they wait in locals (the values under the loop in
     * {@code FunctionCompiler.keptLocal}, its parameters in {@link #paramTemps}), so that HotSpot
     * can compile the loop on stack replacement, which it cannot do with values on the stack.
     */
    boolean freeLoop;
    /** A free loop's parameters: the locals a branch to its header stores them in. */
    int[] paramTemps;

    ControlFrame copyOutside() {
        ControlFrame f = new ControlFrame();
        f.opcode = opcode;
        f.params = params;
        f.results = results;
        f.height = height;
        f.index = index;
        f.isFunction = isFunction;
        // Whether its body is a handler's range (its handler is in the method outside).
        f.catchCount = catchCount;
        return f;
    }

    ValueType[] labelTypes() {
        return opcode == Opcode.LOOP ? params : results;
    }
}
