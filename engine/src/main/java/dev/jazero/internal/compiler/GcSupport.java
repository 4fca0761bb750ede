package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.ArrayInstance;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.StructInstance;

/**
 * What generated code calls for garbage collection's struct and array instructions, with the
 * semantics the interpreter has (both use {@link StructInstance} and {@link ArrayInstance}).
 * The fields of a struct of the code's own classes ({@link StructClasses}) are read and written
 * in the generated code itself; these are the other structs' fields, the allocations and the
 * array accesses, static and small so that the JIT inlines them.
 */
public final class GcSupport {

    private GcSupport() {
    }

    // ---- structs: those not of the code's own classes, reached through their accessors ----

    public static StructInstance newStruct(ModuleInstance inst, int type) {
        return StructInstance.create(inst.gcTypes[type]);
    }

    public static long structGet(Object ref, int slot) {
        return StructInstance.of(ref).getSlot(slot);
    }

    public static Object structGetRef(Object ref, int slot) {
        return StructInstance.of(ref).getRef(slot);
    }

    public static void structSet(Object ref, int slot, long value) {
        StructInstance.of(ref).setSlot(slot, value);
    }

    public static void structSetRef(Object ref, int slot, Object value) {
        StructInstance.of(ref).setRef(slot, value);
    }

    // ---- arrays: allocation ----

    public static ArrayInstance newArray(int length, ModuleInstance inst, int type) {
        return new ArrayInstance(inst.gcTypes[type], Integer.toUnsignedLong(length));
    }

    public static ArrayInstance newArrayFilled(long value, long high, Object ref, int length, ModuleInstance inst, int type) {
        long n = Integer.toUnsignedLong(length);
        ArrayInstance a = ArrayInstance.filled(inst.gcTypes[type], n, value, high, ref);
        Cancellation.countBulk(inst, n);
        return a;
    }

    public static ArrayInstance newArrayData(int from, int length, ModuleInstance inst, int type, int segment) {
        long n = Integer.toUnsignedLong(length);
        ArrayInstance a = ArrayInstance.fromData(inst.gcTypes[type], inst.datas[segment], from, n);
        Cancellation.countBulk(inst, n);
        return a;
    }

    public static ArrayInstance newArrayElem(int from, int length, ModuleInstance inst, int type, int segment) {
        long n = Integer.toUnsignedLong(length);
        ArrayInstance a = ArrayInstance.fromElements(inst.gcTypes[type], inst.elements[segment], from, n);
        Cancellation.countBulk(inst, n);
        return a;
    }

    // ---- arrays: elements by storage ----

    public static int getByte(Object ref, int i, boolean signed) {
        return ArrayInstance.of(ref).getByte(i, signed);
    }

    public static int getShort(Object ref, int i, boolean signed) {
        return ArrayInstance.of(ref).getShort(i, signed);
    }

    public static int getInt(Object ref, int i) {
        return ArrayInstance.of(ref).getInt(i);
    }

    public static long getLong(Object ref, int i) {
        return ArrayInstance.of(ref).getLong(i);
    }

    public static Object getRef(Object ref, int i) {
        return ArrayInstance.of(ref).getRef(i);
    }

    /** A v128 element's low half; {@link #getHigh} its high half, after this checked the index. */
    public static long getLow(Object ref, int i) {
        return ArrayInstance.of(ref).get(i, false);
    }

    public static long getHigh(Object ref, int i) {
        return ArrayInstance.of(ref).getHigh(i);
    }

    public static void setByte(Object ref, int i, int value) {
        ArrayInstance.of(ref).setByte(i, value);
    }

    public static void setShort(Object ref, int i, int value) {
        ArrayInstance.of(ref).setShort(i, value);
    }

    public static void setInt(Object ref, int i, int value) {
        ArrayInstance.of(ref).setInt(i, value);
    }

    public static void setLong(Object ref, int i, long value) {
        ArrayInstance.of(ref).setLong(i, value);
    }

    /** Sets a reference element to a pair; an array whose elements cannot be {@code i31}s keeps the object alone. */
    public static void setPair(Object ref, int i, Object value, int number) {
        ArrayInstance.of(ref).setPair(i, value, number);
    }

    public static void setV128(Object ref, int i, long low, long high) {
        ArrayInstance.of(ref).set(i, low, high);
    }

    // ---- arrays: the rest ----

    public static int length(Object ref) {
        return ArrayInstance.of(ref).length();
    }

    public static void fill(Object ref, int offset, long value, long high, Object refValue, int count, ModuleInstance inst) {
        ArrayInstance a = ArrayInstance.of(ref);
        Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
        a.fill(offset, count, value, high, refValue);
    }

    public static void copy(Object to, int toOffset, Object from, int fromOffset, int count, ModuleInstance inst) {
        ArrayInstance target = ArrayInstance.of(to);
        ArrayInstance source = ArrayInstance.of(from);
        Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
        target.copy(toOffset, source, fromOffset, count);
    }

    public static void initData(Object ref, int to, int from, int count, ModuleInstance inst, int segment) {
        ArrayInstance a = ArrayInstance.of(ref);
        Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
        a.initData(to, inst.datas[segment], from, count);
    }

    public static void initElem(Object ref, int to, int from, int count, ModuleInstance inst, int segment) {
        ArrayInstance a = ArrayInstance.of(ref);
        Cancellation.countBulk(inst, Integer.toUnsignedLong(count));
        a.initElements(to, inst.elements[segment], from, count);
    }
}
