package dev.jazero.internal.compiler;

import dev.jazero.internal.cache.EntryFile;
import dev.jazero.internal.cache.RefusedEntry;
import dev.jazero.internal.wasm.WasmModule;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The compiler's part of a cache file: the classes generated up front and the code offsets their
 * line numbers stand for. Whether a huge method was left to the interpreter depends on the JVM's
 * {@code DontCompileHugeMethods}, so an entry that met that limit is used only under the same
 * setting.
 *
 * <pre>
 * u8 flags (1 huge-method limit seen, 2 huge methods skipped) | u32 defined functions |
 * per defined function: i32 length of its class (-1: interpreted), bytes |
 * per function: i32 count (-1 none), i32 code offsets of its line numbers
 * </pre>
 */
final class ClassesFile {

    private static final int HUGE_LIMIT_SEEN = 1, HUGE_SKIPPED = 2;

    private ClassesFile() {
    }

    static void write(CompiledClasses classes, DataOutputStream out) throws IOException {
        int flags = 0;
        if (classes.dependsOnHugeMethodLimit()) {
            flags |= HUGE_LIMIT_SEEN | (ModuleCompiler.hugeMethodsSkipped() ? HUGE_SKIPPED : 0);
        }
        out.writeByte(flags);
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

    static CompiledClasses read(WasmModule module, ByteBuffer in) throws RefusedEntry {
        int flags = in.get();
        boolean hugeLimitSeen = (flags & HUGE_LIMIT_SEEN) != 0;
        if (hugeLimitSeen && ((flags & HUGE_SKIPPED) != 0) != ModuleCompiler.hugeMethodsSkipped()) {
            throw new RefusedEntry("compiled for a JVM with another DontCompileHugeMethods setting");
        }
        int count = in.getInt();
        if (count != module.codes.size()) {
            throw new RefusedEntry("an entry for another module");
        }
        byte[][] bytes = new byte[count][];
        for (int c = 0; c < count; c++) {
            int length = in.getInt();
            if (length >= 0) {
                bytes[c] = new byte[EntryFile.checkedLength(in, length)];
                in.get(bytes[c]);
            }
        }
        int functions = module.functionCount();
        int[][] sites = new int[functions][];
        for (int f = 0; f < functions; f++) {
            int length = in.getInt();
            if (length >= 0) {
                sites[f] = EntryFile.readInts(in, length);
            }
        }
        return new CompiledClasses(module, bytes, sites, hugeLimitSeen);
    }
}
