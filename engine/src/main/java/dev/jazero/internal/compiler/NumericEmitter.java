package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.validation.NumericSignatures;
import dev.jazero.internal.wasm.Opcode;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the numeric instructions (0x45 to 0xC4 and the saturating truncations) with their
 * operands on the JVM stack. JVM instructions are used where their semantics are WebAssembly's;
 * the rest call {@code Numerics} or {@link CompiledSupport}, as the interpreter does.
 */
final class NumericEmitter {

    private NumericEmitter() {
    }

    static ValueType[] signature(int op) {
        return NumericSignatures.plain(op);
    }

    /** Whether {@code op} is a comparison or test, whose i32 result a branch can take as a JVM jump. */
    static boolean isCondition(int op) {
        return op >= 0x45 && op <= 0x66;
    }

    /**
     * Emits comparison {@code op} up to its jump: leaves on the stack what the returned JVM jump
     * opcode tests, which jumps exactly when the comparison's result would be 1. A branch that
     * follows the comparison then jumps on it, and no 0 or 1 is made.
     */
    static int emitCondition(MethodVisitor mv, int op) {
        return switch (op) {
            case Opcode.I32_EQZ -> IFEQ;
            case Opcode.I32_EQ -> IF_ICMPEQ;
            case Opcode.I32_NE -> IF_ICMPNE;
            case Opcode.I32_LT_S -> IF_ICMPLT;
            case Opcode.I32_LT_U -> unsignedInts(mv, IF_ICMPLT);
            case Opcode.I32_GT_S -> IF_ICMPGT;
            case Opcode.I32_GT_U -> unsignedInts(mv, IF_ICMPGT);
            case Opcode.I32_LE_S -> IF_ICMPLE;
            case Opcode.I32_LE_U -> unsignedInts(mv, IF_ICMPLE);
            case Opcode.I32_GE_S -> IF_ICMPGE;
            case Opcode.I32_GE_U -> unsignedInts(mv, IF_ICMPGE);
            case Opcode.I64_EQZ -> {
                mv.visitInsn(LCONST_0);
                yield longs(mv, IFEQ, false);
            }
            case Opcode.I64_EQ -> longs(mv, IFEQ, false);
            case Opcode.I64_NE -> longs(mv, IFNE, false);
            case Opcode.I64_LT_S -> longs(mv, IFLT, false);
            case Opcode.I64_LT_U -> longs(mv, IFLT, true);
            case Opcode.I64_GT_S -> longs(mv, IFGT, false);
            case Opcode.I64_GT_U -> longs(mv, IFGT, true);
            case Opcode.I64_LE_S -> longs(mv, IFLE, false);
            case Opcode.I64_LE_U -> longs(mv, IFLE, true);
            case Opcode.I64_GE_S -> longs(mv, IFGE, false);
            case Opcode.I64_GE_U -> longs(mv, IFGE, true);
            // NaN compares false except for ne: FCMPG makes NaN "greater" for lt/le, FCMPL "less" for gt/ge.
            case Opcode.F32_EQ -> floats(mv, FCMPL, IFEQ);
            case Opcode.F32_NE -> floats(mv, FCMPL, IFNE);
            case Opcode.F32_LT -> floats(mv, FCMPG, IFLT);
            case Opcode.F32_GT -> floats(mv, FCMPL, IFGT);
            case Opcode.F32_LE -> floats(mv, FCMPG, IFLE);
            case Opcode.F32_GE -> floats(mv, FCMPL, IFGE);
            case Opcode.F64_EQ -> floats(mv, DCMPL, IFEQ);
            case Opcode.F64_NE -> floats(mv, DCMPL, IFNE);
            case Opcode.F64_LT -> floats(mv, DCMPG, IFLT);
            case Opcode.F64_GT -> floats(mv, DCMPL, IFGT);
            case Opcode.F64_LE -> floats(mv, DCMPG, IFLE);
            case Opcode.F64_GE -> floats(mv, DCMPL, IFGE);
            default -> throw new IllegalArgumentException("not a comparison: 0x" + Integer.toHexString(op));
        };
    }

    /**
     * Unsigned comparisons flip both operands' sign bits and compare signed: the same order, in
     * one compare. {@code Integer.compareUnsigned} makes its -1, 0 or 1 with jumps first, which
     * C2 on JDK 17 does not fold away (fib's kept {@code n > 3} cost two jumps and a move).
     */
    private static int unsignedInts(MethodVisitor mv, int signedJump) {
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitInsn(SWAP);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitInsn(SWAP);
        return signedJump;
    }

