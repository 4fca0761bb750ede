package dev.jazero.internal.interpreter;

import static dev.jazero.internal.interpreter.Interpreter.bits;
import static dev.jazero.internal.interpreter.Interpreter.f32;
import static dev.jazero.internal.interpreter.Interpreter.f64;

import dev.jazero.internal.ir.Op;
import dev.jazero.internal.semantics.Numerics;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.Casts;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.MemoryInstance;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.TableInstance;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.wasm.Opcode;

/**
 * The instructions that hot loops seldom run (table and bulk segment instructions, float
 * rounding, trapping and saturating truncations, a 64-bit memory's accesses), run outside the interpreter's main loop: that
 * method must stay under the 8,000 bytes of bytecode that HotSpot compiles, and the room is better
 * spent on the instructions that loops are made of.
 */
final class RareInstructions {

    private static final Object[] DROPPED_ELEMENTS = new Object[0];
    private static final byte[] DROPPED_DATA = new byte[0];

    /** The number of immediates of each internal opcode below {@link Op#SIMD_BASE} run here. */
    private static final byte[] IMMEDIATES = new byte[Op.SIMD_BASE];

    static {
        for (int op : new int[] {Op.MEMORY_INIT, Op.DATA_DROP, Op.ELEM_DROP, Op.TABLE_SIZE, Op.TABLE_INDEX64}) {
            IMMEDIATES[op] = 1;
        }
        IMMEDIATES[Op.TABLE_INIT] = 2;
        IMMEDIATES[Op.TABLE_COPY] = 2;
        IMMEDIATES[Op.MEMORY_COPY_BETWEEN] = 2;
        IMMEDIATES[Op.MEMORY64] = 4;
        ReferenceInstructions.countImmediates(IMMEDIATES);
    }

    private RareInstructions() {
    }

    /** How far the program counter moves past the opcode's immediates. */
    static int immediates(int op) {
        return IMMEDIATES[op];
    }

    // The bulk instructions count towards the cancellation check by their cost, as in compiled
    // code (Cancellation.countBulk): the interpreter's own countdown counts loop iterations.

    /** {@code memory.grow} by the page count in {@code slot}: the old page count, or -1. */
    static long memoryGrow(ModuleInstance inst, MemoryInstance mem, long slot) {
        long delta = mem.address(slot);
        long old = mem.grow(delta);
        Cancellation.countGrowth(inst, delta);
        return old;
    }

    static int memoryCopy(ModuleInstance inst, MemoryInstance mem, long[] s, int sp) {
        sp -= 3;
        long count = mem.address(s[sp + 2]);
        mem.copy(mem.address(s[sp]), mem.address(s[sp + 1]), count);
        Cancellation.countBulk(inst, count);
        return sp;
    }

    static int memoryFill(ModuleInstance inst, MemoryInstance mem, long[] s, int sp) {
        sp -= 3;
        long count = mem.address(s[sp + 2]);
        mem.fill(mem.address(s[sp]), (int) s[sp + 1], count);
        Cancellation.countBulk(inst, count);
        return sp;
    }

