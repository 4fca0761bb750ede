package dev.jazero.internal.runtime;

import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import java.util.Arrays;

/**
 * A table of references. A funcref entry is a {@link FunctionInstance}, an externref entry the
 * embedder's {@code Long} value; null is the null reference.
 */
public final class TableInstance {


    private final ValueType elementType;
    /** The runtime's numbers of the defining module's types, which a typed reference's index names. */
    final int[] typeIds;
    /** Whether the table is indexed by {@code i64}. */
    private final boolean address64;
    private final long declaredMax;
    /** Whether the type has a maximum (a 64-bit table's may be 2^64 - 1, which is -1). */
    private final boolean hasMax;
    /** The declared maximum within the runtime's limit. */
    private final long maxElements;
    private Object[] elements;
    private int size;

    /**
     * @param declaredMax the type's maximum, unsigned, when {@code hasMax}
     * @param limitElements the runtime's limit ({@link dev.jazero.RuntimeConfig#tableLimitElements()})
     */
    public TableInstance(ValueType elementType, int[] typeIds, long min, long declaredMax, boolean hasMax,
            boolean address64, long limitElements, Object init) {
        this.typeIds = typeIds;
        this.maxElements = hasMax && Long.compareUnsigned(declaredMax, limitElements) < 0 ? declaredMax : limitElements;
        this.hasMax = hasMax;
        this.address64 = address64;
        if (Long.compareUnsigned(min, maxElements) > 0) {
            throw new IllegalStateException("table of " + min + " elements exceeds the limit of " + maxElements + " elements");
        }
        this.elementType = elementType;
        this.declaredMax = declaredMax;
        this.elements = new Object[(int) min];
        this.size = (int) min;
        if (init != null) {
            Arrays.fill(elements, init);
        }
    }

    public ValueType elementType() {
        return elementType;
    }

    /** Whether the table is indexed by {@code i64} rather than {@code i32}. */
    public boolean address64() {
        return address64;
    }

    /**
     * A 64-bit table's index, size or count as the int its methods take: itself when it fits
     * 32 unsigned bits, else 2^32 - 1, which is out of bounds of every table as it is.
     */
    public static int index(long value) {
        return Long.compareUnsigned(value, 0xFFFF_FFFFL) > 0 ? -1 : (int) value;
    }

    /** Whether the table's type has a maximum, {@link #declaredMax}. */
    public boolean hasMax() {
        return hasMax;
    }

    public long declaredMax() {
        return declaredMax;
    }

    public int size() {
        return size;
    }

    public Object get(int index) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw Traps.tableOutOfBounds();
        }
        return elements[index];
    }

    public void set(int index, Object value) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw Traps.tableOutOfBounds();
        }
        elements[index] = value;
    }

    /** The target of {@code call_indirect}, with its traps. */
    public FunctionInstance function(int index) {
        if (Integer.compareUnsigned(index, size) >= 0) {
            throw Traps.trap(TrapKind.UNDEFINED_ELEMENT, Integer.toUnsignedString(index));
        }
        Object f = elements[index];
        if (f == null) {
            throw Traps.trap(TrapKind.UNINITIALIZED_ELEMENT, Integer.toUnsignedString(index));
        }
        return (FunctionInstance) f;
    }

    /** {@code table.grow}: returns the old size, or -1 when the table cannot grow that far. */
    public int grow(int delta, Object init) {
        long newSize = (long) size + Integer.toUnsignedLong(delta);
        long max = maxElements;
        if (newSize > max) {
            return -1;
        }
        int old = size;
        if (newSize > elements.length) {
            try {
                elements = Arrays.copyOf(elements, (int) Math.min(max, Math.max(newSize, (long) elements.length * 2)));
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        Arrays.fill(elements, old, (int) newSize, init);
        size = (int) newSize;
        return old;
    }

    /** {@code table.fill}. */
    public void fill(int start, Object value, int count) {
        long end = Integer.toUnsignedLong(start) + Integer.toUnsignedLong(count);
        if (end > size) {
            throw Traps.tableOutOfBounds();
        }
        Arrays.fill(elements, start, (int) end, value);
    }

    /** {@code table.copy} from {@code src} (possibly this table), correct for overlaps. */
    public void copy(int dst, TableInstance src, int srcIndex, int count) {
        long n = Integer.toUnsignedLong(count);
        if (Integer.toUnsignedLong(srcIndex) + n > src.size || Integer.toUnsignedLong(dst) + n > size) {
            throw Traps.tableOutOfBounds();
        }
        System.arraycopy(src.elements, srcIndex, elements, dst, count);
    }

    /** {@code table.init} from an element segment's values (empty once dropped). */
    public void init(Object[] segment, int dst, int src, int count) {
        long n = Integer.toUnsignedLong(count);
        if (Integer.toUnsignedLong(src) + n > segment.length || Integer.toUnsignedLong(dst) + n > size) {
            throw Traps.tableOutOfBounds();
        }
        System.arraycopy(segment, src, elements, dst, count);
    }
}
