package dev.jazero.internal.runtime;

import dev.jazero.api.Memory;
import dev.jazero.api.MemoryDefinition;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory of up to 4 GiB. The first {@link #LOW_PAGES} pages (almost 2 GiB, what one
 * Java array holds) live in one byte array; every access whose effective address (the unsigned
 * 32-bit base plus the unsigned offset, computed in a long so it cannot wrap) falls in it takes
 * the fast path: one comparison with that part's size, then a little-endian {@code VarHandle}
 * access, which HotSpot folds into a plain load or store. Only memories larger than that have a
 * high part, in chunks of 1 GiB, reached through a slower path that also handles accesses
 * straddling two arrays. See {@code docs/memory.md}.
 */
public final class MemoryInstance implements Memory {

    /** The pages of the low part: the most whole pages one Java array can hold. */
    public static final long LOW_PAGES = (Integer.MAX_VALUE - 8) / PAGE_SIZE;
    private static final long LOW_BYTES = LOW_PAGES * PAGE_SIZE;
    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_BYTES = 1L << CHUNK_SHIFT;
    /**
     * The most pages a memory can have here: the low part and as many chunks as an array holds,
     * 2^45 pages (2 EiB). The runtime's limit may be set higher (2^48, all a 64-bit memory can
     * address); byte counts stay far from overflowing a {@code long} below this.
     */
    static final long MAX_PAGES = (LOW_BYTES + ((long) Integer.MAX_VALUE << CHUNK_SHIFT)) / PAGE_SIZE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryDefinition definition;
    /** Whether the memory is indexed by {@code i64}: how its instructions' operands read. */
    private final boolean address64;
    /** The most pages this memory may reach: its declared maximum and the runtime's limit. */
    private final long maxPages;
    private final long declaredMax;
    /** The low part; may be longer than {@link #lowSize} when capacity was reserved. */
    private byte[] bytes;
    /** How much of {@link #bytes} is memory: the fast path's bound. */
    private int lowSize;
    /**
     * {@link #bytes} when its length is {@link #lowSize}, else (capacity reserved) an empty array.
     * The byte accessors test their index against this array's own length: with the sign tests,
     * HotSpot folds that into the range check of the access itself, so an access is checked once
     * (sieve: 3.7 to 2.9 ms). The wider accessors compare with {@code lowSize} in long
     * arithmetic: the view {@code VarHandle}s check {@code length - (width - 1)}, a bound that
     * HotSpot cannot fold a test into.
     */
    private byte[] exact;
    private static final byte[] NONE = new byte[0];
    /** The high part, addresses from {@link #LOW_BYTES} on, in chunks; empty for most memories. */
    private byte[][] high = new byte[0][];
    private long size;

    /**
     * @param address64 whether the memory is indexed by {@code i64}
     * @param minPages initial size
     * @param declaredMax the type's maximum, or -1
     * @param limitPages the runtime's limit
     * @param reserveMax whether to allocate the maximum (of the low part) up front
     */
    public MemoryInstance(MemoryDefinition definition, boolean address64, long minPages, long declaredMax, long limitPages,
            boolean reserveMax) {
        this.definition = definition;
        this.address64 = address64;
        this.declaredMax = declaredMax;
        this.maxPages = Math.min(declaredMax < 0 ? limitPages : Math.min(declaredMax, limitPages), MAX_PAGES);
        if (Long.compareUnsigned(minPages, maxPages) > 0) {
            throw new IllegalStateException("memory of " + minPages + " pages exceeds the limit of " + maxPages + " pages");
        }
        long capacity = reserveMax && declaredMax >= 0 ? Math.min(maxPages, LOW_PAGES) : Math.min(minPages, LOW_PAGES);
        this.bytes = new byte[(int) (capacity * PAGE_SIZE)];
        resize(minPages * PAGE_SIZE);
    }

    @Override
    public MemoryDefinition definition() {
        return definition;
    }

    /** Whether the memory is indexed by {@code i64} rather than {@code i32}. */
    public boolean address64() {
        return address64;
    }

