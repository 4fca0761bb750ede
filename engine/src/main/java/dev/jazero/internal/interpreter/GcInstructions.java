package dev.jazero.internal.interpreter;

import dev.jazero.api.TrapKind;
import dev.jazero.internal.ir.Op;
import dev.jazero.internal.runtime.ArrayInstance;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.Casts;
import dev.jazero.internal.runtime.GcType;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.StructInstance;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.wasm.FieldType;

/**
 * Garbage collection's instructions, outside the main loop: structs, arrays, {@code i31},
 * {@code ref.eq} and {@code br_on_cast}'s test. Struct and array references are objects in
 * {@link CallStack#refs}; an {@code i31} is a pair there and in fields and elements that may hold
 * one ({@link I31Pairs}); an allocation the JVM's heap cannot hold traps with "out of memory",
 * which leaves the runtime usable.
 */
final class GcInstructions {

    private GcInstructions() {
    }

    /** Fills in the number of immediates of each instruction run here. */
    static void countImmediates(byte[] immediates) {
        for (int op : new int[] {Op.STRUCT_NEW, Op.STRUCT_NEW_DEFAULT, Op.ARRAY_NEW, Op.ARRAY_NEW_DEFAULT, Op.ARRAY_GET,
                Op.ARRAY_GET_S, Op.ARRAY_GET_U, Op.ARRAY_SET, Op.ARRAY_FILL}) {
            immediates[op] = 1;
        }
        for (int op : new int[] {Op.STRUCT_GET, Op.STRUCT_GET_S, Op.STRUCT_GET_U, Op.STRUCT_SET, Op.ARRAY_NEW_FIXED,
                Op.ARRAY_NEW_DATA, Op.ARRAY_NEW_ELEM, Op.ARRAY_COPY, Op.ARRAY_INIT_DATA, Op.ARRAY_INIT_ELEM,
                Op.REF_TEST_KEEP}) {
            immediates[op] = 2;
        }
    }

    /** Runs {@code op}, whose immediates start at {@code pc}, on the values below {@code sp}; returns the new {@code sp}. */
    static int execute(int op, int[] code, int pc, CallStack frames, int sp, ModuleInstance inst) {
        try {
            return run(op, code, pc, frames.values, frames.refs, sp, inst);
        } catch (OutOfMemoryError e) {
            // The allocation is all that failed: the guest traps, the runtime goes on.
            throw Traps.trap(TrapKind.OUT_OF_MEMORY);
        }
    }

