package dev.jazero.internal.runtime;

import dev.jazero.internal.cache.EntryCodec;
import dev.jazero.internal.cache.EntryFile;
import dev.jazero.internal.cache.RefusedEntry;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.WasmModule;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The payload of a cache file that holds a {@link Compilation}: everything but the module, which
 * is decoded again from its bytes. The tier writes and reads its own code.
 *
 * <pre>
 * u32 functions (index space) | u8 has the tier's code | [the tier's code (see Engine#writeCode)]
 * u32 defined functions | per function: u8 has internal code [code: 4 × u32 slot counts,
 * u32 length, the ints, u32 offset count, (position, offset) pairs of ints]
 * </pre>
 */
public final class CompilationCodec implements EntryCodec<Compilation> {

    private final Engine engine;
    private final Supplier<WasmModule> decode;

    /**
     * @param engine the tier whose code the entries hold
     * @param decode decodes the module the entry is for, called once the file's header was checked
     */
    public CompilationCodec(Engine engine, Supplier<WasmModule> decode) {
        this.engine = engine;
        this.decode = decode;
    }

    @Override
    public void write(Compilation c, DataOutputStream out) throws IOException {
        out.writeInt(c.module().functionCount());
        out.writeByte(c.classes() == null ? 0 : 1);
        if (c.classes() != null) {
            engine.writeCode(c.classes(), out);
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
        out.writeInt(f.handlers().length);
        for (int v : f.handlers()) {
            out.writeInt(v);
        }
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

    @Override
    public Compilation read(ByteBuffer in) throws RefusedEntry {
        WasmModule module = decode.get();
        if (in.getInt() != module.functionCount()) {
            throw new RefusedEntry("an entry for another module");
        }
        ModuleCode classes = in.get() != 0 ? engine.readCode(module, in) : null;
        int defined = in.getInt();
        if (defined != module.codes.size()) {
            throw new RefusedEntry("an entry for another module");
        }
        IrFunction[] code = new IrFunction[defined];
        for (int i = 0; i < defined; i++) {
            if (in.get() != 0) {
                code[i] = readCode(in);
            }
        }
        return new Compilation(module, code, classes);
    }

    private static IrFunction readCode(ByteBuffer in) {
        int paramSlots = in.getInt();
        int localSlots = in.getInt();
        int resultSlots = in.getInt();
        int maxStackSlots = in.getInt();
        int[] handlers = EntryFile.readInts(in, EntryFile.checkedLength(in, in.getInt()));
        int[] code = EntryFile.readInts(in, in.getInt());
        int[] offsets = new int[code.length];
        Arrays.fill(offsets, -1);
        int[] pairs = EntryFile.readInts(in, 2 * EntryFile.checkedLength(in, in.getInt()));
        for (int i = 0; i < pairs.length; i += 2) {
            offsets[pairs[i]] = pairs[i + 1];
        }
        return new IrFunction(code, offsets, paramSlots, localSlots, resultSlots, maxStackSlots, handlers);
    }
}
