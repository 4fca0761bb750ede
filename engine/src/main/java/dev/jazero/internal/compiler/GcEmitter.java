package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.runtime.GcType;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.wasm.ArrayType;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.StructType;
import dev.jazero.internal.wasm.WasmModule;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits garbage collection's struct and array instructions. A struct is made of the class of its
 * type's layout ({@link StructClasses}), whose fields are read and written with {@code getfield}
 * and {@code putfield}; a struct of another class (another module's, or made by the interpreter)
 * is reached through its slot accessors (slots laid out by {@link GcType#slotsOf}). Array
 * elements go through {@link GcSupport}, chosen by the element's storage, which the validated
 * type gives.
 */
final class GcEmitter {

    private final FunctionCompiler c;
    private final MethodVisitor mv;
    private final WasmModule module;

    GcEmitter(FunctionCompiler c, MethodVisitor mv, WasmModule module) {
        this.c = c;
        this.mv = mv;
        this.module = module;
    }

    /** Whether {@link #emit} translates sub-opcode {@code sub} of the 0xFB prefix. */
    static boolean handles(int sub) {
        return sub >= Opcode.Fb.STRUCT_NEW && sub <= Opcode.Fb.ARRAY_INIT_ELEM;
    }

    void emit(int sub, InstructionReader reader) {
        int type = (int) reader.a;
        switch (sub) {
            case Opcode.Fb.STRUCT_NEW -> structNew(type);
            case Opcode.Fb.STRUCT_NEW_DEFAULT -> structNewDefault(type);
            case Opcode.Fb.STRUCT_GET, Opcode.Fb.STRUCT_GET_S, Opcode.Fb.STRUCT_GET_U ->
                    structGet(type, (int) reader.b, sub == Opcode.Fb.STRUCT_GET_S);
            case Opcode.Fb.STRUCT_SET -> structSet(type, (int) reader.b);
            case Opcode.Fb.ARRAY_NEW -> arrayNew(type);
            case Opcode.Fb.ARRAY_NEW_DEFAULT -> {
                c.pop();
                c.loadInstance();
                c.iconst(type);
                JavaMembers.ARRAY_NEW_DEFAULT.call(mv);
                pushReference(type);
            }
            case Opcode.Fb.ARRAY_NEW_FIXED -> arrayNewFixed(type, (int) reader.b);
            case Opcode.Fb.ARRAY_NEW_DATA, Opcode.Fb.ARRAY_NEW_ELEM -> {
                c.pop(2);
                c.loadInstance();
                c.iconst(type);
                c.iconst((int) reader.b);
                (sub == Opcode.Fb.ARRAY_NEW_DATA ? JavaMembers.ARRAY_NEW_DATA : JavaMembers.ARRAY_NEW_ELEM).call(mv);
                pushReference(type);
            }
            case Opcode.Fb.ARRAY_GET, Opcode.Fb.ARRAY_GET_S, Opcode.Fb.ARRAY_GET_U ->
                    arrayGet(type, sub != Opcode.Fb.ARRAY_GET_U);
            case Opcode.Fb.ARRAY_SET -> arraySet(type);
            case Opcode.Fb.ARRAY_LEN -> {
                c.pop();
                mv.visitInsn(POP);
                JavaMembers.ARRAY_LEN.call(mv);
                c.push(ValueType.I32);
            }
            case Opcode.Fb.ARRAY_FILL -> arrayFill(type);
            case Opcode.Fb.ARRAY_COPY -> {
                c.convertOperands("R-R--");
                c.pop(5);
                c.loadInstance();
                JavaMembers.ARRAY_COPY.call(mv);
            }
            case Opcode.Fb.ARRAY_INIT_DATA, Opcode.Fb.ARRAY_INIT_ELEM -> {
                c.convertOperands("R---");
                c.pop(4);
                c.loadInstance();
                c.iconst((int) reader.b);
                (sub == Opcode.Fb.ARRAY_INIT_DATA ? JavaMembers.ARRAY_INIT_DATA : JavaMembers.ARRAY_INIT_ELEM).call(mv);
            }
            default -> throw new IllegalArgumentException("not a struct or array instruction: 0xfb " + sub);
        }
    }

    private static ValueType reference(int type) {
        return ValueType.ref(HeapType.type(type), false);
    }

    /** With a new struct or array of type {@code type} on top: makes it a reference pair. */
    private void pushReference(int type) {
        mv.visitInsn(ICONST_0);
        c.push(reference(type));
    }

    private StructType struct(int type) {
        return (StructType) module.types.get(type).composite();
    }

    private FieldType element(int type) {
        return ((ArrayType) module.types.get(type).composite()).element();
    }

    // ---- structs ----

    /**
     * Pushes a new struct of type {@code type} with every field zero or null: of the class of its
     * layout, or made by the runtime when the layout has none.
     */
    private void newStruct(int type, String layout) {
        if (layout == null) {
            c.loadInstance();
            c.iconst(type);
            JavaMembers.STRUCT_NEW.call(mv);
            return;
        }
        String name = StructClasses.internalName(layout);
        mv.visitTypeInsn(NEW, name);
        mv.visitInsn(DUP);
        c.loadInstance();
        JavaMembers.INSTANCE_GC_TYPES.get(mv);
        c.iconst(type);
        mv.visitInsn(AALOAD);
        mv.visitMethodInsn(INVOKESPECIAL, name, "<init>", "(" + org.objectweb.asm.Type.getDescriptor(GcType.class) + ")V",
                false);
    }

    private void structNew(int type) {
        StructType struct = struct(type);
        List<FieldType> fields = struct.fields();
        int[] slots = GcType.slotsOf(struct);
        String layout = StructClasses.layout(struct);
        ValueType[] types = new ValueType[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = fields.get(i).type();
        }
        int[] temps = c.spill(types);
        c.pop(types.length);
        newStruct(type, layout);
        for (int i = 0; i < types.length; i++) {
            mv.visitInsn(DUP);
            if (layout != null) {
                putField(layout, fields.get(i), slots[i], temps[i]);
            } else {
                setSlot(fields.get(i), slots[i], temps[i]);
            }
        }
        pushReference(type);
    }

    private void structNewDefault(int type) {
        newStruct(type, StructClasses.layout(struct(type)));
        pushReference(type);
    }

    /**
     * Emits {@code fast} when the struct on top is of the layout's class (cast to it), else
     * {@code slow}; both take the struct and leave the same values. Without a class, only
     * {@code slow}.
     */
    private void byClass(String layout, Runnable fast, Runnable slow) {
        if (layout == null) {
            slow.run();
            return;
        }
        String name = StructClasses.internalName(layout);
        Label other = new Label();
        Label done = new Label();
        mv.visitInsn(DUP);
        mv.visitTypeInsn(INSTANCEOF, name);
        mv.visitJumpInsn(IFEQ, other);
        mv.visitTypeInsn(CHECKCAST, name);
        fast.run();
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(other);
        slow.run();
        mv.visitLabel(done);
    }

    private void structGet(int type, int index, boolean signed) {
        StructType struct = struct(type);
        FieldType field = struct.fields().get(index);
        int slot = GcType.slotsOf(struct)[index];
        String layout = StructClasses.layout(struct);
        ValueType t = field.type();
        c.pop();
        mv.visitInsn(POP);
        byClass(layout, () -> getField(layout, t, slot), () -> getSlot(t, slot));
        // A packed field holds its low bits: struct.get_u has them; struct.get_s extends the sign.
        if (signed && field.packedBits() != 0) {
            mv.visitInsn(field.packedBits() == 8 ? I2B : I2S);
        }
        c.push(t);
    }

    /** With a struct of the layout's class on top, which it takes: pushes the field of {@code slot}. */
    private void getField(String layout, ValueType t, int slot) {
        String name = StructClasses.internalName(layout);
        char letter = layout.charAt(slot);
        if (t == ValueType.V128) {
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, name, "s" + slot, "J");
            mv.visitInsn(DUP2_X1);
            mv.visitInsn(POP2);
            mv.visitFieldInsn(GETFIELD, name, "s" + (slot + 1), "J");
        } else if (letter == 'P') {
            // A pair: its object, then its number.
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, name, "s" + slot, StructClasses.descriptor(letter));
            mv.visitInsn(SWAP);
            mv.visitFieldInsn(GETFIELD, name, "p" + slot, "I");
        } else {
            mv.visitFieldInsn(GETFIELD, name, "s" + slot, StructClasses.descriptor(letter));
            if (letter == 'R') {
                mv.visitInsn(ICONST_0);
            }
        }
    }

    /** With any struct reference on top, which it takes: pushes the value of {@code slot} through the accessors. */
    private void getSlot(ValueType t, int slot) {
        if (t.isReference()) {
            boolean pair = I31Pairs.mayHold(t);
            if (pair) {
                mv.visitInsn(DUP);
            }
            c.iconst(slot);
            JavaMembers.STRUCT_GET_REF.call(mv);
            if (pair) {
                // The pair's number is its slot's number.
                mv.visitInsn(SWAP);
                c.iconst(slot);
                JavaMembers.STRUCT_GET.call(mv);
                mv.visitInsn(L2I);
            } else {
                mv.visitInsn(ICONST_0);
            }
        } else if (t == ValueType.V128) {
            int ref = c.newReferenceLocal();
            mv.visitVarInsn(ASTORE, ref);
            for (int half = 0; half < 2; half++) {
                mv.visitVarInsn(ALOAD, ref);
                c.iconst(slot + half);
                JavaMembers.STRUCT_GET.call(mv);
            }
        } else {
            c.iconst(slot);
            JavaMembers.STRUCT_GET.call(mv);
            JvmTypes.fromLong(mv, t);
        }
    }

    private void structSet(int type, int index) {
        StructType struct = struct(type);
        FieldType field = struct.fields().get(index);
        int slot = GcType.slotsOf(struct)[index];
        String layout = StructClasses.layout(struct);
        c.convertOperands("R-");
        int temp = c.spill(new ValueType[] {field.type()})[0];
        c.pop(2);
        byClass(layout, () -> putField(layout, field, slot, temp), () -> setSlot(field, slot, temp));
    }

    /** With a struct of the layout's class on top, which it takes: stores the value in local {@code temp} into its field. */
    private void putField(String layout, FieldType field, int slot, int temp) {
        String name = StructClasses.internalName(layout);
        ValueType t = field.type();
        if (t == ValueType.V128) {
            mv.visitInsn(DUP);
            mv.visitVarInsn(LLOAD, temp);
            mv.visitFieldInsn(PUTFIELD, name, "s" + slot, "J");
            mv.visitVarInsn(LLOAD, temp + 2);
            mv.visitFieldInsn(PUTFIELD, name, "s" + (slot + 1), "J");
            return;
        }
        char letter = layout.charAt(slot);
        if (letter == 'P') {
            mv.visitInsn(DUP);
            mv.visitVarInsn(ALOAD, temp);
            mv.visitFieldInsn(PUTFIELD, name, "s" + slot, StructClasses.descriptor(letter));
            mv.visitVarInsn(ILOAD, temp + 1);
            mv.visitFieldInsn(PUTFIELD, name, "p" + slot, "I");
            return;
        }
        if (letter == 'R') {
            mv.visitVarInsn(ALOAD, temp);
        } else {
            c.load(t, temp);
        }
        if (field.packedBits() != 0) {
            // A packed field keeps its low bits (StructInstance.pack).
            c.iconst(field.packedBits() == 8 ? 0xFF : 0xFFFF);
            mv.visitInsn(IAND);
        }
        mv.visitFieldInsn(PUTFIELD, name, "s" + slot, StructClasses.descriptor(letter));
    }

    /** With any struct reference on top, which it takes: stores the value in local {@code temp} through the accessors. */
    private void setSlot(FieldType field, int slot, int temp) {
        ValueType t = field.type();
        if (t.isReference()) {
            if (I31Pairs.mayHold(t)) {
                mv.visitInsn(DUP);
                c.iconst(slot);
                mv.visitVarInsn(ILOAD, temp + 1);
                mv.visitInsn(I2L);
                JavaMembers.STRUCT_SET.call(mv);
            }
            c.iconst(slot);
            mv.visitVarInsn(ALOAD, temp);
            JavaMembers.STRUCT_SET_REF.call(mv);
        } else if (t == ValueType.V128) {
            int ref = c.newReferenceLocal();
            mv.visitVarInsn(ASTORE, ref);
            for (int half = 0; half < 2; half++) {
                mv.visitVarInsn(ALOAD, ref);
                c.iconst(slot + half);
                mv.visitVarInsn(LLOAD, temp + 2 * half);
                JavaMembers.STRUCT_SET.call(mv);
            }
        } else {
            c.iconst(slot);
            c.load(t, temp);
            JvmTypes.toLong(mv, t);
            if (field.packedBits() != 0) {
                mv.visitLdcInsn(field.packedBits() == 8 ? 0xFFL : 0xFFFFL);
                mv.visitInsn(LAND);
            }
            JavaMembers.STRUCT_SET.call(mv);
        }
    }

    // ---- arrays ----

    /** An array's element storage: what {@link GcSupport} reads and writes it with. */
    private enum Storage { BYTE, SHORT, INT, LONG, V128, REF, PAIR }

    private static Storage storage(FieldType element) {
        if (element.packedBits() != 0) {
            return element.packedBits() == 8 ? Storage.BYTE : Storage.SHORT;
        }
        return switch (element.type().kind()) {
            case I32, F32 -> Storage.INT;
            case I64, F64 -> Storage.LONG;
            case V128 -> Storage.V128;
            case REF -> I31Pairs.mayHold(element.type()) ? Storage.PAIR : Storage.REF;
        };
    }

    /**
     * Pushes the value in local {@code temp} as {@code array.new} and {@code array.fill} take it:
     * {@code (long value, long high, Object ref)}, a reference's pair as its number and object.
     */
    private void loadFillValue(ValueType t, int temp) {
        if (t.isReference()) {
            mv.visitVarInsn(ILOAD, temp + 1);
            mv.visitInsn(I2L);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(ALOAD, temp);
        } else if (t == ValueType.V128) {
            mv.visitVarInsn(LLOAD, temp);
            mv.visitVarInsn(LLOAD, temp + 2);
            mv.visitInsn(ACONST_NULL);
        } else {
            c.load(t, temp);
            JvmTypes.toLong(mv, t);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(ACONST_NULL);
        }
    }

    /**
     * With a value of type {@code t} and an i32 count on top, which leave the tracked stack with
     * the {@code operands - 2} under them: pushes {@code (long value, long high, Object ref, int count)}.
     */
    private void fillArguments(ValueType t, int operands) {
        int count = c.newLocal(ValueType.I32);
        mv.visitVarInsn(ISTORE, count);
        int value = c.spill(new ValueType[] {t})[0];
        c.pop(operands);
        loadFillValue(t, value);
        mv.visitVarInsn(ILOAD, count);
    }

    private void arrayNew(int type) {
        fillArguments(element(type).type(), 2);
        c.loadInstance();
        c.iconst(type);
        JavaMembers.ARRAY_NEW.call(mv);
        pushReference(type);
    }

    private void arrayNewFixed(int type, int count) {
        FieldType element = element(type);
        ValueType[] types = new ValueType[count];
        java.util.Arrays.fill(types, element.type());
        int[] temps = c.spill(types);
        c.pop(count);
        c.iconst(count);
        c.loadInstance();
        c.iconst(type);
        JavaMembers.ARRAY_NEW_DEFAULT.call(mv);
        for (int i = 0; i < count; i++) {
            mv.visitInsn(DUP);
            c.iconst(i);
            c.load(element.type(), temps[i]);
            setElement(element);
        }
        pushReference(type);
    }

    private void arrayGet(int type, boolean signed) {
        FieldType element = element(type);
        ValueType t = element.type();
        c.convertOperands("R-");
        c.pop(2);
        switch (storage(element)) {
            case BYTE -> {
                c.iconst(signed ? 1 : 0);
                JavaMembers.ARRAY_GET_BYTE.call(mv);
            }
            case SHORT -> {
                c.iconst(signed ? 1 : 0);
                JavaMembers.ARRAY_GET_SHORT.call(mv);
            }
            case INT -> {
                JavaMembers.ARRAY_GET_INT.call(mv);
                if (t == ValueType.F32) {
                    JavaMembers.INT_BITS_TO_FLOAT.call(mv);
                }
            }
            case LONG -> {
                JavaMembers.ARRAY_GET_LONG.call(mv);
                if (t == ValueType.F64) {
                    JavaMembers.LONG_BITS_TO_DOUBLE.call(mv);
                }
            }
            case REF -> {
                JavaMembers.ARRAY_GET_REF.call(mv);
                mv.visitInsn(ICONST_0);
            }
            case PAIR -> {
                // (array, index) read twice: the object, then the number under it.
                mv.visitInsn(DUP2);
                JavaMembers.ARRAY_GET_REF.call(mv);
                mv.visitInsn(DUP_X2);
                mv.visitInsn(POP);
                JavaMembers.ARRAY_GET_INT.call(mv);
            }
            case V128 -> {
                int index = c.newLocal(ValueType.I32);
                mv.visitVarInsn(ISTORE, index);
                int array = c.newReferenceLocal();
                mv.visitVarInsn(ASTORE, array);
                mv.visitVarInsn(ALOAD, array);
                mv.visitVarInsn(ILOAD, index);
                JavaMembers.ARRAY_GET_LOW.call(mv);
                mv.visitVarInsn(ALOAD, array);
                mv.visitVarInsn(ILOAD, index);
                JavaMembers.ARRAY_GET_HIGH.call(mv);
            }
        }
        c.push(t);
    }

    private void arraySet(int type) {
        c.convertOperands("R--");
        c.pop(3);
        setElement(element(type));
    }

    /** With (array, index, value) on top, as the element's type has the value: stores it. */
    private void setElement(FieldType element) {
        ValueType t = element.type();
        switch (storage(element)) {
            case BYTE -> JavaMembers.ARRAY_SET_BYTE.call(mv);
            case SHORT -> JavaMembers.ARRAY_SET_SHORT.call(mv);
            case INT -> {
                if (t == ValueType.F32) {
                    JavaMembers.FLOAT_TO_RAW_INT_BITS.call(mv);
                }
                JavaMembers.ARRAY_SET_INT.call(mv);
            }
            case LONG -> {
                if (t == ValueType.F64) {
                    JavaMembers.DOUBLE_TO_RAW_LONG_BITS.call(mv);
                }
                JavaMembers.ARRAY_SET_LONG.call(mv);
            }
            case REF, PAIR -> JavaMembers.ARRAY_SET_PAIR.call(mv);
            case V128 -> JavaMembers.ARRAY_SET_V128.call(mv);
        }
    }

    private void arrayFill(int type) {
        c.convertOperands("R---");
        fillArguments(element(type).type(), 4);
        c.loadInstance();
        JavaMembers.ARRAY_FILL.call(mv);
    }
}
