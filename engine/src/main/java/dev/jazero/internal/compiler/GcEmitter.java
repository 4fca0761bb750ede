package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.runtime.GcType;
import dev.jazero.internal.wasm.ArrayType;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.StructType;
import dev.jazero.internal.wasm.WasmModule;
import java.util.List;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits garbage collection's struct and array instructions. A struct's field is read and written
 * in place ({@code StructInstance.values} or {@code refs} at the field's slot, laid out by
 * {@link GcType#slotsOf}); allocations and array elements go through {@link GcSupport}, chosen by
 * the element's storage, which the validated type gives.
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
            case Opcode.Fb.STRUCT_NEW_DEFAULT -> {
                c.loadInstance();
                c.iconst(type);
                JavaMembers.STRUCT_NEW.call(mv);
                c.push(reference(type));
            }
            case Opcode.Fb.STRUCT_GET, Opcode.Fb.STRUCT_GET_S, Opcode.Fb.STRUCT_GET_U ->
                    structGet(type, (int) reader.b, sub == Opcode.Fb.STRUCT_GET_S);
            case Opcode.Fb.STRUCT_SET -> structSet(type, (int) reader.b);
            case Opcode.Fb.ARRAY_NEW -> arrayNew(type);
            case Opcode.Fb.ARRAY_NEW_DEFAULT -> {
                c.pop();
                c.loadInstance();
                c.iconst(type);
                JavaMembers.ARRAY_NEW_DEFAULT.call(mv);
                c.push(reference(type));
            }
            case Opcode.Fb.ARRAY_NEW_FIXED -> arrayNewFixed(type, (int) reader.b);
            case Opcode.Fb.ARRAY_NEW_DATA, Opcode.Fb.ARRAY_NEW_ELEM -> {
                c.pop(2);
                c.loadInstance();
                c.iconst(type);
                c.iconst((int) reader.b);
                (sub == Opcode.Fb.ARRAY_NEW_DATA ? JavaMembers.ARRAY_NEW_DATA : JavaMembers.ARRAY_NEW_ELEM).call(mv);
                c.push(reference(type));
            }
            case Opcode.Fb.ARRAY_GET, Opcode.Fb.ARRAY_GET_S, Opcode.Fb.ARRAY_GET_U ->
                    arrayGet(type, sub != Opcode.Fb.ARRAY_GET_U);
            case Opcode.Fb.ARRAY_SET -> arraySet(type);
            case Opcode.Fb.ARRAY_LEN -> {
                c.pop();
                JavaMembers.ARRAY_LEN.call(mv);
                c.push(ValueType.I32);
            }
            case Opcode.Fb.ARRAY_FILL -> arrayFill(type);
            case Opcode.Fb.ARRAY_COPY -> {
                c.pop(5);
                c.loadInstance();
                JavaMembers.ARRAY_COPY.call(mv);
            }
            case Opcode.Fb.ARRAY_INIT_DATA, Opcode.Fb.ARRAY_INIT_ELEM -> {
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

    private StructType struct(int type) {
        return (StructType) module.types.get(type).composite();
    }

    private FieldType element(int type) {
        return ((ArrayType) module.types.get(type).composite()).element();
    }

    // ---- structs ----

    private void structNew(int type) {
        List<FieldType> fields = struct(type).fields();
        int[] slots = GcType.slotsOf(struct(type));
        ValueType[] types = new ValueType[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = fields.get(i).type();
        }
        int[] temps = c.spill(types);
        c.pop(types.length);
        c.loadInstance();
        c.iconst(type);
        JavaMembers.STRUCT_NEW.call(mv);
        for (int i = 0; i < types.length; i++) {
            mv.visitInsn(DUP);
            storeField(fields.get(i), slots[i], temps[i]);
        }
        c.push(reference(type));
    }

    /** With a struct on top, which it takes: stores the value in local {@code temp} into the field at {@code slot}. */
    private void storeField(FieldType field, int slot, int temp) {
        ValueType t = field.type();
        if (t.isReference()) {
            JavaMembers.STRUCT_REFS.get(mv);
            c.iconst(slot);
            mv.visitVarInsn(ALOAD, temp);
            mv.visitInsn(AASTORE);
        } else if (t == ValueType.V128) {
            JavaMembers.STRUCT_VALUES.get(mv);
            mv.visitInsn(DUP);
            c.iconst(slot);
            mv.visitVarInsn(LLOAD, temp);
            mv.visitInsn(LASTORE);
            c.iconst(slot + 1);
            mv.visitVarInsn(LLOAD, temp + 2);
            mv.visitInsn(LASTORE);
        } else {
            JavaMembers.STRUCT_VALUES.get(mv);
            c.iconst(slot);
            c.load(t, temp);
            JvmTypes.toLong(mv, t);
            if (field.packedBits() != 0) {
                // A packed field keeps its low bits (StructInstance.pack).
                mv.visitLdcInsn(field.packedBits() == 8 ? 0xFFL : 0xFFFFL);
                mv.visitInsn(LAND);
            }
            mv.visitInsn(LASTORE);
        }
    }

    private void structGet(int type, int index, boolean signed) {
        FieldType field = struct(type).fields().get(index);
        int slot = GcType.slotsOf(struct(type))[index];
        ValueType t = field.type();
        c.pop();
        JavaMembers.STRUCT_OF.call(mv);
        if (t.isReference()) {
            JavaMembers.STRUCT_REFS.get(mv);
            c.iconst(slot);
            mv.visitInsn(AALOAD);
        } else if (t == ValueType.V128) {
            JavaMembers.STRUCT_VALUES.get(mv);
            mv.visitInsn(DUP);
            c.iconst(slot);
            mv.visitInsn(LALOAD);
            mv.visitInsn(DUP2_X1);
            mv.visitInsn(POP2);
            c.iconst(slot + 1);
            mv.visitInsn(LALOAD);
        } else {
            JavaMembers.STRUCT_VALUES.get(mv);
            c.iconst(slot);
            mv.visitInsn(LALOAD);
            JvmTypes.fromLong(mv, t);
            // A packed field holds its low bits: struct.get_u has them; struct.get_s extends the sign.
            if (signed && field.packedBits() != 0) {
                mv.visitInsn(field.packedBits() == 8 ? I2B : I2S);
            }
        }
        c.push(t);
    }

    private void structSet(int type, int index) {
        FieldType field = struct(type).fields().get(index);
        int slot = GcType.slotsOf(struct(type))[index];
        int temp = c.spill(new ValueType[] {field.type()})[0];
        c.pop(2);
        JavaMembers.STRUCT_OF.call(mv);
        storeField(field, slot, temp);
    }

    // ---- arrays ----

    /** An array's element storage: what {@link GcSupport} reads and writes it with. */
    private enum Storage { BYTE, SHORT, INT, LONG, V128, REF }

    private static Storage storage(FieldType element) {
        if (element.packedBits() != 0) {
            return element.packedBits() == 8 ? Storage.BYTE : Storage.SHORT;
        }
        return switch (element.type().kind()) {
            case I32, F32 -> Storage.INT;
            case I64, F64 -> Storage.LONG;
            case V128 -> Storage.V128;
            case REF -> Storage.REF;
        };
    }

    /**
     * Pushes the value in local {@code temp} as {@code array.new} and {@code array.fill} take it:
     * {@code (long value, long high, Object ref)}.
     */
    private void loadFillValue(ValueType t, int temp) {
        if (t.isReference()) {
            mv.visitInsn(LCONST_0);
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

    private void arrayNew(int type) {
        ValueType t = element(type).type();
        int length = c.newLocal(ValueType.I32);
        mv.visitVarInsn(ISTORE, length);
        int value = c.spill(new ValueType[] {t})[0];
        c.pop(2);
        loadFillValue(t, value);
        mv.visitVarInsn(ILOAD, length);
        c.loadInstance();
        c.iconst(type);
        JavaMembers.ARRAY_NEW.call(mv);
        c.push(reference(type));
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
        c.push(reference(type));
    }

    private void arrayGet(int type, boolean signed) {
        FieldType element = element(type);
        ValueType t = element.type();
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
            case REF -> JavaMembers.ARRAY_GET_REF.call(mv);
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
            case REF -> JavaMembers.ARRAY_SET_REF.call(mv);
            case V128 -> JavaMembers.ARRAY_SET_V128.call(mv);
        }
    }

    private void arrayFill(int type) {
        ValueType t = element(type).type();
        int count = c.newLocal(ValueType.I32);
        mv.visitVarInsn(ISTORE, count);
        int value = c.spill(new ValueType[] {t})[0];
        c.pop(4);
        loadFillValue(t, value);
        mv.visitVarInsn(ILOAD, count);
        c.loadInstance();
        JavaMembers.ARRAY_FILL.call(mv);
    }
}
