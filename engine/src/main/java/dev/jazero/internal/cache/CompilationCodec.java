package dev.jazero.internal.cache;

import dev.jazero.internal.compiler.CompiledClasses;
import dev.jazero.internal.compiler.ModuleCompiler;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The file format of a cache entry. A header (magic, format version, the entry's key, the length
 * and CRC-32C of the payload) lets a reader refuse a file that is foreign, from another format,
 * for another module, truncated or damaged before it reads anything else; the payload holds what
 * {@link Compilation} holds apart from the module, which is decoded again from its bytes.
 *
 * <pre>
 * header:  "JZCC" 0D 0A 1A 0A | u32 format | 32-byte key | u32 payload length | u32 CRC-32C
 * payload: u32 functions (index space) | u8 flags (1 classes, 2 huge-method limit seen, 4 huge methods skipped)
 *          [classes: u32 defined functions | per defined function: i32 length of its class (-1: interpreted),
 *           bytes | per function: i32 count (-1 none), i32 code offsets of its line numbers]
 *          u32 defined functions | per function: u8 has internal code [code: 4 × u32 slot counts,
 *          u32 length, the ints, u32 offset count, (position, offset) pairs of ints]
 * </pre>
 */
final class CompilationCodec {

    /** Changes whenever the format or the meaning of what it holds changes. */
    static final int FORMAT_VERSION = 4;