    private static int longs(MethodVisitor mv, int ifOpcode, boolean unsigned) {
        if (unsigned) {
            // As unsignedInts; DUP2_X2 and POP2 swap the two longs.
            mv.visitLdcInsn(Long.MIN_VALUE);
            mv.visitInsn(LXOR);
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitLdcInsn(Long.MIN_VALUE);
            mv.visitInsn(LXOR);
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
        }
        mv.visitInsn(LCMP);
        return ifOpcode;
    }

    private static int floats(MethodVisitor mv, int cmpOpcode, int ifOpcode) {
        mv.visitInsn(cmpOpcode);
        return ifOpcode;
    }

    /** The JVM jump that jumps exactly when {@code ifOpcode} does not. */
    static int negate(int ifOpcode) {
        return switch (ifOpcode) {
            case IFEQ -> IFNE;
            case IFNE -> IFEQ;
            case IFLT -> IFGE;
            case IFGE -> IFLT;
            case IFGT -> IFLE;
            case IFLE -> IFGT;
            case IF_ICMPEQ -> IF_ICMPNE;
            case IF_ICMPNE -> IF_ICMPEQ;
            case IF_ICMPLT -> IF_ICMPGE;
            case IF_ICMPGE -> IF_ICMPLT;
            case IF_ICMPGT -> IF_ICMPLE;
            case IF_ICMPLE -> IF_ICMPGT;
            default -> throw new IllegalArgumentException("not a conditional jump: " + ifOpcode);
        };
    }

