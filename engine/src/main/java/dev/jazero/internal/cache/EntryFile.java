package dev.jazero.internal.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The file of a cache entry: a header (magic, format version, the entry's key, the length and
 * CRC-32C of the payload) lets a reader refuse a file that is foreign, from another format, for
 * another key, truncated or damaged before the payload's {@link EntryCodec} reads anything.
 *
 * <pre>
 * "JZCC" 0D 0A 1A 0A | u32 format | 32-byte key | u32 payload length | u32 CRC-32C | payload
 * </pre>
 */
public final class EntryFile {

    /** Changes whenever the format or the meaning of what it holds changes, the payload's included. */
    static final int FORMAT_VERSION = 9;

    private static final byte[] MAGIC = {'J', 'Z', 'C', 'C', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int HEADER = MAGIC.length + 4 + 32 + 4 + 4;

    private EntryFile() {
    }

    /** The file of {@code entry}, kept under {@code key}. */
    public static <T> byte[] write(CacheKey key, T entry, EntryCodec<T> codec) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            codec.write(entry, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = payload.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer file = ByteBuffer.allocate(HEADER + body.length);
        file.put(MAGIC).putInt(FORMAT_VERSION).put(key.bytes()).putInt(body.length).putInt((int) crc.getValue()).put(body);
        return file.array();
    }

    /**
     * Reads the entry a file holds.
     *
     * @throws RefusedEntry when the file is not a whole, undamaged entry for this key, or its
     *     codec cannot use it
     */
    public static <T> T read(byte[] file, CacheKey key, EntryCodec<T> codec) throws RefusedEntry {
        ByteBuffer in = ByteBuffer.wrap(file);
        try {
            if (file.length < HEADER || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
                throw new RefusedEntry("not a Jazero cache file");
            }
            in.position(MAGIC.length);
            if (in.getInt() != FORMAT_VERSION) {
                throw new RefusedEntry("another format version");
            }
            byte[] storedKey = new byte[32];
            in.get(storedKey);
            if (!Arrays.equals(storedKey, key.bytes())) {
                throw new RefusedEntry("an entry for another key");
            }
            int length = in.getInt();
            int crc = in.getInt();
            if (length != in.remaining()) {
                throw new RefusedEntry("truncated or extended: payload of " + in.remaining() + " bytes, header says " + length);
            }
            CRC32C check = new CRC32C();
            check.update(file, HEADER, length);
            if ((int) check.getValue() != crc) {
                throw new RefusedEntry("damaged: checksum mismatch");
            }
            T entry = codec.read(in);
            if (in.hasRemaining()) {
                throw new RefusedEntry("malformed payload: bytes after the end");
            }
            return entry;
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RefusedEntry("malformed payload: " + e);
        }
    }

    /** Reads {@code count} ints, refusing a count past the end before it allocates anything. */
    public static int[] readInts(ByteBuffer in, int count) {
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException(count + " ints past the end");
        }
        int[] values = new int[count];
        in.asIntBuffer().get(values);
        in.position(in.position() + 4 * count);
        return values;
    }

    /** A count of things of at least a byte each: never more than the bytes left, so never a huge allocation. */
    public static int checkedLength(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " past the end");
        }
        return length;
    }
}
