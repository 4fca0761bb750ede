package dev.jazero.internal.cache;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * How a store that keeps entries in files writes and reads one entry's payload. The store frames
 * the payload (see {@link EntryFile}) and knows nothing of what it holds; its user, the runtime,
 * gives the codec.
 *
 * @param <T> the entries
 */
public interface EntryCodec<T> {

    /** Writes {@code entry} as a payload. */
    void write(T entry, DataOutputStream out) throws IOException;

    /**
     * Reads the entry that {@link #write} wrote, from a payload whose checksum matched. A payload
     * that is cut short or holds a count past its end may throw {@link java.nio.BufferUnderflowException},
     * {@link IllegalArgumentException} or {@link IndexOutOfBoundsException}: it is refused.
     *
     * @throws RefusedEntry when the entry cannot be used here
     */
    T read(ByteBuffer payload) throws RefusedEntry;
}
