package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.wasm.FuncType;
import org.objectweb.asm.MethodVisitor;

/**
 * How WebAssembly values are JVM values in generated code: the method descriptor of a function,
 * the JVM type of each value (a v128 is two {@code long}s, a reference an {@code Object} and an
 * {@code int}: the pair that makes an {@code i31} without an allocation, {@link I31Pairs}), and the
 * instructions that load, store, drop and convert them to and from the engine's {@code long}
 * slots.
 */
final class JvmTypes {

    private JvmTypes() {
    }

    /** The descriptor of a function's method: its parameters, then the instance; its result or void. */
    static String descriptor(FuncType type) {
        StringBuilder sb = new StringBuilder("(");
        for (ValueType t : type.params()) {
            sb.append(descriptorOf(t));
        }
        sb.append('L').append(FunctionCompiler.INSTANCE).append(";)");
        sb.append(returnsValue(type) ? returnDescriptorOf(type.results()[0]) : "V");
        return sb.toString();
    }

    /**
     * Whether the method returns its result: one of one slot. Else (several results, a v128) it
     * goes through the result buffers. A reference's object is the method's result, and the
     * number of its pair, when its type may be an {@code i31} ({@link #returnsNumber}), is slot 0
     * of the callee's instance's {@code results} buffer.
     */
    static boolean returnsValue(FuncType type) {
        return type.resultSlots() == 1;
    }

    /** Whether the method returns a reference that may be an {@code i31}, its pair's number in its instance's {@code results[0]}. */
    static boolean returnsNumber(FuncType type) {
        return returnsValue(type) && I31Pairs.mayHold(type.results()[0]);
    }

    /** The descriptor of a method's result of type {@code t}: a reference's object alone. */
    static String returnDescriptorOf(ValueType t) {
        return t.isReference() ? "Ljava/lang/Object;" : descriptorOf(t);
    }

    /** The instruction that returns a method's result of type {@code t} ({@link #returnDescriptorOf}). */
    static int returnInstruction(ValueType t) {
        return t.isReference() ? ARETURN : returnInstruction(jvmType(t));
    }

    /** The operand stack words of a method's result of type {@code t}. */
    static int returnSize(ValueType t) {
        return t.isReference() ? 1 : size(t);
    }

    /** The descriptor of a value: two longs for a v128, an Object and an int for a reference. */
    static String descriptorOf(ValueType t) {
        return t == ValueType.V128 ? "JJ" : t.isReference() ? "Ljava/lang/Object;I" : String.valueOf(jvmType(t));
    }

    /** The instruction that returns a number of JVM type {@code jvmType}. */
    private static int returnInstruction(char jvmType) {
        return switch (jvmType) {
            case 'I' -> IRETURN;
            case 'F' -> FRETURN;
            case 'D' -> DRETURN;
            default -> LRETURN;
        };
    }

    /** The JVM type of a number of one slot. */
    static char jvmType(ValueType t) {
        return switch (t.kind()) {
            case I32 -> 'I';
            case F32 -> 'F';
            case F64 -> 'D';
            case I64 -> 'J';
            case REF -> throw new IllegalArgumentException("a reference is two JVM values");
            case V128 -> throw new IllegalArgumentException("a v128 is two JVM values");
        };
    }

    /**
     * Whether a method of this type stays within the JVM's limit of 255 parameter slots, counting
     * the instance after the parameters, and the receiver of
     * {@code MethodHandle.invokeExact} when called through a handle. A function of a wider type
     * runs in the interpreter, and calls to such types take the engine's stack path.
     */
    static boolean fitsJvmMethod(FuncType type) {
        int slots = 2;
        for (ValueType t : type.params()) {
            slots += size(t);
        }
        return slots <= 255;
    }

    /** JVM local slots, and operand stack words, that a value takes. */
    static int size(ValueType t) {
        if (t == ValueType.V128) {
            return 4;
        }
        if (t.isReference()) {
            return 2;
        }
        char c = jvmType(t);
        return c == 'J' || c == 'D' ? 2 : 1;
    }

    /** Pushes the values of {@code types}, numbers only, from the {@code long[]} in local {@code array}, from slot 0 on. */
    static void loadSlots(MethodVisitor mv, ValueType[] types, int array) {
        loadSlots(mv, types, array, -1);
    }

