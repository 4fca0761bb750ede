package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.validation.NumericSignatures;
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
            case 0x45 -> IFEQ;
            case 0x46 -> IF_ICMPEQ;
            case 0x47 -> IF_ICMPNE;
            case 0x48 -> IF_ICMPLT;
            case 0x49 -> unsignedInts(mv, IF_ICMPLT);
            case 0x4A -> IF_ICMPGT;
            case 0x4B -> unsignedInts(mv, IF_ICMPGT);
            case 0x4C -> IF_ICMPLE;
            case 0x4D -> unsignedInts(mv, IF_ICMPLE);
            case 0x4E -> IF_ICMPGE;
            case 0x4F -> unsignedInts(mv, IF_ICMPGE);
            case 0x50 -> {
                mv.visitInsn(LCONST_0);
                yield longs(mv, IFEQ, false);
            }
            case 0x51 -> longs(mv, IFEQ, false);
            case 0x52 -> longs(mv, IFNE, false);
            case 0x53 -> longs(mv, IFLT, false);
            case 0x54 -> longs(mv, IFLT, true);
            case 0x55 -> longs(mv, IFGT, false);
            case 0x56 -> longs(mv, IFGT, true);
            case 0x57 -> longs(mv, IFLE, false);
            case 0x58 -> longs(mv, IFLE, true);
            case 0x59 -> longs(mv, IFGE, false);
            case 0x5A -> longs(mv, IFGE, true);
            // NaN compares false except for ne: FCMPG makes NaN "greater" for lt/le, FCMPL "less" for gt/ge.
            case 0x5B -> floats(mv, FCMPL, IFEQ);
            case 0x5C -> floats(mv, FCMPL, IFNE);
            case 0x5D -> floats(mv, FCMPG, IFLT);
            case 0x5E -> floats(mv, FCMPL, IFGT);
            case 0x5F -> floats(mv, FCMPG, IFLE);
            case 0x60 -> floats(mv, FCMPL, IFGE);
            case 0x61 -> floats(mv, DCMPL, IFEQ);
            case 0x62 -> floats(mv, DCMPL, IFNE);
            case 0x63 -> floats(mv, DCMPG, IFLT);
            case 0x64 -> floats(mv, DCMPL, IFGT);
            case 0x65 -> floats(mv, DCMPG, IFLE);
            case 0x66 -> floats(mv, DCMPL, IFGE);
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
            case 0x67 -> call(mv, "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
            case 0x68 -> call(mv, "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
            case 0x69 -> call(mv, "java/lang/Integer", "bitCount", "(I)I");
            case 0x6A -> mv.visitInsn(IADD);
            case 0x6B -> mv.visitInsn(ISUB);
            case 0x6C -> mv.visitInsn(IMUL);
            case 0x6D -> call(mv, NUMERICS, "i32DivS", "(II)I");
            case 0x6E -> call(mv, NUMERICS, "i32DivU", "(II)I");
            case 0x6F -> call(mv, NUMERICS, "i32RemS", "(II)I");
            case 0x70 -> call(mv, NUMERICS, "i32RemU", "(II)I");
            case 0x71 -> mv.visitInsn(IAND);
            case 0x72 -> mv.visitInsn(IOR);
            case 0x73 -> mv.visitInsn(IXOR);
            case 0x74 -> mv.visitInsn(ISHL);
            case 0x75 -> mv.visitInsn(ISHR);
            case 0x76 -> mv.visitInsn(IUSHR);
            case 0x77 -> call(mv, "java/lang/Integer", "rotateLeft", "(II)I");
            case 0x78 -> call(mv, "java/lang/Integer", "rotateRight", "(II)I");
            case 0x79 -> {
                call(mv, "java/lang/Long", "numberOfLeadingZeros", "(J)I");
                mv.visitInsn(I2L);
            }
            case 0x7A -> {
                call(mv, "java/lang/Long", "numberOfTrailingZeros", "(J)I");
                mv.visitInsn(I2L);
            }
            case 0x7B -> {
                call(mv, "java/lang/Long", "bitCount", "(J)I");
                mv.visitInsn(I2L);
            }
            case 0x7C -> mv.visitInsn(LADD);
            case 0x7D -> mv.visitInsn(LSUB);
            case 0x7E -> mv.visitInsn(LMUL);
            case 0x7F -> call(mv, NUMERICS, "i64DivS", "(JJ)J");
            case 0x80 -> call(mv, NUMERICS, "i64DivU", "(JJ)J");
            case 0x81 -> call(mv, NUMERICS, "i64RemS", "(JJ)J");
            case 0x82 -> call(mv, NUMERICS, "i64RemU", "(JJ)J");
            case 0x83 -> mv.visitInsn(LAND);
            case 0x84 -> mv.visitInsn(LOR);
            case 0x85 -> mv.visitInsn(LXOR);
            case 0x86 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LSHL);
            }
            case 0x87 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LSHR);
            }
            case 0x88 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LUSHR);
            }
            case 0x89 -> {
                mv.visitInsn(L2I);
                call(mv, "java/lang/Long", "rotateLeft", "(JI)J");
            }
            case 0x8A -> {
                mv.visitInsn(L2I);
                call(mv, "java/lang/Long", "rotateRight", "(JI)J");
            }
            case 0x8B -> call(mv, SUPPORT, "fabs", "(F)F");
            case 0x8C -> call(mv, SUPPORT, "fneg", "(F)F");
            case 0x8D -> call(mv, NUMERICS, "ceil", "(F)F");
            case 0x8E -> call(mv, NUMERICS, "floor", "(F)F");
            case 0x8F -> call(mv, NUMERICS, "trunc", "(F)F");
            case 0x90 -> call(mv, NUMERICS, "nearest", "(F)F");
            case 0x91 -> call(mv, SUPPORT, "fsqrt", "(F)F");
            case 0x92 -> mv.visitInsn(FADD);
            case 0x93 -> mv.visitInsn(FSUB);
            case 0x94 -> mv.visitInsn(FMUL);
            case 0x95 -> mv.visitInsn(FDIV);
            case 0x96 -> call(mv, NUMERICS, "fmin", "(FF)F");
            case 0x97 -> call(mv, NUMERICS, "fmax", "(FF)F");
            case 0x98 -> call(mv, SUPPORT, "fcopysign", "(FF)F");
            case 0x99 -> call(mv, SUPPORT, "dabs", "(D)D");
            case 0x9A -> call(mv, SUPPORT, "dneg", "(D)D");
            case 0x9B -> call(mv, NUMERICS, "ceil", "(D)D");
            case 0x9C -> call(mv, NUMERICS, "floor", "(D)D");
            case 0x9D -> call(mv, NUMERICS, "trunc", "(D)D");
            case 0x9E -> call(mv, NUMERICS, "nearest", "(D)D");
            case 0x9F -> call(mv, "java/lang/Math", "sqrt", "(D)D");
            case 0xA0 -> mv.visitInsn(DADD);
            case 0xA1 -> mv.visitInsn(DSUB);
            case 0xA2 -> mv.visitInsn(DMUL);
            case 0xA3 -> mv.visitInsn(DDIV);
            case 0xA4 -> call(mv, NUMERICS, "fmin", "(DD)D");
            case 0xA5 -> call(mv, NUMERICS, "fmax", "(DD)D");
            case 0xA6 -> call(mv, SUPPORT, "dcopysign", "(DD)D");
            case 0xA7 -> mv.visitInsn(L2I);
            case 0xA8 -> call(mv, NUMERICS, "i32TruncF32S", "(F)I");
            case 0xA9 -> call(mv, NUMERICS, "i32TruncF32U", "(F)I");
            case 0xAA -> call(mv, NUMERICS, "i32TruncF64S", "(D)I");
            case 0xAB -> call(mv, NUMERICS, "i32TruncF64U", "(D)I");
            case 0xAC -> mv.visitInsn(I2L);
            case 0xAD -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            case 0xAE -> call(mv, NUMERICS, "i64TruncF32S", "(F)J");
            case 0xAF -> call(mv, NUMERICS, "i64TruncF32U", "(F)J");
            case 0xB0 -> call(mv, NUMERICS, "i64TruncF64S", "(D)J");
            case 0xB1 -> call(mv, NUMERICS, "i64TruncF64U", "(D)J");
            case 0xB2 -> mv.visitInsn(I2F);
            case 0xB3 -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitInsn(L2F);
            }
            case 0xB4 -> mv.visitInsn(L2F);
            case 0xB5 -> call(mv, NUMERICS, "f32ConvertI64U", "(J)F");
            case 0xB6 -> mv.visitInsn(D2F);
            case 0xB7 -> mv.visitInsn(I2D);
            case 0xB8 -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
                mv.visitInsn(L2D);
            }
            case 0xB9 -> mv.visitInsn(L2D);
            case 0xBA -> call(mv, NUMERICS, "f64ConvertI64U", "(J)D");
            case 0xBB -> mv.visitInsn(F2D);
            case 0xBC -> call(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
            case 0xBD -> call(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
            case 0xBE -> call(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
            case 0xBF -> call(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
            case 0xC0 -> mv.visitInsn(I2B);
            case 0xC1 -> mv.visitInsn(I2S);
            case 0xC2 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2B);
                mv.visitInsn(I2L);
            }
            case 0xC3 -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                mv.visitInsn(I2L);
            }
            case 0xC4 -> {
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