    private static int run(int op, int[] code, int pc, long[] s, Object[] r, int sp, ModuleInstance inst) {
        switch (op) {
            case Op.STRUCT_NEW -> {
                GcType type = inst.gcTypes[code[pc]];
                StructInstance o = type.newStruct();
                int base = sp - type.slotCount();
                for (int f = 0; f < type.fields.length; f++) {
                    int slot = o.slot(f);
                    FieldType field = type.fields[f];
                    if (field.type().isReference()) {
                        o.setRef(slot, r[base + slot]);
                        if (type.isPair(f)) {
                            o.setSlot(slot, s[base + slot]);
                        }
                    } else {
                        o.setSlot(slot, pack(field, s[base + slot]));
                        if (field.type().slots() == 2) {
                            o.setSlot(slot + 1, s[base + slot + 1]);
                        }
                    }
                }
                return push(s, r, base, o);
            }
            case Op.STRUCT_NEW_DEFAULT -> {
                return push(s, r, sp, inst.gcTypes[code[pc]].newStruct());
            }
            case Op.STRUCT_GET, Op.STRUCT_GET_S, Op.STRUCT_GET_U -> {
                StructInstance o = struct(r[sp - 1]);
                int f = code[pc + 1];
                int slot = o.slot(f);
                FieldType field = o.type.fields[f];
                if (field.type().isReference()) {
                    r[sp - 1] = o.getRef(slot);
                    s[sp - 1] = o.type.isPair(f) ? o.getSlot(slot) : 0;
                    return sp;
                }
                r[sp - 1] = null;
                s[sp - 1] = unpack(field, o.getSlot(slot), op == Op.STRUCT_GET_S);
                if (field.type().slots() == 2) {
                    s[sp] = o.getSlot(slot + 1);
                    r[sp++] = null;
                }
                return sp;
            }
            case Op.STRUCT_SET -> {
                int f = code[pc + 1];
                FieldType field = inst.gcTypes[code[pc]].fields[f];
                int n = field.type().slots();
                sp -= n;
                StructInstance o = struct(r[sp - 1]);
                int slot = o.slot(f);
                if (field.type().isReference()) {
                    o.setRef(slot, r[sp]);
                    if (o.type.isPair(f)) {
                        o.setSlot(slot, s[sp]);
                    }
                } else {
                    o.setSlot(slot, pack(field, s[sp]));
                    if (n == 2) {
                        o.setSlot(slot + 1, s[sp + 1]);
                    }
                }
                return sp - 1;
            }
            case Op.ARRAY_NEW, Op.ARRAY_NEW_DEFAULT -> {
                GcType type = inst.gcTypes[code[pc]];
                long length = s[--sp] & 0xFFFF_FFFFL;
                if (op == Op.ARRAY_NEW_DEFAULT) {
                    return push(s, r, sp, new ArrayInstance(type, length));
                }
                int n = type.fields[0].type().slots();
                sp -= n;
                ArrayInstance a = ArrayInstance.filled(type, length, s[sp], n == 2 ? s[sp + 1] : 0, r[sp]);
                Cancellation.countBulk(inst, length);
                return push(s, r, sp, a);
            }
            case Op.ARRAY_NEW_FIXED -> {
                GcType type = inst.gcTypes[code[pc]];
                int count = code[pc + 1];
                int n = type.fields[0].type().slots();
                int base = sp - count * n;
                ArrayInstance a = new ArrayInstance(type, count);
                for (int i = 0; i < count; i++) {
                    int at = base + i * n;
                    if (type.fields[0].type().isReference()) {
                        a.setPair(i, r[at], (int) s[at]);
                    } else {
                        a.set(i, s[at], n == 2 ? s[at + 1] : 0);
                    }
                }
                return push(s, r, base, a);
            }
            case Op.ARRAY_NEW_DATA, Op.ARRAY_NEW_ELEM -> {
                GcType type = inst.gcTypes[code[pc]];
                sp -= 2;
                int from = (int) s[sp];
                long length = s[sp + 1] & 0xFFFF_FFFFL;
                ArrayInstance a = op == Op.ARRAY_NEW_DATA
                        ? ArrayInstance.fromData(type, inst.datas[code[pc + 1]], from, length)
                        : ArrayInstance.fromElements(type, inst.elements[code[pc + 1]], from, length);
                Cancellation.countBulk(inst, length);
                return push(s, r, sp, a);
            }
            case Op.ARRAY_GET, Op.ARRAY_GET_S, Op.ARRAY_GET_U -> {
                int index = (int) s[--sp];
                ArrayInstance a = array(r[sp - 1]);
                FieldType element = a.type.fields[0];
                if (element.type().isReference()) {
                    r[sp - 1] = a.getRef(index);
                    s[sp - 1] = a.isPairs() ? a.getPairValue(index) : 0;
                    return sp;
                }
                r[sp - 1] = null;
                s[sp - 1] = a.get(index, op != Op.ARRAY_GET_U);
                if (element.type().slots() == 2) {
                    s[sp] = a.getHigh(index);
                    r[sp++] = null;
                }
                return sp;
            }
            case Op.ARRAY_SET -> {
                int n = inst.gcTypes[code[pc]].fields[0].type().slots();
                sp -= n;
                int index = (int) s[sp - 1];
                ArrayInstance a = array(r[sp - 2]);
                if (a.type.fields[0].type().isReference()) {
                    a.setPair(index, r[sp], (int) s[sp]);
                } else {
                    a.set(index, s[sp], n == 2 ? s[sp + 1] : 0);
                }
                return sp - 2;
            }
            case Op.ARRAY_LEN -> {
                s[sp - 1] = array(r[sp - 1]).length();
                r[sp - 1] = null;
                return sp;
            }
            case Op.ARRAY_FILL -> {
                int n = inst.gcTypes[code[pc]].fields[0].type().slots();
                int count = (int) s[--sp];
                sp -= n;
                int value = sp;
                int offset = (int) s[sp - 1];
                ArrayInstance a = array(r[sp - 2]);
                Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
                a.fill(offset, count, s[value], n == 2 ? s[value + 1] : 0, r[value]);
                return sp - 2;
            }
            case Op.ARRAY_COPY -> {
                sp -= 5;
                ArrayInstance to = array(r[sp]);
                ArrayInstance from = array(r[sp + 2]);
                int count = (int) s[sp + 4];
                Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
                to.copy((int) s[sp + 1], from, (int) s[sp + 3], count);
                return sp;
            }
            case Op.ARRAY_INIT_DATA, Op.ARRAY_INIT_ELEM -> {
                sp -= 4;
                ArrayInstance a = array(r[sp]);
                int count = (int) s[sp + 3];
                Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
                if (op == Op.ARRAY_INIT_DATA) {
                    a.initData((int) s[sp + 1], inst.datas[code[pc + 1]], (int) s[sp + 2], count);
                } else {
                    a.initElements((int) s[sp + 1], inst.elements[code[pc + 1]], (int) s[sp + 2], count);
                }
                return sp;
            }
            case Op.REF_I31 -> {
                r[sp - 1] = I31Pairs.TAG;
                s[sp - 1] = I31Pairs.value((int) s[sp - 1]);
                return sp;
            }
            case Op.I31_GET_S, Op.I31_GET_U -> {
                s[sp - 1] = Casts.i31Value(r[sp - 1], (int) s[sp - 1], op == Op.I31_GET_S);
                r[sp - 1] = null;
                return sp;
            }
            case Op.REF_EQ -> {
                sp--;
                s[sp - 1] = Casts.same(r[sp - 1], (int) s[sp - 1], r[sp], (int) s[sp]) ? 1 : 0;
                r[sp - 1] = null;
                return sp;
            }
            case Op.REF_TEST_KEEP -> {
                s[sp] = Casts.test(r[sp - 1], code[pc], code[pc + 1] != 0, inst) ? 1 : 0;
                r[sp] = null;
                return sp + 1;
            }
            default -> throw new IllegalStateException("not an internal opcode: 0x" + Integer.toHexString(op));
        }
    }

    private static int push(long[] s, Object[] r, int sp, Object o) {
        r[sp] = o;
        s[sp] = 0;
        return sp + 1;
    }

    private static StructInstance struct(Object ref) {
        return StructInstance.of(ref);
    }

    private static ArrayInstance array(Object ref) {
        return ArrayInstance.of(ref);
    }

    private static long pack(FieldType field, long value) {
        return StructInstance.pack(field.packedBits(), value);
    }

    private static long unpack(FieldType field, long value, boolean signed) {
        return StructInstance.unpack(field.packedBits(), value, signed);
    }
}
