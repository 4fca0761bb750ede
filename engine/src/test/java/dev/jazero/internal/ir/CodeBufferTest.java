package dev.jazero.internal.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Which adjacent instructions the buffer fuses, that no fusion reaches across a label, and a
 * buffer that keeps nothing.
 */
class CodeBufferTest {

    private static final int I32_ADD = 0x6A;
    private static final int I32_SUB = 0x6B;
    private static final int I32_EQZ = 0x45;
    private static final int I32_DIV_S = 0x6D;

    @Test
    void localPlusConstantBecomesOneInstruction() {
        CodeBuffer b = new CodeBuffer();
        b.op(Op.LOCAL_GET, 3, 10);
        b.op(Op.I32_CONST, 7, 12);
        b.op(I32_ADD, 14);
        assertArrayEquals(new int[] {Op.LOCAL_ADD_IMM, 3, 7}, b.code());
        assertArrayEquals(new int[] {10, -1, -1}, b.offsets());
    }

    @Test
    void subtractingAConstantAddsItsNegation() {
        CodeBuffer b = new CodeBuffer();
        b.op(Op.I32_CONST, Integer.MIN_VALUE, 0);
        b.op(I32_SUB, 1);
        b.op(Op.I32_CONST, 5, 2);
        b.op(I32_SUB, 3);
        // -MIN_VALUE wraps to MIN_VALUE: x - MIN_VALUE and x + MIN_VALUE agree in 32 bits.
        assertArrayEquals(new int[] {Op.I32_ADD_IMM, Integer.MIN_VALUE, Op.I32_ADD_IMM, -5}, b.code());
    }

    @Test
    void twoLocalsAreOneInstruction() {
        CodeBuffer b = new CodeBuffer();
        b.op(Op.LOCAL_GET, 1, 0);
        b.op(Op.LOCAL_GET, 2, 2);
        b.op(Op.LOCAL_GET, 4, 4);
        assertArrayEquals(new int[] {Op.LOCAL_GET_GET, 1, 2, Op.LOCAL_GET, 4}, b.code());
    }

    @Test
    void eqzThenBranchTestsForZero() {
        CodeBuffer b = new CodeBuffer();
        b.op(I32_EQZ, 0);
        b.op(Op.BR_IF, 1);
        b.imm(99);
        b.op(I32_EQZ, 3);
        b.op(Op.BR_UNLESS, 4);
        b.imm(98);
        assertArrayEquals(new int[] {Op.BR_UNLESS, 99, Op.BR_IF, 98}, b.code());
    }

    @Test
    void nothingFusesAcrossALabel() {
        CodeBuffer b = new CodeBuffer();
        b.op(Op.LOCAL_GET, 3, 0);
        b.label();
        b.op(Op.I32_CONST, 7, 2);
        b.op(I32_ADD, 4);
        b.op(Op.LOCAL_GET, 1, 5);
        b.label();
        b.op(Op.LOCAL_GET, 2, 7);
        b.op(I32_EQZ, 9);
        b.label();
        b.op(Op.BR_IF, 10);
        b.imm(0);
        // The constant and the add come after the label and fuse; the local before it stays.
        assertArrayEquals(new int[] {Op.LOCAL_GET, 3, Op.I32_ADD_IMM, 7, Op.LOCAL_GET, 1, Op.LOCAL_GET, 2,
            I32_EQZ, Op.BR_IF, 0}, b.code());
    }

    @Test
    void instructionsThatTrapDoNotFuse() {
        CodeBuffer b = new CodeBuffer();
        b.op(Op.I32_CONST, 0, 0);
        b.op(I32_DIV_S, 2);
        assertArrayEquals(new int[] {Op.I32_CONST, 0, I32_DIV_S}, b.code());
        assertArrayEquals(new int[] {0, -1, 2}, b.offsets());
    }

    /** After {@code reset(false)} positions only count, and asking for the code is an error rather than stale code. */
    @Test
    void aBufferThatKeepsNothingCountsPositionsAndRefusesItsCode() {
        CodeBuffer b = new CodeBuffer();
        b.op(Op.LOCAL_GET, 3, 0);
        b.reset(false);
        b.op(Op.LOCAL_GET, 3, 0);
        b.op(Op.I32_CONST, 7, 2);
        b.op(I32_ADD, 4);
        b.imm(9);
        assertEquals(6, b.position(), "nothing fuses: every opcode and immediate counts");
        assertThrows(IllegalStateException.class, b::code);
        assertThrows(IllegalStateException.class, b::offsets);
        b.reset(true);
        b.op(Op.LOCAL_GET, 1, 0);
        assertArrayEquals(new int[] {Op.LOCAL_GET, 1}, b.code(), "a kept function after it starts afresh");
    }
}
