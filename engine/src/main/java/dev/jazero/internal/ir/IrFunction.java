package dev.jazero.internal.ir;

/**
 * A function body lowered to internal code.
 *
 * @param code the opcodes and immediates
 * @param offsets for each code position that starts an instruction, the offset of the WebAssembly
 *     instruction it came from, relative to the module's bytes (-1 elsewhere); for messages
 * @param localSlots slots taken by parameters and locals: the operand stack starts there
 * @param maxStackSlots the largest number of slots the frame ever uses, locals included
 */
public record IrFunction(int[] code, int[] offsets, int paramSlots, int localSlots, int resultSlots,
        int maxStackSlots) {
}