    /**
     * Pushes the values of {@code types} from the {@code long[]} in local {@code array}, from slot
     * 0 on, references from the {@code Object[]} in local {@code refs} at the same slots (-1 when
     * the types have none), each with the number of its pair from its {@code long} slot.
     */
    static void loadSlots(MethodVisitor mv, ValueType[] types, int array, int refs) {
        int slot = 0;
        for (ValueType t : types) {
            loadSlot(mv, t, array, refs, slot);
            slot += t.slots();
        }
    }

    /**
     * Pushes the value of type {@code t} at {@code slot} of the {@code long[]} in local
     * {@code array}, a reference from the {@code Object[]} in local {@code refs} (-1 when there is
     * none) with the number of its pair from its {@code long} slot.
     */
    static void loadSlot(MethodVisitor mv, ValueType t, int array, int refs, int slot) {
        if (t.isReference()) {
            if (refs < 0) {
                throw new IllegalStateException("a reference without an Object[]");
            }
            mv.visitVarInsn(ALOAD, refs);
            iconst(mv, slot);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ALOAD, array);
            iconst(mv, slot);
            mv.visitInsn(LALOAD);
            mv.visitInsn(L2I);
            return;
        }
        mv.visitVarInsn(ALOAD, array);
        iconst(mv, slot);
        mv.visitInsn(LALOAD);
        if (t == ValueType.V128) {
            mv.visitVarInsn(ALOAD, array);
            iconst(mv, slot + 1);
            mv.visitInsn(LALOAD);
        } else {
            fromLong(mv, t);
        }
    }

    /** Whether any of {@code types} is a reference. */
    static boolean anyReference(ValueType[] types) {
        for (ValueType t : types) {
            if (t.isReference()) {
                return true;
            }
        }
        return false;
    }

    /** Converts the top value to its long slot encoding; references have none (they travel as objects). */
    static void toLong(MethodVisitor mv, ValueType t) {
        switch (t.kind()) {
            case REF -> throw new FunctionCompiler.Unsupported("a reference in a long slot");
            case I32 -> mv.visitInsn(I2L);
            case F32 -> {
                JavaMembers.FLOAT_TO_RAW_INT_BITS.call(mv);
                mv.visitInsn(I2L);
            }
            case F64 -> JavaMembers.DOUBLE_TO_RAW_LONG_BITS.call(mv);
            default -> { }
        }
    }

    /** Converts a long slot encoding on top to the type's JVM value; references have none. */
    static void fromLong(MethodVisitor mv, ValueType t) {
        switch (t.kind()) {
            case REF -> throw new FunctionCompiler.Unsupported("a reference in a long slot");
            case I32 -> mv.visitInsn(L2I);
            case F32 -> {
                mv.visitInsn(L2I);
                JavaMembers.INT_BITS_TO_FLOAT.call(mv);
            }
            case F64 -> JavaMembers.LONG_BITS_TO_DOUBLE.call(mv);
            default -> { }
        }
    }

    /** Pushes an int constant with the shortest instruction. */
    static void iconst(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a long constant with the shortest instruction. */
    static void lconst(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Loads a value of type {@code t} from local {@code slot} (two longs for a v128, an Object and an int for a reference). */
    static void load(MethodVisitor mv, ValueType t, int slot) {
        if (t == ValueType.V128) {
            mv.visitVarInsn(LLOAD, slot);
            mv.visitVarInsn(LLOAD, slot + 2);
            return;
        }
        if (t.isReference()) {
            mv.visitVarInsn(ALOAD, slot);
            mv.visitVarInsn(ILOAD, slot + 1);
            return;
        }
        mv.visitVarInsn(switch (jvmType(t)) {
            case 'I' -> ILOAD;
            case 'F' -> FLOAD;
            case 'D' -> DLOAD;
            default -> LLOAD;
        }, slot);
    }

    /** Stores the value of type {@code t} on top into local {@code slot}. */
    static void store(MethodVisitor mv, ValueType t, int slot) {
        if (t == ValueType.V128) {
            mv.visitVarInsn(LSTORE, slot + 2);
            mv.visitVarInsn(LSTORE, slot);
            return;
        }
        if (t.isReference()) {
            mv.visitVarInsn(ISTORE, slot + 1);
            mv.visitVarInsn(ASTORE, slot);
            return;
        }
        mv.visitVarInsn(switch (jvmType(t)) {
            case 'I' -> ISTORE;
            case 'F' -> FSTORE;
            case 'D' -> DSTORE;
            default -> LSTORE;
        }, slot);
    }

    /** Drops the value of type {@code t} on top. */
    static void popValue(MethodVisitor mv, ValueType t) {
        if (t == ValueType.V128) {
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
            return;
        }
        mv.visitInsn(size(t) == 2 ? POP2 : POP);
    }

    /** Pushes the default value of type {@code t}: zero, or null (with its pair's number). */
    static void zero(MethodVisitor mv, ValueType t) {
        if (t == ValueType.V128) {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCONST_0);
            return;
        }
        if (t.isReference()) {
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ICONST_0);
            return;
        }
        switch (jvmType(t)) {
            case 'I' -> mv.visitInsn(ICONST_0);
            case 'F' -> mv.visitInsn(FCONST_0);
            case 'D' -> mv.visitInsn(DCONST_0);
            default -> mv.visitInsn(LCONST_0);
        }
    }

    /**
     * Turns the reference pair of type {@code t} on top into the one object that stores it (a
     * field, an element, a table, a global): an {@code I31} for an {@code i31}. A type that cannot
     * hold one drops the number.
     */
    static void toStored(MethodVisitor mv, ValueType t) {
        if (I31Pairs.mayHold(t)) {
            mv.visitInsn(I2L);
            JavaMembers.I31_BOX.call(mv);
        } else {
            mv.visitInsn(POP);
        }
    }

    /** Turns a stored reference of type {@code t} on top into its pair ({@link #toStored}'s inverse). */
    static void fromStored(MethodVisitor mv, ValueType t) {
        if (I31Pairs.mayHold(t)) {
            mv.visitInsn(DUP);
            JavaMembers.I31_UNBOX_VALUE.call(mv);
            mv.visitInsn(SWAP);
            JavaMembers.I31_UNBOX_REF.call(mv);
            mv.visitInsn(SWAP);
        } else {
            mv.visitInsn(ICONST_0);
        }
    }

    /**
     * Stores the numbers among {@code types}, held in the locals {@code temps}, into the
     * {@code long[]} on top of the stack from slot 0 on, in the engine's slot encoding; the array
     * stays on the stack; a reference's slot gets the number of its pair, its object goes to the
     * {@code Object[]} ({@link #storeReferenceSlots}).
     */
    static void storeSlots(MethodVisitor mv, ValueType[] types, int[] temps) {
        int slot = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i] == ValueType.V128) {
                for (int half = 0; half < 2; half++) {
                    mv.visitInsn(DUP);
                    iconst(mv, slot + half);
                    mv.visitVarInsn(LLOAD, temps[i] + 2 * half);
                    mv.visitInsn(LASTORE);
                }
            } else if (types[i].isReference()) {
                // The number of the pair; the object goes to the Object[] (storeReferenceSlots).
                mv.visitInsn(DUP);
                iconst(mv, slot);
                mv.visitVarInsn(ILOAD, temps[i] + 1);
                mv.visitInsn(I2L);
                mv.visitInsn(LASTORE);
            } else {
                mv.visitInsn(DUP);
                iconst(mv, slot);
                load(mv, types[i], temps[i]);
                toLong(mv, types[i]);
                mv.visitInsn(LASTORE);
            }
            slot += types[i].slots();
        }
    }

    /**
     * Stores the references among {@code types}, held in the locals {@code temps}, into the
     * {@code Object[]} on top of the stack at their slots; the array stays on the stack.
     */
    static void storeReferenceSlots(MethodVisitor mv, ValueType[] types, int[] temps) {
        int slot = 0;
        for (int i = 0; i < types.length; i++) {
            if (types[i].isReference()) {
                mv.visitInsn(DUP);
                iconst(mv, slot);
                mv.visitVarInsn(ALOAD, temps[i]);
                mv.visitInsn(AASTORE);
            }
            slot += types[i].slots();
        }
    }
}