    /**
     * The address, offset or length an instruction's operand slot holds: all 64 bits for a 64-bit
     * memory, the unsigned low 32 for a 32-bit one.
     */
    public long address(long slot) {
        return address64 ? slot : slot & 0xFFFF_FFFFL;
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
        try {
            resize((oldPages + deltaPages) * PAGE_SIZE);
        } catch (OutOfMemoryError e) {
            // The heap cannot hold it: growth fails as if the limit were lower.
            return -1;
        }
        return oldPages;
    }

    /** Makes the memory {@code newSize} bytes long, allocating what it lacks. */
    private void resize(long newSize) {
        long newLow = Math.min(newSize, LOW_BYTES);
        if (newLow > bytes.length) {
            bytes = grownCopy(bytes, newLow, Math.min(maxBytes(), LOW_BYTES));
        }
        if (newSize > LOW_BYTES) {
            long highSize = newSize - LOW_BYTES;
            int chunks = (int) ((highSize + CHUNK_BYTES - 1) >>> CHUNK_SHIFT);
            byte[][] grown = Arrays.copyOf(high, chunks);
            for (int c = 0; c < chunks; c++) {
                long length = Math.min(CHUNK_BYTES, highSize - ((long) c << CHUNK_SHIFT));
                if (grown[c] == null) {
                    grown[c] = new byte[(int) length];
                } else if (grown[c].length < length) {
                    grown[c] = grownCopy(grown[c], length, Math.min(CHUNK_BYTES, maxBytes() - LOW_BYTES - ((long) c << CHUNK_SHIFT)));
                }
            }
            high = grown;
        }
        lowSize = (int) newLow;
        exact = bytes.length == lowSize ? bytes : NONE;
        size = newSize;
    }

    /** The most bytes this memory may reach. */
    private long maxBytes() {
        return maxPages * PAGE_SIZE;
    }

    /** The length of the low part's array: the memory's size, or more when it has spare capacity. */
    long lowCapacity() {
        return bytes.length;
    }

    /**
     * A copy of {@code array} at least {@code needed} bytes long. While the memory has been
     * copied for growth no more than {@link #EXACT_COPY_BUDGET} times its new size in all, the
     * copy is exactly as long as needed, which keeps the byte accessors' single-check path (see
     * {@link #exact}); from then on, every copy gets half as much again as it needs, up to
     * {@code limit} (its maximum), so that a grow copies the memory once in a while rather than
     * every time: {@code n} one-page grows copy O(n) pages in all, not O(n²). When the heap
     * cannot hold the larger capacity, the copy is exact. Every copy leaves the old array as
     * garbage, which is why the budget is small (see {@code docs/memory.md}).
     */
    private byte[] grownCopy(byte[] array, long needed, long limit) {
        long capacity = needed;
        growsWithSpare |= copiedForGrowth > EXACT_COPY_BUDGET * needed;
        if (growsWithSpare) {
            capacity = Math.max(needed, Math.min(needed + needed / 2, limit));
        }
        copiedForGrowth += array.length;
        if (capacity > needed) {
            try {
                return Arrays.copyOf(array, (int) capacity);
            } catch (OutOfMemoryError e) {
                // Fall back to what is needed: the heap may hold that.
            }
        }
        return Arrays.copyOf(array, (int) needed);
    }

    /** Bytes copied into larger arrays by growth so far. */
    private long copiedForGrowth;
    /** Set once growth has used up its budget of exact copies: from then on it keeps spare capacity. */
    private boolean growsWithSpare;
    /**
     * How many times its size a memory may have been copied by growth before it grows with spare
     * capacity: once, because every exact copy leaves garbage as large as the memory, which some
     * collectors keep for the rest of the run. Growth that at least doubles the memory each time
     * never reaches it.
     */
    private static final long EXACT_COPY_BUDGET = 1;

    private static long effective(int base, int offset) {
        return Integer.toUnsignedLong(base) + Integer.toUnsignedLong(offset);
    }

    /**
     * The effective address of a 64-bit memory's access: the unsigned base plus the unsigned
     * offset, or {@link Long#MAX_VALUE}, which every bounds check fails, when the sum is 2^63 or
     * more (no memory is that large) or wraps past 2^64.
     */
    static long effective64(long base, long offset) {
        long ea = base + offset;
        return (base | offset | ea) < 0 ? Long.MAX_VALUE : ea;
    }