    /**
     * Runs {@code op}, whose immediates start at {@code pc}, on the values below {@code sp} in the
     * frame at {@code fp}; returns the new {@code sp}.
     */
    static int execute(int op, int[] code, int pc, CallStack frames, int fp, int sp, ModuleInstance inst,
            MemoryInstance mem) {
        long[] s = frames.values;
        switch (op) {
            case Opcode.F32_CEIL -> s[sp - 1] = bits(Numerics.ceil(f32(s[sp - 1])));
            case Opcode.F32_FLOOR -> s[sp - 1] = bits(Numerics.floor(f32(s[sp - 1])));
            case Opcode.F32_TRUNC -> s[sp - 1] = bits(Numerics.trunc(f32(s[sp - 1])));
            case Opcode.F32_NEAREST -> s[sp - 1] = bits(Numerics.nearest(f32(s[sp - 1])));
            case Opcode.F64_CEIL -> s[sp - 1] = bits(Numerics.ceil(f64(s[sp - 1])));
            case Opcode.F64_FLOOR -> s[sp - 1] = bits(Numerics.floor(f64(s[sp - 1])));
            case Opcode.F64_TRUNC -> s[sp - 1] = bits(Numerics.trunc(f64(s[sp - 1])));
            case Opcode.F64_NEAREST -> s[sp - 1] = bits(Numerics.nearest(f64(s[sp - 1])));
            case Opcode.I32_TRUNC_F32_S -> s[sp - 1] = Numerics.i32TruncF32S(f32(s[sp - 1]));
            case Opcode.I32_TRUNC_F32_U -> s[sp - 1] = Numerics.i32TruncF32U(f32(s[sp - 1]));
            case Opcode.I32_TRUNC_F64_S -> s[sp - 1] = Numerics.i32TruncF64S(f64(s[sp - 1]));
            case Opcode.I32_TRUNC_F64_U -> s[sp - 1] = Numerics.i32TruncF64U(f64(s[sp - 1]));
            case Opcode.I64_TRUNC_F32_S -> s[sp - 1] = Numerics.i64TruncF32S(f32(s[sp - 1]));
            case Opcode.I64_TRUNC_F32_U -> s[sp - 1] = Numerics.i64TruncF32U(f32(s[sp - 1]));
            case Opcode.I64_TRUNC_F64_S -> s[sp - 1] = Numerics.i64TruncF64S(f64(s[sp - 1]));
            case Opcode.I64_TRUNC_F64_U -> s[sp - 1] = Numerics.i64TruncF64U(f64(s[sp - 1]));
            case Opcode.F32_CONVERT_I64_U -> s[sp - 1] = bits(Numerics.f32ConvertI64U(s[sp - 1]));
            case Opcode.F64_CONVERT_I64_U -> s[sp - 1] = bits(Numerics.f64ConvertI64U(s[sp - 1]));
            case Op.CANONICAL_F32X4 -> {
                s[sp - 2] = Numerics.canonicalF32Lanes(s[sp - 2]);
                s[sp - 1] = Numerics.canonicalF32Lanes(s[sp - 1]);
            }
            case Op.CANONICAL_F64X2 -> {
                s[sp - 2] = Numerics.canonicalF64(s[sp - 2]);
                s[sp - 1] = Numerics.canonicalF64(s[sp - 1]);
            }
            case 0x100 -> s[sp - 1] = (int) f32(s[sp - 1]);
            case 0x101 -> s[sp - 1] = Numerics.i32TruncSatF32U(f32(s[sp - 1]));
            case 0x102 -> s[sp - 1] = (int) f64(s[sp - 1]);
            case 0x103 -> s[sp - 1] = Numerics.i32TruncSatF64U(f64(s[sp - 1]));
            case 0x104 -> s[sp - 1] = (long) f32(s[sp - 1]);
            case 0x105 -> s[sp - 1] = Numerics.i64TruncSatF32U(f32(s[sp - 1]));
            case 0x106 -> s[sp - 1] = (long) f64(s[sp - 1]);
            case 0x107 -> s[sp - 1] = Numerics.i64TruncSatF64U(f64(s[sp - 1]));
            case Op.MEMORY_INIT -> {
                sp -= 3;
                mem.init(inst.datas[code[pc++]], mem.address(s[sp]), s[sp + 1] & 0xFFFF_FFFFL, s[sp + 2] & 0xFFFF_FFFFL);
                Cancellation.countBulk(inst, Integer.toUnsignedLong((int) s[sp + 2]));
            }
            case Op.DATA_DROP -> inst.datas[code[pc++]] = DROPPED_DATA;
            case Op.TABLE_INIT -> {
                sp -= 3;
                inst.tables[code[pc + 1]].init(inst.elements[code[pc]], (int) s[sp], (int) s[sp + 1], (int) s[sp + 2]);
                Cancellation.countBulk(inst, Integer.toUnsignedLong((int) s[sp + 2]) * Cancellation.ELEMENT_BYTES);
                pc += 2;
            }
            case Op.ELEM_DROP -> inst.elements[code[pc++]] = DROPPED_ELEMENTS;
            case Op.TABLE_COPY -> {
                sp -= 3;
                inst.tables[code[pc]].copy((int) s[sp], inst.tables[code[pc + 1]], (int) s[sp + 1], (int) s[sp + 2]);
                Cancellation.countBulk(inst, Integer.toUnsignedLong((int) s[sp + 2]) * Cancellation.ELEMENT_BYTES);
                pc += 2;
            }
            case Op.TABLE_SIZE -> s[sp++] = inst.tables[code[pc++]].size();
            case Op.MEMORY_COPY_BETWEEN -> {
                sp -= 3;
                MemoryInstance dst = inst.memories[code[pc]];
                MemoryInstance src = inst.memories[code[pc + 1]];
                // The count is an i64 only when both memories are 64-bit.
                long count = (dst.address64() ? src : dst).address(s[sp + 2]);
                dst.copyFrom(src, dst.address(s[sp]), src.address(s[sp + 1]), count);
                Cancellation.countBulk(inst, count);
            }
            case Op.MEMORY64 -> sp = Memory64Access.execute(code, pc, s, sp, mem);
            case Op.TABLE_INDEX64 -> {
                int at = sp - 1 - code[pc++];
                s[at] = TableInstance.index(s[at]);
            }
            default -> {
                return ReferenceInstructions.execute(op, code, pc, frames, fp, sp, inst);
            }
        }
        return sp;
    }
}
