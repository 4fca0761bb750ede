package dev.jazero.api;

import java.nio.charset.StandardCharsets;

/**
 * A linear memory: little-endian reads and writes of every width, growth and size. Like wazero's
 * {@code api.Memory}. Offsets are unsigned 32-bit addresses held in a {@code long}. An access that
 * does not fit in the memory throws a {@link TrapException} of kind
 * {@link TrapKind#MEMORY_OUT_OF_BOUNDS}, so a host function that reads bad guest pointers traps
 * the guest.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface Memory {

    /** The size of a WebAssembly page in bytes. */
    int PAGE_SIZE = 65536;

    /** Returns the memory's definition. */
    MemoryDefinition definition();

    /** Returns the current size in bytes. */
    long size();

    /** Returns the current size in pages. */
    default long pages() {
        return size() / PAGE_SIZE;
    }

    /**
     * Grows the memory by {@code deltaPages} and returns the previous size in pages, or -1 when it
     * cannot grow that far (as the {@code memory.grow} instruction reports it).
     */
    long grow(long deltaPages);

    /** Reads a byte. */
    byte readByte(long offset);

    /** Reads a little-endian 16-bit value. */
    short readShort(long offset);

    /** Reads a little-endian 32-bit value. */
    int readInt(long offset);

    /** Reads a little-endian 64-bit value. */
    long readLong(long offset);

    /** Reads a little-endian f32. */
    default float readFloat(long offset) {
        return Float.intBitsToFloat(readInt(offset));
    }

    /** Reads a little-endian f64. */
    default double readDouble(long offset) {
        return Double.longBitsToDouble(readLong(offset));
    }

    /** Copies {@code length} bytes from the memory into {@code dst} at {@code dstOffset}. */
    void read(long offset, byte[] dst, int dstOffset, int length);

    /** Returns a copy of {@code length} bytes at {@code offset}. */
    default byte[] read(long offset, int length) {
        byte[] bytes = new byte[length];
        read(offset, bytes, 0, length);
        return bytes;
    }

    /** Decodes {@code length} bytes at {@code offset} as UTF-8. */
    default String readString(long offset, int length) {
        return new String(read(offset, length), StandardCharsets.UTF_8);
    }

    /** Writes a byte. */
    void writeByte(long offset, byte value);

    /** Writes a little-endian 16-bit value. */
    void writeShort(long offset, short value);

    /** Writes a little-endian 32-bit value. */
    void writeInt(long offset, int value);

    /** Writes a little-endian 64-bit value. */
    void writeLong(long offset, long value);

    /** Writes a little-endian f32, keeping its bits. */
    default void writeFloat(long offset, float value) {
        writeInt(offset, Float.floatToRawIntBits(value));
    }

    /** Writes a little-endian f64, keeping its bits. */
    default void writeDouble(long offset, double value) {
        writeLong(offset, Double.doubleToRawLongBits(value));
    }

    /** Copies {@code length} bytes of {@code src} from {@code srcOffset} into the memory. */
    void write(long offset, byte[] src, int srcOffset, int length);

    /** Copies all of {@code src} into the memory. */
    default void write(long offset, byte[] src) {
        write(offset, src, 0, src.length);
    }

    /** Writes the UTF-8 bytes of {@code value} (no terminator) and returns how many were written. */
    default int writeString(long offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        write(offset, bytes);
        return bytes.length;
    }
}
