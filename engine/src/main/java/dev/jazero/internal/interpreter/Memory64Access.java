package dev.jazero.internal.interpreter;

import dev.jazero.internal.ir.Op;
import dev.jazero.internal.runtime.MemoryInstance;
import dev.jazero.internal.wasm.Opcode;

/**
 * The loads and stores of a 64-bit memory ({@code MEMORY64 op offsetLow offsetHigh lane}), run
 * from {@link RareInstructions}, outside the interpreter's main loop, whose own loads and stores
 * stay those of 32-bit memories: an i64 address and a u64 offset, through
 * {@link MemoryInstance}'s 64-bit accessors.
 */
final class Memory64Access {

    private Memory64Access() {
    }

    /** Runs the access whose immediates start at {@code pc}; returns the new {@code sp}. */
    static int execute(int[] code, int pc, long[] s, int sp, MemoryInstance mem) {
        int op = code[pc];
        long offset = (code[pc + 1] & 0xFFFF_FFFFL) | (long) code[pc + 2] << 32;
        if (op >= Op.SIMD_BASE) {
            int sub = op - Op.SIMD_BASE;
            return SimdInterpreter.memory(sub, offset, code[pc + 3], s, sp, mem);
        }
        switch (op) {
            case Opcode.I32_LOAD, Opcode.F32_LOAD, Opcode.I64_LOAD32_S -> s[sp - 1] = mem.loadI32(s[sp - 1], offset);
            case Opcode.I64_LOAD, Opcode.F64_LOAD -> s[sp - 1] = mem.loadI64(s[sp - 1], offset);
            case Opcode.I32_LOAD8_S, Opcode.I64_LOAD8_S -> s[sp - 1] = mem.loadI8(s[sp - 1], offset);
            case Opcode.I32_LOAD8_U, Opcode.I64_LOAD8_U -> s[sp - 1] = mem.loadU8(s[sp - 1], offset);
            case Opcode.I32_LOAD16_S, Opcode.I64_LOAD16_S -> s[sp - 1] = mem.loadI16(s[sp - 1], offset);
            case Opcode.I32_LOAD16_U, Opcode.I64_LOAD16_U -> s[sp - 1] = mem.loadU16(s[sp - 1], offset);
            case Opcode.I64_LOAD32_U -> s[sp - 1] = mem.loadI32(s[sp - 1], offset) & 0xFFFF_FFFFL;
            case Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32 -> {
                sp -= 2;
                mem.storeI32(s[sp], offset, (int) s[sp + 1]);
            }
            case Opcode.I64_STORE, Opcode.F64_STORE -> {
                sp -= 2;
                mem.storeI64(s[sp], offset, s[sp + 1]);
            }
            case Opcode.I32_STORE8, Opcode.I64_STORE8 -> {
                sp -= 2;
                mem.storeI8(s[sp], offset, (int) s[sp + 1]);
            }
            case Opcode.I32_STORE16, Opcode.I64_STORE16 -> {
                sp -= 2;
                mem.storeI16(s[sp], offset, (int) s[sp + 1]);
            }
            default -> throw new IllegalStateException("not a memory access: 0x" + Integer.toHexString(op));
        }
        return sp;
    }
}
