package dev.jazero.internal.wasm;

/**
 * A memory type: limits in 64 KiB pages, unsigned ({@code max} meaningful when {@code hasMax},
 * else -1), and whether the memory is indexed by {@code i64} (3.0's 64-bit memories) rather than
 * {@code i32}. A u64 maximum of 2^64 - 1 is -1 too, so only {@code hasMax} says whether there is
 * one.
 */
public record MemoryType(long min, long max, boolean hasMax, boolean address64) {

    /** The most pages a 32-bit memory may have: 4 GiB. */
    public static final long MAX_PAGES_32 = 1L << 16;
    /** The most pages a 64-bit memory may have: 2^64 bytes. */
    public static final long MAX_PAGES_64 = 1L << 48;

    /** A 32-bit memory, with no maximum when {@code max} is -1. */
    public MemoryType(long min, long max) {
        this(min, max, max != -1, false);
    }

    /** The most pages the memory's address type allows. */
    public long addressablePages() {
        return address64 ? MAX_PAGES_64 : MAX_PAGES_32;
    }
}