    private static final byte[] MAGIC = {'J', 'Z', 'C', 'C', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final int HEADER = MAGIC.length + 4 + 32 + 4 + 4;
    private static final int CLASSES = 1, HUGE_LIMIT_SEEN = 2, HUGE_SKIPPED = 4;

    /** Why a file was not used; null when it was. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private CompilationCodec() {
    }

    /** The entry file for a compilation. */
    static byte[] write(CacheKey key, Compilation compilation) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            writePayload(out, compilation);
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

    private static void writePayload(DataOutputStream out, Compilation c) throws IOException {
        WasmModule module = c.module();
        CompiledClasses classes = (CompiledClasses) c.classes();
        out.writeInt(module.functionCount());
        int flags = 0;
        if (classes != null) {
            flags |= CLASSES;
            if (classes.dependsOnHugeMethodLimit()) {
                flags |= HUGE_LIMIT_SEEN | (ModuleCompiler.hugeMethodsSkipped() ? HUGE_SKIPPED : 0);
            }
        }
        out.writeByte(flags);
        if (classes != null) {
            byte[][] bytes = classes.classBytes();
            out.writeInt(bytes.length);
            for (byte[] b : bytes) {
                out.writeInt(b == null ? -1 : b.length);
                if (b != null) {
                    out.write(b);
                }
            }
            for (int[] sites : classes.siteOffsets()) {
                out.writeInt(sites == null ? -1 : sites.length);
                if (sites != null) {
                    for (int v : sites) {
                        out.writeInt(v);
                    }
                }
            }
        }
        IrFunction[] code = c.code();
        out.writeInt(code.length);
        for (IrFunction f : code) {
            out.writeByte(f == null ? 0 : 1);
            if (f != null) {
                writeCode(out, f);
            }
        }
    }

    private static void writeCode(DataOutputStream out, IrFunction f) throws IOException {
        out.writeInt(f.paramSlots());
        out.writeInt(f.localSlots());
        out.writeInt(f.resultSlots());
        out.writeInt(f.maxStackSlots());
        // Plain 32-bit ints, so that reading is a bulk copy: a hit's time is mostly this.
        int[] code = f.code();
        out.writeInt(code.length);
        for (int v : code) {
            out.writeInt(v);
        }
        int[] offsets = f.offsets();
        int count = 0;
        for (int o : offsets) {
            if (o != -1) {
                count++;
            }
        }
        out.writeInt(count);
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != -1) {
                out.writeInt(i);
                out.writeInt(offsets[i]);
            }
        }
    }

    /**
     * Reads an entry file; {@code decode} gives the module decoded from the bytes that {@code key}
     * names, called only once the header has been checked.
     *
     * @throws Refused when the file is not a whole, undamaged entry for this key and JVM
     */
    static Compilation read(byte[] file, CacheKey key, java.util.function.Supplier<WasmModule> decode) throws Refused {
        ByteBuffer in = ByteBuffer.wrap(file);
        try {
            if (file.length < HEADER || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
                throw new Refused("not a Jazero cache file");
            }
            in.position(MAGIC.length);
            if (in.getInt() != FORMAT_VERSION) {
                throw new Refused("another format version");
            }
            byte[] storedKey = new byte[32];
            in.get(storedKey);
            if (!Arrays.equals(storedKey, key.bytes())) {
                throw new Refused("an entry for another key");
            }
            int length = in.getInt();
            int crc = in.getInt();
            if (length != in.remaining()) {
                throw new Refused("truncated or extended: payload of " + in.remaining() + " bytes, header says " + length);
            }
            CRC32C check = new CRC32C();
            check.update(file, HEADER, length);
            if ((int) check.getValue() != crc) {
                throw new Refused("damaged: checksum mismatch");
            }
            return readPayload(in, decode.get());
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Refused("malformed payload: " + e);
        }
    }

    private static Compilation readPayload(ByteBuffer in, WasmModule module) throws Refused {
        int functions = in.getInt();
        if (functions != module.functionCount()) {
            throw new Refused("an entry for another module");
        }
        int flags = in.get();
        CompiledClasses classes = null;
        if ((flags & CLASSES) != 0) {
            boolean hugeLimitSeen = (flags & HUGE_LIMIT_SEEN) != 0;
            if (hugeLimitSeen && ((flags & HUGE_SKIPPED) != 0) != ModuleCompiler.hugeMethodsSkipped()) {
                throw new Refused("compiled for a JVM with another DontCompileHugeMethods setting");
            }
            int count = in.getInt();
            if (count != module.codes.size()) {
                throw new Refused("an entry for another module");
            }
            byte[][] bytes = new byte[count][];
            for (int c = 0; c < count; c++) {
                int length = in.getInt();
                if (length >= 0) {
                    bytes[c] = new byte[checkedLength(in, length)];
                    in.get(bytes[c]);
                }
            }
            int[][] sites = new int[functions][];
            for (int f = 0; f < functions; f++) {
                int length = in.getInt();
                if (length >= 0) {
                    sites[f] = readInts(in, length);
                }
            }
            classes = new CompiledClasses(module, bytes, sites, hugeLimitSeen);
        }
        int defined = in.getInt();
        if (defined != module.codes.size()) {
            throw new Refused("an entry for another module");
        }
        IrFunction[] code = new IrFunction[defined];
        for (int i = 0; i < defined; i++) {
            if (in.get() != 0) {
                code[i] = readCode(in);
            }
        }
        if (in.hasRemaining()) {
            throw new Refused("malformed payload: bytes after the end");
        }
        return new Compilation(module, code, classes);
    }

    private static IrFunction readCode(ByteBuffer in) {
        int paramSlots = in.getInt();
        int localSlots = in.getInt();
        int resultSlots = in.getInt();
        int maxStackSlots = in.getInt();
        int[] code = readInts(in, in.getInt());
        int[] offsets = new int[code.length];
        Arrays.fill(offsets, -1);
        int[] pairs = readInts(in, 2 * checkedLength(in, in.getInt()));
        for (int i = 0; i < pairs.length; i += 2) {
            offsets[pairs[i]] = pairs[i + 1];
        }
        return new IrFunction(code, offsets, paramSlots, localSlots, resultSlots, maxStackSlots);
    }

    private static int[] readInts(ByteBuffer in, int count) {
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException(count + " ints past the end");
        }
        int[] values = new int[count];
        in.asIntBuffer().get(values);
        in.position(in.position() + 4 * count);
        return values;
    }

    /** A count of things of at least a byte each: never more than the bytes left, so never a huge allocation. */
    private static int checkedLength(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " past the end");
        }
        return length;
    }
}
