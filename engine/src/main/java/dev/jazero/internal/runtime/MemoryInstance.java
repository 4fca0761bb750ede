package dev.jazero.internal.runtime;

import dev.jazero.api.Memory;
import dev.jazero.api.MemoryDefinition;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory backed by one byte array. Every access checks its effective address (the
 * unsigned 32-bit base plus the unsigned offset, computed in a long so it cannot wrap) against the
 * current size and traps when it does not fit. See {@code docs/memory.md} for why one array, and
 * what it means for memories above 2 GiB.
 */
public final class MemoryInstance implements Memory {

    /** The most pages one Java array can hold. */
    public static final long MAX_ARRAY_PAGES = (Integer.MAX_VALUE - 8) / PAGE_SIZE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryDefinition definition;
    /** The most pages this memory may reach: its declared maximum, the runtime's limit, the array's. */
    private final long maxPages;
    private final long declaredMax;
    private byte[] bytes;
    private long size;

    /**
     * @param minPages initial size
     * @param declaredMax the type's maximum, or -1
     * @param limitPages the runtime's limit
     * @param reserveMax whether to allocate the maximum up front
     */
    public MemoryInstance(MemoryDefinition definition, long minPages, long declaredMax, long limitPages, boolean reserveMax) {
        this.definition = definition;
        this.declaredMax = declaredMax;
        long max = declaredMax < 0 ? limitPages : Math.min(declaredMax, limitPages);
        this.maxPages = Math.min(max, MAX_ARRAY_PAGES);
        if (minPages > maxPages) {
            throw new IllegalStateException("memory of " + minPages + " pages exceeds the limit of " + maxPages + " pages");
        }
        long capacity = reserveMax && declaredMax >= 0 ? maxPages : minPages;
        this.bytes = new byte[(int) (capacity * PAGE_SIZE)];
        this.size = minPages * PAGE_SIZE;
    }

    @Override
    public MemoryDefinition definition() {
        return definition;
    }

    /** Returns the maximum from the memory's type, or -1: what import matching compares. */
    public long declaredMaxPages() {
        return declaredMax;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long grow(long deltaPages) {
        long oldPages = size / PAGE_SIZE;
        if (deltaPages < 0 || deltaPages > maxPages - oldPages) {
            return -1;
        }
        long newSize = (oldPages + deltaPages) * PAGE_SIZE;
        if (newSize > bytes.length) {
            try {
                bytes = Arrays.copyOf(bytes, (int) newSize);
            } catch (OutOfMemoryError e) {
                // The heap cannot hold it: growth fails as if the limit were lower.
                return -1;
            }
        }
        size = newSize;
        return oldPages;
    }

    private long address(int base, int offset, int width) {
        long ea = Integer.toUnsignedLong(base) + Integer.toUnsignedLong(offset);
        if (ea > size - width) {
            throw Traps.memoryOutOfBounds();
        }
        return ea;
    }

    private int checked(long offset, long width) {
        if (offset < 0 || width < 0 || offset > size - width) {
            throw Traps.memoryOutOfBounds();
        }
        return (int) offset;
    }

    // ---- the instructions' accessors: base address as an i32, offset as an unsigned int ----

    public int loadI32(int base, int offset) {
        return (int) INT.get(bytes, (int) address(base, offset, 4));
    }

    public long loadI64(int base, int offset) {
        return (long) LONG.get(bytes, (int) address(base, offset, 8));
    }

    public int loadI8(int base, int offset) {
        return bytes[(int) address(base, offset, 1)];
    }

    public int loadU8(int base, int offset) {
        return bytes[(int) address(base, offset, 1)] & 0xFF;
    }

    public int loadI16(int base, int offset) {
        return (short) SHORT.get(bytes, (int) address(base, offset, 2));
    }

    public int loadU16(int base, int offset) {
        return (short) SHORT.get(bytes, (int) address(base, offset, 2)) & 0xFFFF;
    }

    public void storeI32(int base, int offset, int value) {
        INT.set(bytes, (int) address(base, offset, 4), value);
    }

    public void storeI64(int base, int offset, long value) {
        LONG.set(bytes, (int) address(base, offset, 8), value);
    }

    public void storeI8(int base, int offset, int value) {
        bytes[(int) address(base, offset, 1)] = (byte) value;
    }

    public void storeI16(int base, int offset, int value) {
        SHORT.set(bytes, (int) address(base, offset, 2), (short) value);
    }

    /**
     * {@code v128.load}: checks all 16 bytes, then writes the low and the high half to
     * {@code slots[at]} and {@code slots[at + 1]}.
     */
    public void loadV128(int base, int offset, long[] slots, int at) {
        int ea = (int) address(base, offset, 16);
        slots[at] = (long) LONG.get(bytes, ea);
        slots[at + 1] = (long) LONG.get(bytes, ea + 8);
    }

    /** {@code v128.store}: checks all 16 bytes before writing any. */
    public void storeV128(int base, int offset, long low, long high) {
        int ea = (int) address(base, offset, 16);
        LONG.set(bytes, ea, low);
        LONG.set(bytes, ea + 8, high);
    }

    /** {@code memory.fill}: bounds are checked before anything is written. */
    public void fill(int dst, int value, int count) {
        int d = checked(Integer.toUnsignedLong(dst), Integer.toUnsignedLong(count));
        Arrays.fill(bytes, d, d + count, (byte) value);
    }

    /** {@code memory.copy}, correct for overlapping ranges. */
    public void copy(int dst, int src, int count) {
        long n = Integer.toUnsignedLong(count);
        int s = checked(Integer.toUnsignedLong(src), n);
        int d = checked(Integer.toUnsignedLong(dst), n);
        System.arraycopy(bytes, s, bytes, d, count);
    }

    /** {@code memory.init} from a data segment (an empty array once dropped). */
    public void init(byte[] data, int dst, int src, int count) {
        long n = Integer.toUnsignedLong(count);
        long s = Integer.toUnsignedLong(src);
        if (s > data.length - n) {
            throw Traps.memoryOutOfBounds();
        }
        int d = checked(Integer.toUnsignedLong(dst), n);
        System.arraycopy(data, (int) s, bytes, d, count);
    }

    // ---- the embedder's API ----

    @Override
    public byte readByte(long offset) {
        return bytes[checked(offset, 1)];
    }

    @Override
    public short readShort(long offset) {
        return (short) SHORT.get(bytes, checked(offset, 2));
    }

    @Override
    public int readInt(long offset) {
        return (int) INT.get(bytes, checked(offset, 4));
    }

    @Override
    public long readLong(long offset) {
        return (long) LONG.get(bytes, checked(offset, 8));
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(bytes, checked(offset, length), dst, dstOffset, length);
    }

    @Override
    public void writeByte(long offset, byte value) {
        bytes[checked(offset, 1)] = value;
    }

    @Override
    public void writeShort(long offset, short value) {
        SHORT.set(bytes, checked(offset, 2), value);
    }

    @Override
    public void writeInt(long offset, int value) {
        INT.set(bytes, checked(offset, 4), value);
    }

    @Override
    public void writeLong(long offset, long value) {
        LONG.set(bytes, checked(offset, 8), value);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
        System.arraycopy(src, srcOffset, bytes, checked(offset, length), length);
    }
}
