package dev.jazero.internal.interpreter;

import static dev.jazero.internal.semantics.SimdLanes.*;

import dev.jazero.internal.ir.Op;
import dev.jazero.internal.runtime.MemoryInstance;
import dev.jazero.internal.wasm.Opcode;

/**
 * The interpreter's SIMD instructions: {@link Interpreter} calls {@link #execute}
 * ({@code Op.SIMD_BASE + sub-opcode}) from one branch of its main loop, so that the loop stays
 * small enough to be JIT-compiled; the lanes are computed by
 * {@link dev.jazero.internal.semantics.SimdLanes}, as in compiled code.
 */
final class SimdInterpreter {

    /** The number of immediates in the internal code that follow each SIMD opcode. */
    static final byte[] IMMEDIATES = new byte[Opcode.simdCount()];

    static {
        for (int sub = 0; sub <= 11; sub++) {
            IMMEDIATES[sub] = 1;
        }
        IMMEDIATES[12] = 4;
        IMMEDIATES[13] = 4;
        for (int sub = 21; sub <= 34; sub++) {
            IMMEDIATES[sub] = 1;
        }
        for (int sub = 84; sub <= 91; sub++) {
            IMMEDIATES[sub] = 2;
        }
        IMMEDIATES[92] = 1;
        IMMEDIATES[93] = 1;
    }

    private SimdInterpreter() {
    }

    /**
     * Runs SIMD instruction {@code op}, whose immediates start at {@code code[pc]}, on the value
     * stack {@code s} whose top is {@code sp}; returns the new top. The caller advances its pc by
     * {@code IMMEDIATES[op - Op.SIMD_BASE]}.
     */
    static int execute(int op, int[] code, int pc, long[] s, int sp, MemoryInstance mem) {
        int sub = op - Op.SIMD_BASE;
        switch (shape(sub)) {
            case ADD_SUB -> {
                s[sp - 4] = addOrSubtract(sub, s[sp - 4], s[sp - 2]);
                s[sp - 3] = addOrSubtract(sub, s[sp - 3], s[sp - 1]);
                return sp - 2;
            }
            case LANES8 -> {
                s[sp - 4] = lanes8(sub, s[sp - 4], s[sp - 2]);
                s[sp - 3] = lanes8(sub, s[sp - 3], s[sp - 1]);
                return sp - 2;
            }
            case LANES8_UNARY -> {
                s[sp - 2] = lanes8(sub, s[sp - 2], 0);
                s[sp - 1] = lanes8(sub, s[sp - 1], 0);
                return sp;
            }
            case LANES16 -> {
                s[sp - 4] = lanes16(sub, s[sp - 4], s[sp - 2]);
                s[sp - 3] = lanes16(sub, s[sp - 3], s[sp - 1]);
                return sp - 2;
            }
            case LANES16_UNARY -> {
                s[sp - 2] = lanes16(sub, s[sp - 2], 0);
                s[sp - 1] = lanes16(sub, s[sp - 1], 0);
                return sp;
            }
            case LANES32 -> {
                s[sp - 4] = lanes32(sub, s[sp - 4], s[sp - 2]);
                s[sp - 3] = lanes32(sub, s[sp - 3], s[sp - 1]);
                return sp - 2;
            }
            case LANES32_UNARY -> {
                s[sp - 2] = lanes32(sub, s[sp - 2], 0);
                s[sp - 1] = lanes32(sub, s[sp - 1], 0);
                return sp;
            }
            case OP64 -> {
                s[sp - 4] = op64(sub, s[sp - 4], s[sp - 2]);
                s[sp - 3] = op64(sub, s[sp - 3], s[sp - 1]);
                return sp - 2;
            }
            case OP64_UNARY -> {
                s[sp - 2] = op64(sub, s[sp - 2], 0);
                s[sp - 1] = op64(sub, s[sp - 1], 0);
                return sp;
            }
            case SHIFT -> {
                int count = (int) s[sp - 1];
                s[sp - 3] = shift(sub, s[sp - 3], count);
                s[sp - 2] = shift(sub, s[sp - 2], count);
                return sp - 1;
            }
            case TEST -> {
                s[sp - 2] = test(sub, s[sp - 2], s[sp - 1]);
                return sp - 1;
            }
            case EXTEND -> {
                long low = s[sp - 2], high = s[sp - 1];
                s[sp - 2] = extend(sub, low, high, false);
                s[sp - 1] = extend(sub, low, high, true);
                return sp;
            }
            case EXTENDED_MULTIPLY -> {
                long aLow = s[sp - 4], aHigh = s[sp - 3], bLow = s[sp - 2], bHigh = s[sp - 1];
                s[sp - 4] = extendedMultiply(sub, aLow, aHigh, bLow, bHigh, false);
                s[sp - 3] = extendedMultiply(sub, aLow, aHigh, bLow, bHigh, true);
                return sp - 2;
            }
            case NARROW -> {
                long low = narrow(sub, s[sp - 4], s[sp - 3]);
                s[sp - 3] = narrow(sub, s[sp - 2], s[sp - 1]);
                s[sp - 4] = low;
                return sp - 2;
            }
            case RELAXED_BINARY -> {
                s[sp - 4] = relaxed(sub, s[sp - 4], s[sp - 2], 0);
                s[sp - 3] = relaxed(sub, s[sp - 3], s[sp - 1], 0);
                return sp - 2;
            }
            case RELAXED_TERNARY -> {
                s[sp - 6] = relaxed(sub, s[sp - 6], s[sp - 4], s[sp - 2]);
                s[sp - 5] = relaxed(sub, s[sp - 5], s[sp - 3], s[sp - 1]);
                return sp - 4;
            }
            case BITSELECT -> {
                s[sp - 6] = bitselect(s[sp - 6], s[sp - 4], s[sp - 2]);
                s[sp - 5] = bitselect(s[sp - 5], s[sp - 3], s[sp - 1]);
                return sp - 4;
            }
            case CONST -> {
                s[sp] = word(code[pc], code[pc + 1]);
                s[sp + 1] = word(code[pc + 2], code[pc + 3]);
                return sp + 2;
            }
            case SHUFFLE -> {
                long aLow = s[sp - 4], aHigh = s[sp - 3], bLow = s[sp - 2], bHigh = s[sp - 1];
                s[sp - 4] = shuffle(word(code[pc], code[pc + 1]), aLow, aHigh, bLow, bHigh);
                s[sp - 3] = shuffle(word(code[pc + 2], code[pc + 3]), aLow, aHigh, bLow, bHigh);
                return sp - 2;
            }
            case SWIZZLE -> {
                long aLow = s[sp - 4], aHigh = s[sp - 3];
                s[sp - 4] = swizzle(s[sp - 2], aLow, aHigh);
                s[sp - 3] = swizzle(s[sp - 1], aLow, aHigh);
                return sp - 2;
            }
            case SPLAT -> {
                long v = splat(sub, s[sp - 1]);
                s[sp - 1] = v;
                s[sp] = v;
                return sp + 1;
            }
            case EXTRACT_LANE -> {
                s[sp - 2] = extractLane(sub, code[pc], s[sp - 2], s[sp - 1]);
                return sp - 1;
            }
            case REPLACE_LANE -> {
                long v = s[sp - 1];
                s[sp - 3] = replaceLane(sub, code[pc], s[sp - 3], false, v);
                s[sp - 2] = replaceLane(sub, code[pc], s[sp - 2], true, v);
                return sp - 1;
            }
            case LOAD, LOAD_EXTEND, LOAD_SPLAT, LOAD_ZERO, STORE, LOAD_LANE, STORE_LANE -> {
                return memory(sub, Integer.toUnsignedLong(code[pc]), IMMEDIATES[sub] > 1 ? code[pc + 1] : 0, s, sp, mem);
            }
            case CONVERT -> {
                long low = s[sp - 2], high = s[sp - 1];
                s[sp - 2] = convert(sub, low, high, false);
                s[sp - 1] = convert(sub, low, high, true);
                return sp;
            }
            default -> throw new IllegalStateException("bad internal opcode " + op + " at " + (pc - 1));
        }
    }

