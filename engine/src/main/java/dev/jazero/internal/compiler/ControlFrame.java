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

    ControlFrame copyOutside() {
        ControlFrame f = new ControlFrame();
        f.opcode = opcode;
        f.params = params;
        f.results = results;
        f.height = height;
        f.index = index;
        f.isFunction = isFunction;
        return f;
    }

    ValueType[] labelTypes() {
        return opcode == Opcode.LOOP ? params : results;
    }
}
