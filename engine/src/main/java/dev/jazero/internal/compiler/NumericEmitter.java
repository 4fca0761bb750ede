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

    private static final String NUMERICS = FunctionCompiler.NUMERICS;
    private static final String SUPPORT = FunctionCompiler.SUPPORT;
    private static final String CONDITIONS = org.objectweb.asm.Type.getInternalName(Conditions.class);

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
            case Opcode.I32_CLZ -> call(mv, "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
            case Opcode.I32_CTZ -> call(mv, "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
            case Opcode.I32_POPCNT -> call(mv, "java/lang/Integer", "bitCount", "(I)I");
            case Opcode.I32_ADD -> mv.visitInsn(IADD);
            case Opcode.I32_SUB -> mv.visitInsn(ISUB);
            case Opcode.I32_MUL -> mv.visitInsn(IMUL);
            case Opcode.I32_DIV_S -> call(mv, NUMERICS, "i32DivS", "(II)I");
            case Opcode.I32_DIV_U -> call(mv, NUMERICS, "i32DivU", "(II)I");
            case Opcode.I32_REM_S -> call(mv, NUMERICS, "i32RemS", "(II)I");
            case Opcode.I32_REM_U -> call(mv, NUMERICS, "i32RemU", "(II)I");
            case Opcode.I32_AND -> mv.visitInsn(IAND);
            case Opcode.I32_OR -> mv.visitInsn(IOR);
            case Opcode.I32_XOR -> mv.visitInsn(IXOR);
            case Opcode.I32_SHL -> mv.visitInsn(ISHL);
            case Opcode.I32_SHR_S -> mv.visitInsn(ISHR);
            case Opcode.I32_SHR_U -> mv.visitInsn(IUSHR);
            case Opcode.I32_ROTL -> call(mv, "java/lang/Integer", "rotateLeft", "(II)I");
            case Opcode.I32_ROTR -> call(mv, "java/lang/Integer", "rotateRight", "(II)I");
            case Opcode.I64_CLZ -> {
                call(mv, "java/lang/Long", "numberOfLeadingZeros", "(J)I");
                mv.visitInsn(I2L);
            }
            case Opcode.I64_CTZ -> {
                call(mv, "java/lang/Long", "numberOfTrailingZeros", "(J)I");
                mv.visitInsn(I2L);
            }
            case Opcode.I64_POPCNT -> {
                call(mv, "java/lang/Long", "bitCount", "(J)I");
                mv.visitInsn(I2L);
            }
            case Opcode.I64_ADD -> mv.visitInsn(LADD);
            case Opcode.I64_SUB -> mv.visitInsn(LSUB);
            case Opcode.I64_MUL -> mv.visitInsn(LMUL);
            case Opcode.I64_DIV_S -> call(mv, NUMERICS, "i64DivS", "(JJ)J");
            case Opcode.I64_DIV_U -> call(mv, NUMERICS, "i64DivU", "(JJ)J");
            case Opcode.I64_REM_S -> call(mv, NUMERICS, "i64RemS", "(JJ)J");
            case Opcode.I64_REM_U -> call(mv, NUMERICS, "i64RemU", "(JJ)J");
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
                call(mv, "java/lang/Long", "rotateLeft", "(JI)J");
            }
            case Opcode.I64_ROTR -> {
                mv.visitInsn(L2I);
                call(mv, "java/lang/Long", "rotateRight", "(JI)J");
            }
            case Opcode.F32_ABS -> call(mv, SUPPORT, "fabs", "(F)F");
            case Opcode.F32_NEG -> call(mv, SUPPORT, "fneg", "(F)F");
            case Opcode.F32_CEIL -> call(mv, NUMERICS, "ceil", "(F)F");
            case Opcode.F32_FLOOR -> call(mv, NUMERICS, "floor", "(F)F");
            case Opcode.F32_TRUNC -> call(mv, NUMERICS, "trunc", "(F)F");
            case Opcode.F32_NEAREST -> call(mv, NUMERICS, "nearest", "(F)F");
            case Opcode.F32_SQRT -> call(mv, SUPPORT, "fsqrt", "(F)F");
            case Opcode.F32_ADD -> mv.visitInsn(FADD);
            case Opcode.F32_SUB -> mv.visitInsn(FSUB);
            case Opcode.F32_MUL -> mv.visitInsn(FMUL);
            case Opcode.F32_DIV -> mv.visitInsn(FDIV);
            case Opcode.F32_MIN -> call(mv, NUMERICS, "fmin", "(FF)F");
            case Opcode.F32_MAX -> call(mv, NUMERICS, "fmax", "(FF)F");
            case Opcode.F32_COPYSIGN -> call(mv, SUPPORT, "fcopysign", "(FF)F");
            case Opcode.F64_ABS -> call(mv, SUPPORT, "dabs", "(D)D");
            case Opcode.F64_NEG -> call(mv, SUPPORT, "dneg", "(D)D");
            case Opcode.F64_CEIL -> call(mv, NUMERICS, "ceil", "(D)D");
            case Opcode.F64_FLOOR -> call(mv, NUMERICS, "floor", "(D)D");
            case Opcode.F64_TRUNC -> call(mv, NUMERICS, "trunc", "(D)D");
            case Opcode.F64_NEAREST -> call(mv, NUMERICS, "nearest", "(D)D");
            case Opcode.F64_SQRT -> call(mv, "java/lang/Math", "sqrt", "(D)D");
            case Opcode.F64_ADD -> mv.visitInsn(DADD);
            case Opcode.F64_SUB -> mv.visitInsn(DSUB);
            case Opcode.F64_MUL -> mv.visitInsn(DMUL);
            case Opcode.F64_DIV -> mv.visitInsn(DDIV);
            case Opcode.F64_MIN -> call(mv, NUMERICS, "fmin", "(DD)D");
            case Opcode.F64_MAX -> call(mv, NUMERICS, "fmax", "(DD)D");
            case Opcode.F64_COPYSIGN -> call(mv, SUPPORT, "dcopysign", "(DD)D");
            case Opcode.I32_WRAP_I64 -> mv.visitInsn(L2I);
            case Opcode.I32_TRUNC_F32_S -> call(mv, NUMERICS, "i32TruncF32S", "(F)I");
            case Opcode.I32_TRUNC_F32_U -> call(mv, NUMERICS, "i32TruncF32U", "(F)I");
            case Opcode.I32_TRUNC_F64_S -> call(mv, NUMERICS, "i32TruncF64S", "(D)I");
            case Opcode.I32_TRUNC_F64_U -> call(mv, NUMERICS, "i32TruncF64U", "(D)I");
            case Opcode.I64_EXTEND_I32_S -> mv.visitInsn(I2L);
            case Opcode.I64_EXTEND_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            case Opcode.I64_TRUNC_F32_S -> call(mv, NUMERICS, "i64TruncF32S", "(F)J");
            case Opcode.I64_TRUNC_F32_U -> call(mv, NUMERICS, "i64TruncF32U", "(F)J");
            case Opcode.I64_TRUNC_F64_S -> call(mv, NUMERICS, "i64TruncF64S", "(D)J");
            case Opcode.I64_TRUNC_F64_U -> call(mv, NUMERICS, "i64TruncF64U", "(D)J");
            case Opcode.F32_CONVERT_I32_S -> mv.visitInsn(I2F);
            case Opcode.F32_CONVERT_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitInsn(L2F);
            }
            case Opcode.F32_CONVERT_I64_S -> mv.visitInsn(L2F);
            case Opcode.F32_CONVERT_I64_U -> call(mv, NUMERICS, "f32ConvertI64U", "(J)F");
            case Opcode.F32_DEMOTE_F64 -> mv.visitInsn(D2F);
            case Opcode.F64_CONVERT_I32_S -> mv.visitInsn(I2D);
            case Opcode.F64_CONVERT_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitInsn(L2D);
            }
            case Opcode.F64_CONVERT_I64_S -> mv.visitInsn(L2D);
            case Opcode.F64_CONVERT_I64_U -> call(mv, NUMERICS, "f64ConvertI64U", "(J)D");
            case Opcode.F64_PROMOTE_F32 -> mv.visitInsn(F2D);
            case Opcode.I32_REINTERPRET_F32 -> call(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
            case Opcode.I64_REINTERPRET_F64 -> call(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
            case Opcode.F32_REINTERPRET_I32 -> call(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
            case Opcode.F64_REINTERPRET_I64 -> call(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
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
            case 1 -> call(mv, NUMERICS, "i32TruncSatF32U", "(F)I");
            case 2 -> mv.visitInsn(D2I);
            case 3 -> call(mv, NUMERICS, "i32TruncSatF64U", "(D)I");
            case 4 -> mv.visitInsn(F2L);
            case 5 -> call(mv, NUMERICS, "i64TruncSatF32U", "(F)J");
            case 6 -> mv.visitInsn(D2L);
            default -> call(mv, NUMERICS, "i64TruncSatF64U", "(D)J");
        }
    }

    private static void call(MethodVisitor mv, String owner, String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
    }

    /**
     * What {@code ifOpcode} tests (one int, or two for the {@code IF_ICMP} jumps) becomes 1 when
     * it would jump, else 0: by a call to {@link Conditions}, so that no jump splits the caller's
     * block.
     */
    static void test(MethodVisitor mv, int ifOpcode) {
        String name = switch (ifOpcode) {
            case IFEQ -> "eqz";
            case IFNE -> "nez";
            case IFLT -> "ltz";
            case IFGT -> "gtz";
            case IFLE -> "lez";
            case IFGE -> "gez";
            case IF_ICMPEQ -> "eq";
            case IF_ICMPNE -> "ne";
            case IF_ICMPLT -> "lt";
            case IF_ICMPGT -> "gt";
            case IF_ICMPLE -> "le";
            case IF_ICMPGE -> "ge";
            default -> throw new IllegalArgumentException("not a conditional jump: " + ifOpcode);
        };
        call(mv, CONDITIONS, name, ifOpcode >= IF_ICMPEQ ? "(II)I" : "(I)I");
    }
}
