package dev.jazero.internal.ir;

/**
 * A function body lowered to internal code.
 *
 * <p>A tier that runs few functions from internal code (the compiler's) keeps only the sizes of
 * each function's frame from validation: {@code code}, {@code offsets} and {@code handlers} are
 * then null ({@link #isKept}), and the code is made again for a function that needs it.
 *
 * @param code the opcodes and immediates; null when not kept
 * @param offsets for each code position that starts an instruction, the offset of the WebAssembly
 *     instruction it came from, relative to the module's bytes (-1 elsewhere); for messages; null
 *     when the code is not kept
 * @param localSlots slots taken by parameters and locals: the operand stack starts there
 * @param maxStackSlots the largest number of slots the frame ever uses, locals included
 * @param handlers the catch clauses of its {@code try_table}s and {@code try}s,
 *     {@link #HANDLER_SIZE} ints each, innermost first: the code range {@code [start, end)} they
 *     cover, the tag index (-1 to catch all), the kind ({@link #VALUES}, ...), the code position to
 *     go on at, the frame's slot from which the exception's values are pushed, and the nesting
 *     depth of the block they belong to; null when the code is not kept
 */
public record IrFunction(int[] code, int[] offsets, int paramSlots, int localSlots, int resultSlots,
        int maxStackSlots, int[] handlers) {

    /** Whether this holds the code, rather than only the frame's sizes. */
    public boolean isKept() {
        return code != null;
    }

    /** The ints of one catch clause in {@link #handlers}. */
    public static final int HANDLER_SIZE = 7;
    /** A clause that pushes the exception's values ({@code catch}, {@code catch_all}). */
    public static final int VALUES = 0;
    /** A clause that pushes the values, then the exception ({@code catch_ref}, {@code catch_all_ref}). */
    public static final int VALUES_THEN_EXCEPTION = 1;
    /** A legacy {@code catch}: the exception (for {@code rethrow}), then the values. */
    public static final int EXCEPTION_THEN_VALUES = 2;
    /**
     * A legacy {@code delegate}: the exception goes on to the clauses of the blocks at the depth
     * that the tag's place holds or outside it.
     */
    public static final int DELEGATE = 3;
    /**
     * A tail call whose frame stays while the callee runs (a host or compiled callee, or any
     * callee when a function listener makes tail calls as calls): what the callee throws leaves
     * the frame, as after a tail call that replaced it.
     */
    public static final int LEAVES_FRAME = 4;
}