    static void emit(MethodVisitor mv, int op) {
        if (isCondition(op)) {
            test(mv, emitCondition(mv, op));
            return;
        }
        switch (op) {
            case Opcode.I32_CLZ -> JavaMembers.INTEGER_NUMBER_OF_LEADING_ZEROS.call(mv);
            case Opcode.I32_CTZ -> JavaMembers.INTEGER_NUMBER_OF_TRAILING_ZEROS.call(mv);
            case Opcode.I32_POPCNT -> JavaMembers.INTEGER_BIT_COUNT.call(mv);
            case Opcode.I32_ADD -> mv.visitInsn(IADD);
            case Opcode.I32_SUB -> mv.visitInsn(ISUB);
            case Opcode.I32_MUL -> mv.visitInsn(IMUL);
            case Opcode.I32_DIV_S -> JavaMembers.I32_DIV_S.call(mv);
            case Opcode.I32_DIV_U -> JavaMembers.I32_DIV_U.call(mv);
            case Opcode.I32_REM_S -> JavaMembers.I32_REM_S.call(mv);
            case Opcode.I32_REM_U -> JavaMembers.I32_REM_U.call(mv);
            case Opcode.I32_AND -> mv.visitInsn(IAND);
            case Opcode.I32_OR -> mv.visitInsn(IOR);
            case Opcode.I32_XOR -> mv.visitInsn(IXOR);
            case Opcode.I32_SHL -> mv.visitInsn(ISHL);
            case Opcode.I32_SHR_S -> mv.visitInsn(ISHR);
            case Opcode.I32_SHR_U -> mv.visitInsn(IUSHR);
            case Opcode.I32_ROTL -> JavaMembers.INTEGER_ROTATE_LEFT.call(mv);
            case Opcode.I32_ROTR -> JavaMembers.INTEGER_ROTATE_RIGHT.call(mv);
            case Opcode.I64_CLZ -> {
                JavaMembers.LONG_NUMBER_OF_LEADING_ZEROS.call(mv);
                mv.visitInsn(I2L);
            }
            case Opcode.I64_CTZ -> {
                JavaMembers.LONG_NUMBER_OF_TRAILING_ZEROS.call(mv);
                mv.visitInsn(I2L);
            }
            case Opcode.I64_POPCNT -> {
                JavaMembers.LONG_BIT_COUNT.call(mv);
                mv.visitInsn(I2L);
            }
            case Opcode.I64_ADD -> mv.visitInsn(LADD);
            case Opcode.I64_SUB -> mv.visitInsn(LSUB);
            case Opcode.I64_MUL -> mv.visitInsn(LMUL);
            case Opcode.I64_DIV_S -> JavaMembers.I64_DIV_S.call(mv);
            case Opcode.I64_DIV_U -> JavaMembers.I64_DIV_U.call(mv);
            case Opcode.I64_REM_S -> JavaMembers.I64_REM_S.call(mv);
            case Opcode.I64_REM_U -> JavaMembers.I64_REM_U.call(mv);
            case Opcode.I64_AND -> mv.visitInsn(LAND);
            case Opcode.I64_OR -> mv.visitInsn(LOR);
            case Opcode.I64_XOR -> mv.visitInsn(LXOR);
            case Opcode.I64_SHL -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LSHL);
            }
            case Opcode.I64_SHR_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LSHR);
            }
            case Opcode.I64_SHR_U -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LUSHR);
            }
            case Opcode.I64_ROTL -> {
                mv.visitInsn(L2I);
                JavaMembers.LONG_ROTATE_LEFT.call(mv);
            }
            case Opcode.I64_ROTR -> {
                mv.visitInsn(L2I);
                JavaMembers.LONG_ROTATE_RIGHT.call(mv);
            }
            case Opcode.F32_ABS -> JavaMembers.FABS.call(mv);
            case Opcode.F32_NEG -> JavaMembers.FNEG.call(mv);
            case Opcode.F32_CEIL -> JavaMembers.CEIL_F.call(mv);
            case Opcode.F32_FLOOR -> JavaMembers.FLOOR_F.call(mv);
            case Opcode.F32_TRUNC -> JavaMembers.TRUNC_F.call(mv);
            case Opcode.F32_NEAREST -> JavaMembers.NEAREST_F.call(mv);
            case Opcode.F32_SQRT -> JavaMembers.FSQRT.call(mv);
            case Opcode.F32_ADD -> mv.visitInsn(FADD);
            case Opcode.F32_SUB -> mv.visitInsn(FSUB);
            case Opcode.F32_MUL -> mv.visitInsn(FMUL);
            case Opcode.F32_DIV -> mv.visitInsn(FDIV);
            case Opcode.F32_MIN -> JavaMembers.FMIN_F.call(mv);
            case Opcode.F32_MAX -> JavaMembers.FMAX_F.call(mv);
            case Opcode.F32_COPYSIGN -> JavaMembers.FCOPYSIGN.call(mv);
            case Opcode.F64_ABS -> JavaMembers.DABS.call(mv);
            case Opcode.F64_NEG -> JavaMembers.DNEG.call(mv);
            case Opcode.F64_CEIL -> JavaMembers.CEIL_D.call(mv);
            case Opcode.F64_FLOOR -> JavaMembers.FLOOR_D.call(mv);
            case Opcode.F64_TRUNC -> JavaMembers.TRUNC_D.call(mv);
            case Opcode.F64_NEAREST -> JavaMembers.NEAREST_D.call(mv);
            case Opcode.F64_SQRT -> JavaMembers.MATH_SQRT.call(mv);
            case Opcode.F64_ADD -> mv.visitInsn(DADD);
            case Opcode.F64_SUB -> mv.visitInsn(DSUB);
            case Opcode.F64_MUL -> mv.visitInsn(DMUL);
            case Opcode.F64_DIV -> mv.visitInsn(DDIV);
            case Opcode.F64_MIN -> JavaMembers.FMIN_D.call(mv);
            case Opcode.F64_MAX -> JavaMembers.FMAX_D.call(mv);
            case Opcode.F64_COPYSIGN -> JavaMembers.DCOPYSIGN.call(mv);
            case Opcode.I32_WRAP_I64 -> mv.visitInsn(L2I);
            case Opcode.I32_TRUNC_F32_S -> JavaMembers.I32_TRUNC_F32_S.call(mv);
            case Opcode.I32_TRUNC_F32_U -> JavaMembers.I32_TRUNC_F32_U.call(mv);
            case Opcode.I32_TRUNC_F64_S -> JavaMembers.I32_TRUNC_F64_S.call(mv);
            case Opcode.I32_TRUNC_F64_U -> JavaMembers.I32_TRUNC_F64_U.call(mv);
            case Opcode.I64_EXTEND_I32_S -> mv.visitInsn(I2L);
            case Opcode.I64_EXTEND_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            case Opcode.I64_TRUNC_F32_S -> JavaMembers.I64_TRUNC_F32_S.call(mv);
            case Opcode.I64_TRUNC_F32_U -> JavaMembers.I64_TRUNC_F32_U.call(mv);
            case Opcode.I64_TRUNC_F64_S -> JavaMembers.I64_TRUNC_F64_S.call(mv);
            case Opcode.I64_TRUNC_F64_U -> JavaMembers.I64_TRUNC_F64_U.call(mv);
            case Opcode.F32_CONVERT_I32_S -> mv.visitInsn(I2F);
            case Opcode.F32_CONVERT_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitInsn(L2F);
            }
            case Opcode.F32_CONVERT_I64_S -> mv.visitInsn(L2F);
            case Opcode.F32_CONVERT_I64_U -> JavaMembers.F32_CONVERT_I64_U.call(mv);
            case Opcode.F32_DEMOTE_F64 -> mv.visitInsn(D2F);
            case Opcode.F64_CONVERT_I32_S -> mv.visitInsn(I2D);
            case Opcode.F64_CONVERT_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitInsn(L2D);
            }
            case Opcode.F64_CONVERT_I64_S -> mv.visitInsn(L2D);
            case Opcode.F64_CONVERT_I64_U -> JavaMembers.F64_CONVERT_I64_U.call(mv);
            case Opcode.F64_PROMOTE_F32 -> mv.visitInsn(F2D);
            case Opcode.I32_REINTERPRET_F32 -> JavaMembers.FLOAT_TO_RAW_INT_BITS.call(mv);
            case Opcode.I64_REINTERPRET_F64 -> JavaMembers.DOUBLE_TO_RAW_LONG_BITS.call(mv);
            case Opcode.F32_REINTERPRET_I32 -> JavaMembers.INT_BITS_TO_FLOAT.call(mv);
            case Opcode.F64_REINTERPRET_I64 -> JavaMembers.LONG_BITS_TO_DOUBLE.call(mv);
            case Opcode.I32_EXTEND8_S -> mv.visitInsn(I2B);
            case Opcode.I32_EXTEND16_S -> mv.visitInsn(I2S);
            case Opcode.I64_EXTEND8_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2B);
                mv.visitInsn(I2L);
            }
            case Opcode.I64_EXTEND16_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                mv.visitInsn(I2L);
            }
            case Opcode.I64_EXTEND32_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }
            default -> throw new FunctionCompiler.Unsupported("numeric opcode 0x" + Integer.toHexString(op));
        }
    }

    /** The saturating truncations: Java's casts saturate like the signed ones. */
    static void emitSaturating(MethodVisitor mv, int sub) {
        switch (sub) {
            case 0 -> mv.visitInsn(F2I);
            case 1 -> JavaMembers.I32_TRUNC_SAT_F32_U.call(mv);
            case 2 -> mv.visitInsn(D2I);
            case 3 -> JavaMembers.I32_TRUNC_SAT_F64_U.call(mv);
            case 4 -> mv.visitInsn(F2L);
            case 5 -> JavaMembers.I64_TRUNC_SAT_F32_U.call(mv);
            case 6 -> mv.visitInsn(D2L);
            default -> JavaMembers.I64_TRUNC_SAT_F64_U.call(mv);
        }
    }

    /**
     * What {@code ifOpcode} tests (one int, or two for the {@code IF_ICMP} jumps) becomes 1 when
     * it would jump, else 0: by a call to {@link Conditions}, so that no jump splits the caller's
     * block.
     */
    static void test(MethodVisitor mv, int ifOpcode) {
        JavaMethod test = switch (ifOpcode) {
            case IFEQ -> JavaMembers.EQZ;
            case IFNE -> JavaMembers.NEZ;
            case IFLT -> JavaMembers.LTZ;
            case IFGT -> JavaMembers.GTZ;
            case IFLE -> JavaMembers.LEZ;
            case IFGE -> JavaMembers.GEZ;
            case IF_ICMPEQ -> JavaMembers.EQ;
            case IF_ICMPNE -> JavaMembers.NE;
            case IF_ICMPLT -> JavaMembers.LT;
            case IF_ICMPGT -> JavaMembers.GT;
            case IF_ICMPLE -> JavaMembers.LE;
            case IF_ICMPGE -> JavaMembers.GE;
            default -> throw new IllegalArgumentException("not a conditional jump: " + ifOpcode);
        };
        test.call(mv);
    }
}
