package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.GcType;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.runtime.StructInstance;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.StructType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The classes of structs in compiled code: one per field layout, named after it, with a JVM field
 * per slot ({@code s0}, {@code s1}, ...: {@code int} for i32 and packed fields, {@code float},
 * {@code long}, {@code double}, two {@code long}s for a v128, {@code Object} for a reference, and
 * for a reference that may be an {@code i31} also the {@code int} of its pair, {@code p0},
 * {@code p1}, ...: {@link dev.jazero.internal.runtime.I31Pairs}).
 * Compiled code reads and writes those fields with {@code getfield} and {@code putfield}; the
 * class implements {@link StructInstance}'s slot accessors for the interpreter, the runtime and
 * structs of another module's compiled code.
 *
 * <p>Why by layout and not by type: types of several modules with one layout share the class
 * within a module's code, and the class depends on nothing but its name, so the loader makes it
 * when generated code first names it ({@link CompiledLoader}).
 */
final class StructClasses {

    /**
     * Slots past which a struct type has no class of its own (its accessors' {@code tableswitch}
     * must fit a method): such structs are {@code SlotStruct}s, which compiled code reaches
     * through the accessors.
     */
    static final int MAX_SLOTS = 1_000;

    /** The prefix of a struct class's binary name; the layout follows. */
    static final String PREFIX = CompiledLoader.PACKAGE.replace('/', '.') + "S_";

    private static final String SUPER = Type.getInternalName(StructInstance.class);
    private static final String GC_TYPE = Type.getDescriptor(GcType.class);

    private StructClasses() {
    }

    /**
     * A struct type's layout, a letter per slot ({@code I F J D R}, and {@code P} for a reference
     * that may be an {@code i31}, a pair); null when it has too many slots for a class.
     */
    static String layout(StructType type) {
        StringBuilder sb = new StringBuilder();
        for (FieldType field : type.fields()) {
            sb.append(letters(field));
            if (sb.length() > MAX_SLOTS) {
                return null;
            }
        }
        return sb.toString();
    }

    private static String letters(FieldType field) {
        if (field.packedBits() != 0) {
            return "I";
        }
        ValueType t = field.type();
        return switch (t.kind()) {
            case I32 -> "I";
            case F32 -> "F";
            case I64 -> "J";
            case F64 -> "D";
            case V128 -> "JJ";
            case REF -> I31Pairs.mayHold(t) ? "P" : "R";
        };
    }

    /** The internal name of the class of a layout. */
    static String internalName(String layout) {
        return CompiledLoader.PACKAGE + "S_" + layout;
    }

    /** The JVM descriptor of a slot's field (of a pair's object for {@code P}). */
    static String descriptor(char letter) {
        return letter == 'R' || letter == 'P' ? "Ljava/lang/Object;" : String.valueOf(letter);
    }

    /** Whether a slot of the letter holds a reference. */
    static boolean isReference(char letter) {
        return letter == 'R' || letter == 'P';
    }

    /** The layout a class's binary name stands for, or null when it is not a struct class's name. */
    static String layoutOf(String binaryName) {
        if (!binaryName.startsWith(PREFIX)) {
            return null;
        }
        String layout = binaryName.substring(PREFIX.length());
        if (layout.length() > MAX_SLOTS || !layout.chars().allMatch(c -> "IFJDRP".indexOf(c) >= 0)) {
            return null;
        }
        return layout;
    }

    /** The class file of a layout's class. */
    static byte[] generate(String layout) {
        String name = internalName(layout);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, SUPER, null);
        for (int i = 0; i < layout.length(); i++) {
            cw.visitField(ACC_PUBLIC, "s" + i, descriptor(layout.charAt(i)), null, null).visitEnd();
            if (layout.charAt(i) == 'P') {
                cw.visitField(ACC_PUBLIC, "p" + i, "I", null, null).visitEnd();
            }
        }
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(" + GC_TYPE + ")V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitMethodInsn(INVOKESPECIAL, SUPER, "<init>", "(" + GC_TYPE + ")V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        accessor(cw, name, layout, "getSlot", "(I)J", false, false);
        accessor(cw, name, layout, "getRef", "(I)Ljava/lang/Object;", true, false);
        accessor(cw, name, layout, "setSlot", "(IJ)V", false, true);
        accessor(cw, name, layout, "setRef", "(ILjava/lang/Object;)V", true, true);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * One of the slot accessors: a {@code tableswitch} over the slots, each case the field of its
     * slot converted to or from the engines' slot encoding; slots of the other kind (numbers for
     * the reference accessors, and the other way round) read as 0 or null and ignore writes. The
     * number accessors reach a pair's {@code int}, the reference accessors its object.
     */
    private static void accessor(ClassWriter cw, String name, String layout, String method, String descriptor,
            boolean references, boolean set) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, method, descriptor, null, null);
        mv.visitCode();
        Label other = new Label();
        Label[] cases = new Label[layout.length()];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = accesses(layout.charAt(i), references) ? new Label() : other;
        }
        if (cases.length > 0) {
            mv.visitVarInsn(ILOAD, 1);
            mv.visitTableSwitchInsn(0, cases.length - 1, other, cases);
        }
        for (int i = 0; i < cases.length; i++) {
            char letter = layout.charAt(i);
            if (!accesses(letter, references)) {
                continue;
            }
            // A pair's number: its int field.
            String field = letter == 'P' && !references ? "p" + i : "s" + i;
            if (letter == 'P' && !references) {
                letter = 'I';
            }
            mv.visitLabel(cases[i]);
            mv.visitVarInsn(ALOAD, 0);
            if (set) {
                if (references) {
                    mv.visitVarInsn(ALOAD, 2);
                } else {
                    mv.visitVarInsn(LLOAD, 2);
                    fromSlot(mv, letter);
                }
                mv.visitFieldInsn(PUTFIELD, name, field, descriptor(letter));
                mv.visitInsn(RETURN);
            } else {
                mv.visitFieldInsn(GETFIELD, name, field, descriptor(letter));
                if (references) {
                    mv.visitInsn(ARETURN);
                } else {
                    toSlot(mv, letter);
                    mv.visitInsn(LRETURN);
                }
            }
        }
        mv.visitLabel(other);
        if (set) {
            mv.visitInsn(RETURN);
        } else if (references) {
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ARETURN);
        } else {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LRETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Whether the reference accessors ({@code references}) or the number accessors reach a slot of the letter. */
    private static boolean accesses(char letter, boolean references) {
        return letter == 'P' || isReference(letter) == references;
    }

    /** A field's value as a slot: an int sign-extended, a float's or double's raw bits. */
    private static void toSlot(MethodVisitor mv, char letter) {
        switch (letter) {
            case 'I' -> mv.visitInsn(I2L);
            case 'F' -> {
                JavaMembers.FLOAT_TO_RAW_INT_BITS.call(mv);
                mv.visitInsn(I2L);
            }
            case 'D' -> JavaMembers.DOUBLE_TO_RAW_LONG_BITS.call(mv);
            default -> { }
        }
    }

    private static void fromSlot(MethodVisitor mv, char letter) {
        switch (letter) {
            case 'I' -> mv.visitInsn(L2I);
            case 'F' -> {
                mv.visitInsn(L2I);
                JavaMembers.INT_BITS_TO_FLOAT.call(mv);
            }
            case 'D' -> JavaMembers.LONG_BITS_TO_DOUBLE.call(mv);
            default -> { }
        }
    }
}
