package dev.jazero.internal.compiler;

import static dev.jazero.internal.semantics.SimdLanes.*;
import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.ir.ArithmeticNaNs;
import dev.jazero.internal.semantics.SimdLanes;
import dev.jazero.internal.validation.SimdValidation;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the SIMD instructions of one function. A v128 is two JVM {@code long}s on the operand
 * stack, the low half below the high one, and every instruction calls the same
 * methods as the interpreter ({@link SimdLanes}), once per half of its result, as the instruction's
 * {@linkplain SimdLanes#shape shape} says: the two tiers share one implementation of the
 * lanes, which the JIT inlines with the sub-opcode as a constant.
 *
 * <p>The operands are first moved into scratch locals (six longs, then an int), which every SIMD
 * instruction of the function reuses: only the calls need them in another order, the values
 * never outlive the instruction, and HotSpot keeps such locals in registers. Nothing is
 * allocated.
 */
final class SimdEmitter {

    /** JVM local slots the emitter needs from its function: six longs, then an int. */
    static final int SCRATCH_SLOTS = 13;

    private final MethodVisitor mv;
    private final int memorySlot;
    private final int scratch;
    private final int intScratch;
    /** The long scratch (the sixth) that keeps a 64-bit memory's address. */
    private final int longAddressScratch;
    /** Whether the instruction being emitted accesses a 64-bit memory. */
    private boolean wide;

    /** {@code scratch} is the first of {@link #SCRATCH_SLOTS} local slots that belong to the emitter. */
    SimdEmitter(MethodVisitor mv, int memorySlot, int scratch) {
        this.mv = mv;
        this.memorySlot = memorySlot;
        this.scratch = scratch;
        this.intScratch = scratch + 12;
        this.longAddressScratch = scratch + 10;
    }

    /**
     * Emits SIMD instruction {@code sub} whose immediates {@code reader} holds; {@code wide} when
     * it accesses a 64-bit memory, whose addresses are i64s and offsets u64s.
     */
    void emit(int sub, InstructionReader reader, boolean wide) {
        this.wide = wide;
        switch (SimdLanes.shape(sub)) {
            case ADD_SUB -> perHalf(sub, JavaMembers.SIMD_ADD_OR_SUBTRACT);
            case LANES8 -> perHalf(sub, JavaMembers.SIMD_LANES8);
            case LANES8_UNARY -> perHalfUnary(sub, JavaMembers.SIMD_LANES8);
            case LANES16 -> perHalf(sub, JavaMembers.SIMD_LANES16);
            case LANES16_UNARY -> perHalfUnary(sub, JavaMembers.SIMD_LANES16);
            case LANES32 -> perHalf(sub, JavaMembers.SIMD_LANES32);
            case LANES32_UNARY -> perHalfUnary(sub, JavaMembers.SIMD_LANES32);
            case OP64 -> perHalf(sub, JavaMembers.SIMD_OP64);
            case OP64_UNARY -> perHalfUnary(sub, JavaMembers.SIMD_OP64);
            case SHIFT -> shift(sub);
            case TEST -> test(sub);
            case EXTEND -> fromBothHalves(sub, JavaMembers.SIMD_EXTEND);
            case CONVERT -> fromBothHalves(sub, JavaMembers.SIMD_CONVERT);
            case EXTENDED_MULTIPLY -> extendedMultiply(sub);
            case NARROW -> narrow(sub);
            case BITSELECT -> bitselect();
            case RELAXED_BINARY -> relaxed(sub, 2);
            case RELAXED_TERNARY -> relaxed(sub, 3);
            case CONST -> {
                lconst(reader.a);
                lconst(reader.b);
            }
            case SHUFFLE -> shuffle(reader.a, reader.b);
            case SWIZZLE -> swizzle();
            case SPLAT -> splat(sub);
            case EXTRACT_LANE -> extractLane(sub, reader.lane);
            case REPLACE_LANE -> replaceLane(sub, reader.lane);
            case LOAD -> load(reader.b);
            case LOAD_EXTEND -> loadExtend(sub, reader.b);
            case LOAD_SPLAT -> loadHalf(sub, JavaMembers.SIMD_LOAD_SPLAT, reader.b, false);
            case LOAD_ZERO -> loadHalf(sub, JavaMembers.SIMD_LOAD_ZERO, reader.b, true);
            case STORE -> store(reader.b);
            case LOAD_LANE -> loadLane(sub, reader.b, reader.lane);
            case STORE_LANE -> storeLane(sub, reader.b, reader.lane);
            default -> throw new IllegalStateException("not a SIMD instruction of 2.0: " + sub);
        }
    }

    // ---- shapes --------------------------------------------------------------------------------

    /** Binary, each half of the result from the same half of both operands: {@code f(sub, a, b)}. */
    private void perHalf(int sub, JavaMethod method) {
        spill(4);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            half(upper);
            half(2 + upper);
            method.call(mv);
        }
    }

    /**
     * Makes each NaN lane of the v128 on top canonical, for a result of NaN shape {@code shape}
     * ({@link ArithmeticNaNs}): nothing for {@link ArithmeticNaNs#NONE}.
     */
    void canonical(int shape) {
        JavaMethod method = switch (shape) {
            case ArithmeticNaNs.F32X4 -> JavaMembers.CANONICAL_F32_LANES;
            case ArithmeticNaNs.F64X2 -> JavaMembers.CANONICAL_F64_BITS;
            default -> null;
        };
        if (method != null) {
            mv.visitVarInsn(LSTORE, scratch);
            method.call(mv);
            mv.visitVarInsn(LLOAD, scratch);
            method.call(mv);
        }
    }

    /** Unary, each half from the same half: {@code f(sub, a, 0)}. */
    private void perHalfUnary(int sub, JavaMethod method) {
        spill(2);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            half(upper);
            mv.visitInsn(LCONST_0);
            method.call(mv);
        }
    }

    private void shift(int sub) {
        mv.visitVarInsn(ISTORE, intScratch);
        spill(2);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            half(upper);
            mv.visitVarInsn(ILOAD, intScratch);
            JavaMembers.SIMD_SHIFT.call(mv);
        }
    }

    /** any_true, all_true, bitmask: an i32 from both halves. */
    private void test(int sub) {
        spill(2);
        iconst(sub);
        half(0);
        half(1);
        JavaMembers.SIMD_TEST.call(mv);
        mv.visitInsn(L2I);
    }

    /** Unary, each half of the result from both halves: {@code f(sub, low, high, upper)}. */
    private void fromBothHalves(int sub, JavaMethod method) {
        spill(2);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            half(0);
            half(1);
            iconst(upper);
            method.call(mv);
        }
    }

    private void extendedMultiply(int sub) {
        spill(4);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            for (int h = 0; h < 4; h++) {
                half(h);
            }
            iconst(upper);
            JavaMembers.SIMD_EXTENDED_MULTIPLY.call(mv);
        }
    }

    /** The low half of the result from the first operand, the high half from the second. */
    private void narrow(int sub) {
        spill(4);
        for (int operand = 0; operand < 2; operand++) {
            iconst(sub);
            half(2 * operand);
            half(2 * operand + 1);
            JavaMembers.SIMD_NARROW.call(mv);
        }
    }

    private void bitselect() {
        spill(6);
        for (int upper = 0; upper < 2; upper++) {
            half(upper);
            half(2 + upper);
            half(4 + upper);
            JavaMembers.SIMD_BITSELECT.call(mv);
        }
    }

    /** A relaxed instruction of {@code operands} v128s, computed per half by {@code SimdLanes.relaxed}. */
    private void relaxed(int sub, int operands) {
        spill(2 * operands);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            half(upper);
            half(2 + upper);
            if (operands == 3) {
                half(4 + upper);
            } else {
                lconst(0);
            }
            JavaMembers.SIMD_RELAXED.call(mv);
        }
    }

    /** {@code indicesLow} and {@code indicesHigh}: the immediate's lane indices, eight per half. */
    private void shuffle(long indicesLow, long indicesHigh) {
        spill(4);
        for (int upper = 0; upper < 2; upper++) {
            lconst(upper == 0 ? indicesLow : indicesHigh);
            for (int h = 0; h < 4; h++) {
                half(h);
            }
            JavaMembers.SIMD_SHUFFLE.call(mv);
        }
    }

    private void swizzle() {
        spill(4);
        for (int upper = 0; upper < 2; upper++) {
            half(2 + upper);
            half(0);
            half(1);
            JavaMembers.SIMD_SWIZZLE.call(mv);
        }
    }

    private void splat(int sub) {
        JvmTypes.toLong(mv, SimdValidation.params(sub)[0]);
        spill(1);
        iconst(sub);
        half(0);
        JavaMembers.SIMD_SPLAT.call(mv);
        mv.visitInsn(DUP2);
    }

    private void extractLane(int sub, int lane) {
        spill(2);
        iconst(sub);
        iconst(lane);
        half(0);
        half(1);
        JavaMembers.SIMD_EXTRACT_LANE.call(mv);
        JvmTypes.fromLong(mv, SimdValidation.result(sub));
    }

    private void replaceLane(int sub, int lane) {
        JvmTypes.toLong(mv, SimdValidation.params(sub)[1]);
        spill(3);
        withLane(sub, lane);
    }

    /** With the vector in scratch halves 0 and 1 and a lane's slot in 2: the vector with that lane. */
    private void withLane(int sub, int lane) {
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            iconst(lane);
            half(upper);
            iconst(upper);
            half(2);
            JavaMembers.SIMD_REPLACE_LANE.call(mv);
        }
    }

    // ---- memory --------------------------------------------------------------------------------

    // The memory's own methods take the address and offset as ints (a 32-bit memory) or longs
    // (a 64-bit one), and its static scalar accessors the memory between the two; the lane
    // methods of SimdLanes take longs, zero-extended from a 32-bit memory's.

    private void load(long offset) {
        saveAddress();
        JavaMethod[] halves = wide ? new JavaMethod[] {JavaMembers.LOAD64_V128_LOW, JavaMembers.LOAD64_V128_HIGH}
                : new JavaMethod[] {JavaMembers.LOAD_V128_LOW, JavaMembers.LOAD_V128_HIGH};
        for (JavaMethod method : halves) {
            pushMemoryAddress(offset);
            method.call(mv);
        }
    }

    private void loadExtend(int sub, long offset) {
        if (wide) {
            saveAddress();
            pushMemoryAddress(offset);
            JavaMembers.LOAD64_I64.call(mv);
        } else {
            // MemoryInstance's static accessor takes the memory and the offset after the address.
            mv.visitVarInsn(ALOAD, memorySlot);
            iconst((int) offset);
            JavaMembers.LOAD_I64.call(mv);
        }
        spill(1);
        for (int upper = 0; upper < 2; upper++) {
            iconst(sub);
            half(0);
            iconst(upper);
            JavaMembers.SIMD_LOAD_EXTEND.call(mv);
        }
    }

    /**
     * A load whose method gives one half: both halves for a splat, the low one for a
     * {@code _zero} load, whose high half is zero.
     */
    private void loadHalf(int sub, JavaMethod method, long offset, boolean zeroHigh) {
        saveAddress();
        iconst(sub);
        pushLongAddress(offset);
        method.call(mv);
        mv.visitInsn(zeroHigh ? LCONST_0 : DUP2);
    }

    private void store(long offset) {
        spill(2);
        saveAddress();
        pushMemoryAddress(offset);
        half(0);
        half(1);
        (wide ? JavaMembers.STORE64_V128 : JavaMembers.STORE_V128).call(mv);
    }

    private void loadLane(int sub, long offset, int lane) {
        spill(2);
        saveAddress();
        iconst(sub);
        pushLongAddress(offset);
        JavaMembers.SIMD_LOAD_LANE.call(mv);
        mv.visitVarInsn(LSTORE, scratch + 4);
        withLane(sub, lane);
    }

    private void storeLane(int sub, long offset, int lane) {
        spill(2);
        saveAddress();
        iconst(sub);
        iconst(lane);
        pushLongAddress(offset);
        half(0);
        half(1);
        JavaMembers.SIMD_STORE_LANE.call(mv);
    }

    /** Moves the address on top into its scratch local. */
    private void saveAddress() {
        mv.visitVarInsn(wide ? LSTORE : ISTORE, wide ? longAddressScratch : intScratch);
    }

    /** The memory, the saved address and the offset, as the memory's own methods take them. */
    private void pushMemoryAddress(long offset) {
        mv.visitVarInsn(ALOAD, memorySlot);
        if (wide) {
            mv.visitVarInsn(LLOAD, longAddressScratch);
            lconst(offset);
        } else {
            mv.visitVarInsn(ILOAD, intScratch);
            iconst((int) offset);
        }
    }

    /** The memory, the saved address and the offset, as longs: what SimdLanes' methods take. */
    private void pushLongAddress(long offset) {
        mv.visitVarInsn(ALOAD, memorySlot);
        if (wide) {
            mv.visitVarInsn(LLOAD, longAddressScratch);
        } else {
            mv.visitVarInsn(ILOAD, intScratch);
            mv.visitInsn(I2L);
            mv.visitLdcInsn(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
        }
        lconst(wide ? offset : offset & 0xFFFF_FFFFL);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Moves the top {@code halves} longs into scratch halves {@code 0..halves-1}, the deepest first. */
    private void spill(int halves) {
        for (int h = halves - 1; h >= 0; h--) {
            mv.visitVarInsn(LSTORE, scratch + 2 * h);
        }
    }

    private void half(int h) {
        mv.visitVarInsn(LLOAD, scratch + 2 * h);
    }

    private void iconst(int v) {
        JvmTypes.iconst(mv, v);
    }

    private void lconst(long v) {
        JvmTypes.lconst(mv, v);
    }

    /** Whether SIMD instruction {@code sub} accesses memory, and so can trap. */
    static boolean accessesMemory(int sub) {
        return sub <= 11 || (sub >= 84 && sub <= 93);
    }

    /** The operand types of SIMD instruction {@code sub}. */
    static ValueType[] params(int sub) {
        return SimdValidation.params(sub);
    }

    /** The result type of SIMD instruction {@code sub}, null for none. */
    static ValueType result(int sub) {
        return SimdValidation.result(sub);
    }
}