    // ---- the slow path: the high part, straddling accesses, and the traps ----

    /** Checks that {@code [ea, ea + width)} is in the memory. */
    private void check(long ea, long width) {
        if (ea < 0 || width < 0 || ea > size - width) {
            throw Traps.memoryOutOfBounds();
        }
    }

    private byte byteAt(long ea) {
        if (ea < LOW_BYTES) {
            return bytes[(int) ea];
        }
        long h = ea - LOW_BYTES;
        return high[(int) (h >>> CHUNK_SHIFT)][(int) (h & (CHUNK_BYTES - 1))];
    }

    private void setByteAt(long ea, byte value) {
        if (ea < LOW_BYTES) {
            bytes[(int) ea] = value;
        } else {
            long h = ea - LOW_BYTES;
            high[(int) (h >>> CHUNK_SHIFT)][(int) (h & (CHUNK_BYTES - 1))] = value;
        }
    }

    /** A little-endian load of {@code width} bytes past the fast path, zero-extended. */
    private long slowLoad(long ea, int width) {
        check(ea, width);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | (byteAt(ea + i) & 0xFF);
        }
        return value;
    }

    private void slowStore(long ea, int width, long value) {
        check(ea, width);
        for (int i = 0; i < width; i++) {
            setByteAt(ea + i, (byte) (value >>> (8 * i)));
        }
    }

    /** Copies between the memory and an array, part by part. */
    private void transfer(long ea, byte[] array, int arrayOffset, int length, boolean toMemory) {
        while (length > 0) {
            byte[] part;
            int at;
            long partEnd;
            if (ea < LOW_BYTES) {
                part = bytes;
                at = (int) ea;
                partEnd = LOW_BYTES;
            } else {
                long h = ea - LOW_BYTES;
                part = high[(int) (h >>> CHUNK_SHIFT)];
                at = (int) (h & (CHUNK_BYTES - 1));
                partEnd = ea - at + part.length;
            }
            int n = (int) Math.min(length, partEnd - ea);
            if (toMemory) {
                System.arraycopy(array, arrayOffset, part, at, n);
            } else {
                System.arraycopy(part, at, array, arrayOffset, n);
            }
            ea += n;
            arrayOffset += n;
            length -= n;
        }
    }

    // ---- the instructions' accessors: base address as an i32, offset as an unsigned int ----
    //
    // Static, with the memory after the address and the value: compiled code has those on its
    // operand stack already and pushes the memory and the offset last, with no local to hold the
    // value and no swap (see docs/compiler.md, "Memory accesses").

    public static int loadI32(int base, MemoryInstance m, int offset) {
        long ea = effective(base, offset);
        return ea <= m.lowSize - 4L ? (int) INT.get(m.bytes, (int) ea) : (int) m.slowLoad(ea, 4);
    }

    public static long loadI64(int base, MemoryInstance m, int offset) {
        long ea = effective(base, offset);
        return ea <= m.lowSize - 8L ? (long) LONG.get(m.bytes, (int) ea) : m.slowLoad(ea, 8);
    }

    public static int loadI8(int base, MemoryInstance m, int offset) {
        int i = base + offset;
        byte[] b = m.exact;
        if ((base | offset) >= 0 && i >= 0 && i < b.length) {
            return b[i];
        }
        long ea = effective(base, offset);
        return ea < m.lowSize ? m.bytes[(int) ea] : (byte) m.slowLoad(ea, 1);
    }

    public static int loadU8(int base, MemoryInstance m, int offset) {
        return loadI8(base, m, offset) & 0xFF;
    }

    public static int loadI16(int base, MemoryInstance m, int offset) {
        long ea = effective(base, offset);
        return ea <= m.lowSize - 2L ? (short) SHORT.get(m.bytes, (int) ea) : (short) m.slowLoad(ea, 2);
    }

    public static int loadU16(int base, MemoryInstance m, int offset) {
        return loadI16(base, m, offset) & 0xFFFF;
    }

    public static void storeI32(int base, int value, MemoryInstance m, int offset) {
        long ea = effective(base, offset);
        if (ea <= m.lowSize - 4L) {
            INT.set(m.bytes, (int) ea, value);
        } else {
            m.slowStore(ea, 4, value);
        }
    }

    public static void storeI64(int base, long value, MemoryInstance m, int offset) {
        long ea = effective(base, offset);
        if (ea <= m.lowSize - 8L) {
            LONG.set(m.bytes, (int) ea, value);
        } else {
            m.slowStore(ea, 8, value);
        }
    }

    public static void storeI8(int base, int value, MemoryInstance m, int offset) {
        int i = base + offset;
        byte[] b = m.exact;
        if ((base | offset) >= 0 && i >= 0 && i < b.length) {
            b[i] = (byte) value;
            return;
        }
        long ea = effective(base, offset);
        if (ea < m.lowSize) {
            m.bytes[(int) ea] = (byte) value;
        } else {
            m.slowStore(ea, 1, value);
        }
    }

    public static void storeI16(int base, int value, MemoryInstance m, int offset) {
        long ea = effective(base, offset);
        if (ea <= m.lowSize - 2L) {
            SHORT.set(m.bytes, (int) ea, (short) value);
        } else {
            m.slowStore(ea, 2, value);
        }
    }

    /**
     * {@code v128.load}, first part: checks all 16 bytes, then returns the low half. Both tiers
     * call {@link #loadV128High} next, with the same address and offset.
     */
    public long loadV128Low(int base, int offset) {
        long ea = effective(base, offset);
        if (ea <= lowSize - 16L) {
            return (long) LONG.get(bytes, (int) ea);
        }
        check(ea, 16);
        return slowLoad(ea, 8);
    }

    /** {@code v128.load}, second part: the high half, once {@link #loadV128Low} has checked the bounds. */
    public long loadV128High(int base, int offset) {
        long ea = effective(base, offset) + 8;
        return ea <= lowSize - 8L ? (long) LONG.get(bytes, (int) ea) : slowLoad(ea, 8);
    }

    /** {@code v128.store}: checks all 16 bytes before writing any. */
    public void storeV128(int base, int offset, long low, long high) {
        long ea = effective(base, offset);
        if (ea <= lowSize - 16L) {
            LONG.set(bytes, (int) ea, low);
            LONG.set(bytes, (int) ea + 8, high);
        } else {
            check(ea, 16);
            slowStore(ea, 8, low);
            slowStore(ea + 8, 8, high);
        }
    }

    /**
     * {@code memory.fill} of {@code count} bytes from {@code dst}, both unsigned (see
     * {@link #address}): bounds are checked before anything is written.
     */
    public void fill(long dst, int value, long count) {
        check(dst, count);
        if (dst + count <= lowSize) {
            Arrays.fill(bytes, (int) dst, (int) (dst + count), (byte) value);
        } else {
            for (long i = 0; i < count; i++) {
                setByteAt(dst + i, (byte) value);
            }
        }
    }

    /** {@code memory.copy} within this memory, correct for overlapping ranges. */
    public void copy(long dst, long src, long count) {
        copyFrom(this, dst, src, count);
    }

    /**
     * {@code memory.copy} into this memory from {@code source}, which may be this memory or
     * another one; correct for overlapping ranges. The operands are unsigned (see
     * {@link #address}).
     */
    public void copyFrom(MemoryInstance source, long dst, long src, long count) {
        source.check(src, count);
        check(dst, count);
        if (src + count <= source.lowSize && dst + count <= lowSize) {
            System.arraycopy(source.bytes, (int) src, bytes, (int) dst, (int) count);
            return;
        }
        // Through a buffer, in the direction that never reads what it has overwritten.
        byte[] buffer = new byte[(int) Math.min(count, 1 << 16)];
        for (long done = 0; done < count; done += buffer.length) {
            int length = (int) Math.min(buffer.length, count - done);
            long from = dst <= src ? src + done : src + count - done - length;
            long to = dst <= src ? dst + done : dst + count - done - length;
            source.transfer(from, buffer, 0, length, false);
            transfer(to, buffer, 0, length, true);
        }
    }

    /**
     * {@code memory.init} from a data segment (an empty array once dropped): {@code count} bytes
     * from {@code src} in the segment to {@code dst}, all three unsigned.
     */
    public void init(byte[] data, long dst, long src, long count) {
        if (src > data.length - count) {
            throw Traps.memoryOutOfBounds();
        }
        check(dst, count);
        transfer(dst, data, (int) src, (int) count, true);
    }

    // ---- a 64-bit memory's accessors: base address and offset as unsigned longs ----

    public int loadI32(long base, long offset) {
        return readInt(effective64(base, offset));
    }

    public long loadI64(long base, long offset) {
        return readLong(effective64(base, offset));
    }

    public int loadI8(long base, long offset) {
        return readByte(effective64(base, offset));
    }

    public int loadU8(long base, long offset) {
        return readByte(effective64(base, offset)) & 0xFF;
    }

    public int loadI16(long base, long offset) {
        return readShort(effective64(base, offset));
    }

    public int loadU16(long base, long offset) {
        return readShort(effective64(base, offset)) & 0xFFFF;
    }

    public void storeI32(long base, long offset, int value) {
        writeInt(effective64(base, offset), value);
    }

    public void storeI64(long base, long offset, long value) {
        writeLong(effective64(base, offset), value);
    }

    public void storeI8(long base, long offset, int value) {
        writeByte(effective64(base, offset), (byte) value);
    }

    public void storeI16(long base, long offset, int value) {
        writeShort(effective64(base, offset), (short) value);
    }

    /** {@code v128.load} of a 64-bit memory, first part, as {@link #loadV128Low(int, int)}. */
    public long loadV128Low(long base, long offset) {
        long ea = effective64(base, offset);
        check(ea, 16);
        return readLong(ea);
    }

    /** {@code v128.load} of a 64-bit memory, second part, as {@link #loadV128High(int, int)}. */
    public long loadV128High(long base, long offset) {
        return readLong(effective64(base, offset) + 8);
    }

    /** {@code v128.store} of a 64-bit memory: checks all 16 bytes before writing any. */
    public void storeV128(long base, long offset, long low, long high) {
        long ea = effective64(base, offset);
        check(ea, 16);
        writeLong(ea, low);
        writeLong(ea + 8, high);
    }

    // ---- the embedder's API ----

    @Override
    public byte readByte(long offset) {
        return offset >= 0 && offset < lowSize ? bytes[(int) offset] : (byte) slowLoad(offset, 1);
    }

    @Override
    public short readShort(long offset) {
        return offset >= 0 && offset <= lowSize - 2L ? (short) SHORT.get(bytes, (int) offset) : (short) slowLoad(offset, 2);
    }

    @Override
    public int readInt(long offset) {
        return offset >= 0 && offset <= lowSize - 4L ? (int) INT.get(bytes, (int) offset) : (int) slowLoad(offset, 4);
    }

    @Override
    public long readLong(long offset) {
        return offset >= 0 && offset <= lowSize - 8L ? (long) LONG.get(bytes, (int) offset) : slowLoad(offset, 8);
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
        check(offset, length);
        transfer(offset, dst, dstOffset, length, false);
    }

    @Override
    public void writeByte(long offset, byte value) {
        check(offset, 1);
        setByteAt(offset, value);
    }

    @Override
    public void writeShort(long offset, short value) {
        if (offset >= 0 && offset <= lowSize - 2L) {
            SHORT.set(bytes, (int) offset, value);
        } else {
            slowStore(offset, 2, value);
        }
    }

    @Override
    public void writeInt(long offset, int value) {
        if (offset >= 0 && offset <= lowSize - 4L) {
            INT.set(bytes, (int) offset, value);
        } else {
            slowStore(offset, 4, value);
        }
    }

    @Override
    public void writeLong(long offset, long value) {
        if (offset >= 0 && offset <= lowSize - 8L) {
            LONG.set(bytes, (int) offset, value);
        } else {
            slowStore(offset, 8, value);
        }
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) {
        check(offset, length);
        transfer(offset, src, srcOffset, length, true);
    }
}
