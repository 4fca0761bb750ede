package dev.jazero.internal.ir;

/**
 * A function body lowered to internal code.
 *
 * @param code the opcodes and immediates
 * @param offsets for each code position that starts an instruction, the offset of the WebAssembly
 *     instruction it came from, relative to the module's bytes (-1 elsewhere); for messages
 * @param localSlots slots taken by parameters and locals: the operand stack starts there
 * @param maxStackSlots the largest number of slots the frame ever uses, locals included
 * @param handlers the catch clauses of its {@code try_table}s, {@link #HANDLER_SIZE} ints each,
 *     innermost first: the code range {@code [start, end)} they cover, the tag index (-1 to catch
 *     all), whether the exception itself is pushed too, the code position to go on at, and the
 *     frame's slot from which the exception's values are pushed
 */
public record IrFunction(int[] code, int[] offsets, int paramSlots, int localSlots, int resultSlots,
        int maxStackSlots, int[] handlers) {

    /** The ints of one catch clause in {@link #handlers}. */
    public static final int HANDLER_SIZE = 6;
}
