package dev.jazero.internal.wasm;

/**
 * A memory type: limits in 64 KiB pages ({@code max} -1 when absent), and whether the memory is
 * indexed by {@code i64} (3.0's 64-bit memories) rather than {@code i32}.
 */
public record MemoryType(long min, long max, boolean address64) {

    /** The most pages a 32-bit memory may have: 4 GiB. */
    public static final long MAX_PAGES_32 = 1L << 16;
    /** The most pages a 64-bit memory may have: 2^64 bytes. */
    public static final long MAX_PAGES_64 = 1L << 48;

    /** A 32-bit memory. */
    public MemoryType(long min, long max) {
        this(min, max, false);
    }

    /** The most pages the memory's address type allows. */
    public long addressablePages() {
        return address64 ? MAX_PAGES_64 : MAX_PAGES_32;
    }
}
