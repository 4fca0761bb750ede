package dev.jazero.internal.ir;

import dev.jazero.internal.wasm.Opcode;
import java.util.Arrays;

/**
 * Internal code as it is emitted: opcodes and their immediates, the WebAssembly code offset of
 * each opcode, and the fusion of adjacent instructions into the superinstructions of {@link Op}.
 *
 * <p>Why fuse: the interpreter pays a dispatch and a trip through its value array per
 * instruction, and compilers write {@code local.get}, {@code i32.const} and an arithmetic
 * instruction in a row everywhere (address arithmetic, loop counters). Only instructions that
 * cannot trap are fused, so a trap's offset is still the offset of the instruction that trapped.
 * Nothing fuses across a position that a branch may land on ({@link #label}).
 */
public final class CodeBuffer {

    private int[] code = new int[256];
    private int[] offsets = new int[256];
    private int length;
    /** Where the last instruction starts, and the one before it; -1 when there is none. */
    private int last = -1;
    private int beforeLast = -1;
    /** The latest position a branch may land on: no instruction before it fuses with one after. */
    private int label;
    /** Whether nothing is written (see {@link #reset}). */
    private boolean discarding;

    /**
     * Empties the buffer for the next function, keeping its arrays. With {@code keep} false the
     * code is not wanted, only validated: nothing is written and nothing fuses, so positions only
     * count, and are not those the code would have; they must not outlive the validation.
     */
    public void reset(boolean keep) {
        discarding = !keep;
        length = 0;
        last = -1;
        beforeLast = -1;
        label = 0;
    }

    /** Whether the code is kept: false after {@code reset(false)}. */
    public boolean keeps() {
        return !discarding;
    }

    /** The position the next opcode or immediate goes to. */
    public int position() {
        return length;
    }

    /** Marks the current position as one a branch may land on. */
    public void label() {
        label = length;
    }

    /** Sets an immediate already emitted, such as a branch target known only later. */
    public void set(int at, int value) {
        if (discarding) {
            return;
        }
        code[at] = value;
    }

    /**
     * Emits an opcode whose immediates, if any, follow with {@link #imm}; it may fuse with the
     * instructions before it instead.
     *
     * @param offset the WebAssembly code offset of the instruction, for traps and stack traces
     */
    public void op(int op, int offset) {
        if (discarding) {
            length++;
            return;
        }
        if (fusable(last)) {
            int previous = code[last];
            if (previous == Op.I32_CONST) {
                int fused = withImmediate(op);
                if (fused != 0) {
                    if (op == 0x6B) {
                        code[last + 1] = -code[last + 1];
                    }
                    code[last] = fused;
                    fuseLocalAddImmediate();
                    return;
                }
            }
            if (previous == 0x45 && op == Op.BR_IF) {
                // i32.eqz; br_if: jump when the operand is zero, which is what if does.
                code[last] = Op.BR_UNLESS;
                return;
            }
            if (previous == 0x45 && op == Op.BR_UNLESS) {
                // i32.eqz; if: enter the then part when the operand is zero.
                code[last] = Op.BR_IF;
                return;
            }
        }
        append(op, offset);
    }

    /** Emits an opcode with one immediate. */
    public void op(int op, int immediate, int offset) {
        if (discarding) {
            length += 2;
            return;
        }
        if (op == Op.LOCAL_GET && fusable(last) && code[last] == Op.LOCAL_GET) {
            code[last] = Op.LOCAL_GET_GET;
            imm(immediate);
            return;
        }
        op(op, offset);
        imm(immediate);
    }

    /** Emits an immediate of the opcode before it. */
    public void imm(int value) {
        if (discarding) {
            length++;
            return;
        }
        ensure(1);
        offsets[length] = -1;
        code[length++] = value;
    }

    /** The code emitted, and for each position the WebAssembly offset of its opcode or -1. */
    public int[] code() {
        checkKept();
        return Arrays.copyOf(code, length);
    }

    public int[] offsets() {
        checkKept();
        return Arrays.copyOf(offsets, length);
    }

    private void checkKept() {
        if (!keeps()) {
            throw new IllegalStateException("the code was not kept (reset(false))");
        }
    }

    private void append(int op, int offset) {
        ensure(1);
        beforeLast = last;
        last = length;
        offsets[length] = offset;
        code[length++] = op;
    }

    /** Whether the instruction at {@code at} may fuse with what follows it. */
    private boolean fusable(int at) {
        return at >= 0 && at >= label;
    }

    /** {@code local.get x; i32.const c; i32.add}, just fused into its last two, becomes one. */
    private void fuseLocalAddImmediate() {
        if (code[last] != Op.I32_ADD_IMM || !fusable(beforeLast) || code[beforeLast] != Op.LOCAL_GET) {
            return;
        }
        int slot = code[beforeLast + 1];
        int c = code[last + 1];
        length = beforeLast;
        last = -1;
        append(Op.LOCAL_ADD_IMM, offsets[beforeLast]);
        imm(slot);
        imm(c);
        beforeLast = -1;
    }

    /** The form of i32 operation {@code op} that takes its second operand as an immediate, or 0. */
    private static int withImmediate(int op) {
        return switch (op) {
            case Opcode.I32_EQ -> Op.I32_EQ_IMM;
            case Opcode.I32_NE -> Op.I32_NE_IMM;
            case Opcode.I32_LT_S -> Op.I32_LT_S_IMM;
            case Opcode.I32_LT_U -> Op.I32_LT_U_IMM;
            case Opcode.I32_GT_S -> Op.I32_GT_S_IMM;
            case Opcode.I32_GT_U -> Op.I32_GT_U_IMM;
            case Opcode.I32_ADD, Opcode.I32_SUB -> Op.I32_ADD_IMM;
            case Opcode.I32_MUL -> Op.I32_MUL_IMM;
            case Opcode.I32_AND -> Op.I32_AND_IMM;
            case Opcode.I32_OR -> Op.I32_OR_IMM;
            case Opcode.I32_XOR -> Op.I32_XOR_IMM;
            case Opcode.I32_SHL -> Op.I32_SHL_IMM;
            case Opcode.I32_SHR_S -> Op.I32_SHR_S_IMM;
            case Opcode.I32_SHR_U -> Op.I32_SHR_U_IMM;
            default -> 0;
        };
    }

    private void ensure(int n) {
        if (length + n > code.length) {
            int size = Math.max(code.length * 2, length + n);
            code = Arrays.copyOf(code, size);
            offsets = Arrays.copyOf(offsets, size);
        }
    }
}
