package dev.jazero.internal.runtime;

import dev.jazero.api.TrapKind;
import dev.jazero.api.WasmArray;

/**
 * An array, its elements in a Java array of their storage type ({@link GcType}): bytes and
 * shorts for packed elements, ints for i32 and f32, longs for i64 and f64 (two per v128),
 * objects for references, and objects with ints for references that may be {@code i31}s (the
 * pairs of {@link I31Pairs}). Values come and go as the engines keep them in slots.
 */
public final class ArrayInstance extends WasmArray {

    public final GcType type;
    private final int length;
    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;
    private final long[] longs;
    private final Object[] refs;

    /**
     * An array of {@code length} default elements (zero, or null).
     *
     * @throws dev.jazero.api.TrapException "out of memory" when the JVM cannot hold it
     */
    public ArrayInstance(GcType type, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8 || type.slots == GcType.V128 && length > (Integer.MAX_VALUE - 8) / 2) {
            throw Traps.trap(TrapKind.OUT_OF_MEMORY);
        }
        this.type = type;
        this.length = (int) length;
        int n = (int) length;
        try {
            bytes = type.slots == GcType.I8 ? new byte[n] : null;
            shorts = type.slots == GcType.I16 ? new short[n] : null;
            ints = type.slots == GcType.I32 || type.slots == GcType.PAIR ? new int[n] : null;
            longs = type.slots == GcType.I64 ? new long[n] : type.slots == GcType.V128 ? new long[2 * n] : null;
            refs = type.slots == GcType.REF || type.slots == GcType.PAIR ? new Object[n] : null;
        } catch (OutOfMemoryError e) {
            // The allocation is all that failed: the guest traps, the runtime goes on.
            throw Traps.trap(TrapKind.OUT_OF_MEMORY);
        }
    }

    /** {@code array.new}: {@code length} elements, each the value (and high half), or the reference (with its pair's number in {@code value}). */
    public static ArrayInstance filled(GcType type, long length, long value, long high, Object ref) {
        ArrayInstance a = new ArrayInstance(type, length);
        a.fill(0, (int) length, value, high, ref);
        return a;
    }

    /** {@code array.new_data}: {@code length} elements from the segment's bytes at {@code from}, checked before allocating. */
    public static ArrayInstance fromData(GcType type, byte[] data, int from, long length) {
        if (Integer.toUnsignedLong(from) + length * type.elementBytes() > data.length) {
            throw Traps.trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
        ArrayInstance a = new ArrayInstance(type, length);
        a.initData(0, data, from, (int) length);
        return a;
    }

    /** {@code array.new_elem}: {@code length} references of the segment from {@code from}, checked before allocating. */
    public static ArrayInstance fromElements(GcType type, Object[] elements, int from, long length) {
        if (Integer.toUnsignedLong(from) + length > elements.length) {
            throw Traps.trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
        ArrayInstance a = new ArrayInstance(type, length);
        a.initElements(0, elements, from, (int) length);
        return a;
    }

    /** The array a reference refers to, or the trap "null array reference". */
    public static ArrayInstance of(Object ref) {
        if (ref == null) {
            throw Traps.trap(TrapKind.NULL_ARRAY_REFERENCE);
        }
        return (ArrayInstance) ref;
    }

    /** Traps unless {@code i} is an element's index. */
    private void checkIndex(int i) {
        if (Integer.compareUnsigned(i, length) >= 0) {
            throw Traps.trap(TrapKind.ARRAY_OUT_OF_BOUNDS);
        }
    }

    // Typed access, for code that knows the element type: an i8 array's bytes, and so on.

    public int getByte(int i, boolean signed) {
        checkIndex(i);
        return signed ? bytes[i] : bytes[i] & 0xFF;
    }

    public int getShort(int i, boolean signed) {
        checkIndex(i);
        return signed ? shorts[i] : shorts[i] & 0xFFFF;
    }

    public int getInt(int i) {
        checkIndex(i);
        return ints[i];
    }

    public long getLong(int i) {
        checkIndex(i);
        return longs[i];
    }

    public void setByte(int i, int value) {
        checkIndex(i);
        bytes[i] = (byte) value;
    }

    public void setShort(int i, int value) {
        checkIndex(i);
        shorts[i] = (short) value;
    }

    public void setInt(int i, int value) {
        checkIndex(i);
        ints[i] = value;
    }

    public void setLong(int i, long value) {
        checkIndex(i);
        longs[i] = value;
    }

    @Override
    public int length() {
        return length;
    }

    /** Traps unless {@code [offset, offset + count)} is within the array. */
    public void check(int offset, int count) {
        if (Integer.toUnsignedLong(offset) + Integer.toUnsignedLong(count) > length) {
            throw Traps.trap(TrapKind.ARRAY_OUT_OF_BOUNDS);
        }
    }

    /** Element {@code i} as a slot, a packed one sign-extended when {@code signed}; its low half for a v128. */
    public long get(int i, boolean signed) {
        check(i, 1);
        return switch (type.slots) {
            case GcType.I8 -> signed ? bytes[i] : bytes[i] & 0xFF;
            case GcType.I16 -> signed ? shorts[i] : shorts[i] & 0xFFFF;
            case GcType.I32 -> ints[i];
            case GcType.I64 -> longs[i];
            case GcType.V128 -> longs[2 * i];
            default -> 0;
        };
    }

    /** The high half of v128 element {@code i}. */
    public long getHigh(int i) {
        return longs[2 * i + 1];
    }

    public Object getRef(int i) {
        check(i, 1);
        return refs[i];
    }

    /** Whether the elements are references that may be {@code i31}s: pairs of an object and a number. */
    public boolean isPairs() {
        return type.slots == GcType.PAIR;
    }

    /** The number of the pair of element {@code i} of an array of references that may be {@code i31}s. */
    public int getPairValue(int i) {
        check(i, 1);
        return ints[i];
    }

    /** Sets reference element {@code i} to the pair ({@code ref}, {@code value}); the number is kept when the elements may be {@code i31}s. */
    public void setPair(int i, Object ref, int value) {
        check(i, 1);
        refs[i] = ref;
        if (ints != null) {
            ints[i] = value;
        }
    }

    /** Sets element {@code i} from a slot (and for a v128 its high half). */
    public void set(int i, long value, long high) {
        check(i, 1);
        store(i, value, high);
    }

    private void store(int i, long value, long high) {
        switch (type.slots) {
            case GcType.I8 -> bytes[i] = (byte) value;
            case GcType.I16 -> shorts[i] = (short) value;
            case GcType.I32 -> ints[i] = (int) value;
            case GcType.I64 -> longs[i] = value;
            case GcType.V128 -> {
                longs[2 * i] = value;
                longs[2 * i + 1] = high;
            }
            default -> throw new IllegalStateException("a reference array");
        }
    }

    /** {@code array.fill}: elements {@code [offset, offset + count)} set to the value, or the reference (with its pair's number in {@code value}). */
    public void fill(int offset, int count, long value, long high, Object ref) {
        check(offset, count);
        if (refs != null) {
            java.util.Arrays.fill(refs, offset, offset + count, ref);
            if (type.slots == GcType.PAIR) {
                java.util.Arrays.fill(ints, offset, offset + count, (int) value);
            }
            return;
        }
        for (int i = offset; i < offset + count; i++) {
            store(i, value, high);
        }
    }

    /** {@code array.copy}: {@code count} elements of {@code source} from {@code from} to this array at {@code to}; overlap is fine. */
    public void copy(int to, ArrayInstance source, int from, int count) {
        check(to, count);
        source.check(from, count);
        Object src = source.storage();
        int width = type.slots == GcType.V128 ? 2 : 1;
        System.arraycopy(src, from * width, storage(), to * width, count * width);
        if (type.slots == GcType.PAIR && source.ints != null) {
            // A source of references that cannot be i31s has no numbers, and needs none.
            System.arraycopy(source.ints, from, ints, to, count);
        }
    }

    /** {@code array.init_data} and {@code array.new_data}: elements from little-endian bytes of {@code data} at {@code from}. */
    public void initData(int to, byte[] data, int from, int count) {
        check(to, count);
        int width = type.elementBytes();
        if (Integer.toUnsignedLong(from) + (long) count * width > data.length) {
            throw Traps.trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int at = from + i * width;
            switch (type.slots) {
                case GcType.I8 -> bytes[to + i] = data[at];
                case GcType.I16 -> shorts[to + i] = in.getShort(at);
                case GcType.I32 -> ints[to + i] = in.getInt(at);
                case GcType.I64 -> longs[to + i] = in.getLong(at);
                default -> {
                    longs[2 * (to + i)] = in.getLong(at);
                    longs[2 * (to + i) + 1] = in.getLong(at + 8);
                }
            }
        }
    }

    /** {@code array.init_elem} and {@code array.new_elem}: references from an element segment. */
    public void initElements(int to, Object[] elements, int from, int count) {
        check(to, count);
        if (Integer.toUnsignedLong(from) + Integer.toUnsignedLong(count) > elements.length) {
            throw Traps.trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
        if (type.slots == GcType.PAIR) {
            // A segment holds its i31s as I31 objects, made once at instantiation.
            for (int i = 0; i < count; i++) {
                refs[to + i] = I31Pairs.unboxRef(elements[from + i]);
                ints[to + i] = I31Pairs.unboxValue(elements[from + i]);
            }
            return;
        }
        System.arraycopy(elements, from, refs, to, count);
    }

    private Object storage() {
        return switch (type.slots) {
            case GcType.I8 -> bytes;
            case GcType.I16 -> shorts;
            case GcType.I32 -> ints;
            case GcType.REF, GcType.PAIR -> refs;
            default -> longs;
        };
    }
}