    /**
     * Runs memory instruction {@code sub} at {@code offset} (unsigned), with lane {@code lane} for
     * those that name one; the address is the memory's (see {@link MemoryInstance#address}).
     */
    static int memory(int sub, long offset, int lane, long[] s, int sp, MemoryInstance mem) {
        switch (shape(sub)) {
            case LOAD -> {
                long address = mem.address(s[sp - 1]);
                s[sp - 1] = mem.loadV128Low(address, offset);
                s[sp] = mem.loadV128High(address, offset);
                return sp + 1;
            }
            case LOAD_EXTEND -> {
                long v = mem.loadI64(mem.address(s[sp - 1]), offset);
                s[sp - 1] = loadExtend(sub, v, false);
                s[sp] = loadExtend(sub, v, true);
                return sp + 1;
            }
            case LOAD_SPLAT -> {
                long v = loadSplat(sub, mem, mem.address(s[sp - 1]), offset);
                s[sp - 1] = v;
                s[sp] = v;
                return sp + 1;
            }
            case LOAD_ZERO -> {
                s[sp - 1] = loadZero(sub, mem, mem.address(s[sp - 1]), offset);
                s[sp] = 0;
                return sp + 1;
            }
            case STORE -> {
                sp -= 3;
                mem.storeV128(mem.address(s[sp]), offset, s[sp + 1], s[sp + 2]);
                return sp;
            }
            case LOAD_LANE -> {
                // The address at sp - 3, the vector above it.
                long v = loadLane(sub, mem, mem.address(s[sp - 3]), offset);
                s[sp - 3] = replaceLane(sub, lane, s[sp - 2], false, v);
                s[sp - 2] = replaceLane(sub, lane, s[sp - 1], true, v);
                return sp - 1;
            }
            case STORE_LANE -> {
                storeLane(sub, lane, mem, mem.address(s[sp - 3]), offset, s[sp - 2], s[sp - 1]);
                return sp - 3;
            }
            default -> throw new IllegalStateException("not a SIMD memory instruction: " + sub);
        }
    }
}
