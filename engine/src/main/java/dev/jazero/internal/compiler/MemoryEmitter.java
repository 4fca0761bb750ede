package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.validation.NumericSignatures;
import dev.jazero.internal.wasm.Opcode;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits one function's memory instructions, as calls of its first memory's
 * {@code MemoryInstance} (which the function keeps in a local), and the instructions after the
 * 0xFC prefix: saturating truncations, and bulk memory and table instructions through
 * {@link CompiledSupport}.
 */
final class MemoryEmitter {

    private final FunctionCompiler c;
    private final MethodVisitor mv;

    MemoryEmitter(FunctionCompiler c, MethodVisitor mv) {
        this.c = c;
        this.mv = mv;
    }

    /**
     * How each load (0x28..0x35) is emitted: the MemoryInstance method, then what turns its
     * int or long into the result: 'F'/'D' reinterpret as float/double, 'S' sign-extends an int
     * to a long, 'U' zero-extends it, '-' nothing.
     */
    private static final JavaMethod[] LOAD_METHODS = {JavaMembers.LOAD_I32, JavaMembers.LOAD_I64, JavaMembers.LOAD_I32,
        JavaMembers.LOAD_I64, JavaMembers.LOAD_I8, JavaMembers.LOAD_U8, JavaMembers.LOAD_I16, JavaMembers.LOAD_U16,
        JavaMembers.LOAD_I8, JavaMembers.LOAD_U8, JavaMembers.LOAD_I16, JavaMembers.LOAD_U16, JavaMembers.LOAD_I32,
        JavaMembers.LOAD_I32};
    private static final JavaMethod[] LOAD64_METHODS = {JavaMembers.LOAD64_I32, JavaMembers.LOAD64_I64,
        JavaMembers.LOAD64_I32, JavaMembers.LOAD64_I64, JavaMembers.LOAD64_I8, JavaMembers.LOAD64_U8, JavaMembers.LOAD64_I16,
        JavaMembers.LOAD64_U16, JavaMembers.LOAD64_I8, JavaMembers.LOAD64_U8, JavaMembers.LOAD64_I16, JavaMembers.LOAD64_U16,
        JavaMembers.LOAD64_I32, JavaMembers.LOAD64_I32};
    private static final String LOAD_CONVERSIONS = "--FD----SSSSSU";

    /**
     * Load {@code op} (0x28..0x35) at {@code offset}, its address on top: an i32 and an offset
     * below 2^32, or on a 64-bit memory ({@code wide}) an i64 and a u64.
     */
    void load(int op, long offset, boolean wide) {
        // Stack: address. A 32-bit memory's: MemoryInstance.loadX(address, memory, offset); a
        // 64-bit memory's: memory.loadX(address, offset).
        int k = op - 0x28;
        if (wide) {
            memoryUnderAddress(offset);
        } else {
            memoryAndOffset(offset);
        }
        c.pop();
        (wide ? LOAD64_METHODS : LOAD_METHODS)[k].call(mv);
        switch (LOAD_CONVERSIONS.charAt(k)) {
            case 'F' -> JavaMembers.INT_BITS_TO_FLOAT.call(mv);
            case 'D' -> JavaMembers.LONG_BITS_TO_DOUBLE.call(mv);
            case 'S' -> mv.visitInsn(I2L);
            case 'U' -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            default -> { }
        }
        c.push(NumericSignatures.loadType(op));
    }

    /** Pushes the memory's local and the offset (its 32 bits unsigned): a 32-bit memory's static accessors take them last. */
    private void memoryAndOffset(long offset) {
        mv.visitVarInsn(ALOAD, c.memorySlot());
        c.iconst((int) offset);
    }

    /** Puts the memory's local under the address (a long) on top and pushes the offset: a 64-bit memory's instance methods take that. */
    private void memoryUnderAddress(long offset) {
        mv.visitVarInsn(ALOAD, c.memorySlot());
        mv.visitInsn(DUP_X2);
        mv.visitInsn(POP);
        JvmTypes.lconst(mv, offset);
    }

    /** {@code memory.size} of memory {@code memory}. */
    void size(int memory) {
        viaInstance(JavaMembers.MEMORY_SIZE, 0, ValueType.I64, memory);
        narrowUnless(c.memory64(memory));
    }

    /** {@code memory.grow} of memory {@code memory}, the page count on top; the result replaces it. */
    void grow(int memory) {
        boolean wide = c.memory64(memory);
        c.convertOperands(wide ? "-" : "L");
        viaInstance(JavaMembers.MEMORY_GROW, 1, ValueType.I64, memory);
        narrowUnless(wide);
    }

    /** A 32-bit memory's page count, or -1, as the i32 its instructions give: the long narrowed. */
    private void narrowUnless(boolean wide) {
        if (!wide) {
            mv.visitInsn(L2I);
            c.pop();
            c.push(ValueType.I32);
        }
    }

    /** Store {@code op} at {@code offset}, its address and value on top; {@code wide} as for {@link #load}. */
    void store(int op, long offset, boolean wide) {
        // Stack: address, value. A 32-bit memory's: MemoryInstance.storeX(address, value, memory,
        // offset); a 64-bit memory's: memory.storeX(address, offset, value).
        c.pop(2);
        switch (op) {
            case Opcode.F32_STORE -> JavaMembers.FLOAT_TO_RAW_INT_BITS.call(mv);
            case Opcode.F64_STORE -> JavaMembers.DOUBLE_TO_RAW_LONG_BITS.call(mv);
            case Opcode.I64_STORE8, Opcode.I64_STORE16, Opcode.I64_STORE32 -> mv.visitInsn(L2I);
            default -> { }
        }
        if (wide) {
            ValueType stored = op == Opcode.I64_STORE || op == Opcode.F64_STORE ? ValueType.I64 : ValueType.I32;
            int value = c.newLocal(stored);
            c.store(stored, value);
            memoryUnderAddress(offset);
            c.load(stored, value);
        } else {
            memoryAndOffset(offset);
        }
        JavaMethod method = switch (op) {
            case Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32 -> wide ? JavaMembers.STORE64_I32 : JavaMembers.STORE_I32;
            case Opcode.I64_STORE, Opcode.F64_STORE -> wide ? JavaMembers.STORE64_I64 : JavaMembers.STORE_I64;
            case Opcode.I32_STORE8, Opcode.I64_STORE8 -> wide ? JavaMembers.STORE64_I8 : JavaMembers.STORE_I8;
            default -> wide ? JavaMembers.STORE64_I16 : JavaMembers.STORE_I16;
        };
        method.call(mv);
    }

    /** Instruction {@code 0xfc sub}, whose immediates {@code reader} holds. */
    void prefixedFc(int sub, InstructionReader reader) {
        int a = (int) reader.a;
        int b = (int) reader.b;
        if (sub <= Opcode.Fc.I64_TRUNC_SAT_F64_U) {
            NumericEmitter.emitSaturating(mv, sub);
            c.pop();
            c.push(sub < 4 ? ValueType.I32 : ValueType.I64);
            return;
        }
        // The memory's methods take its addresses and counts as longs, the table's as ints.
        switch (sub) {
            case Opcode.Fc.MEMORY_INIT -> {
                c.convertOperands(c.memory64(reader.memory) ? "---" : "L--");
                viaInstance(JavaMembers.MEMORY_INIT, 3, null, a, reader.memory);
            }
            case Opcode.Fc.DATA_DROP -> viaInstance(JavaMembers.DATA_DROP, 0, null, a);
            case Opcode.Fc.MEMORY_COPY -> {
                boolean dst = c.memory64(reader.memory);
                boolean src = c.memory64(reader.sourceMemory);
                c.convertOperands((dst ? "-" : "L") + (src ? "-" : "L") + (dst && src ? "-" : "L"));
                viaInstance(JavaMembers.MEMORY_COPY, 3, null, reader.memory, reader.sourceMemory);
            }
            case Opcode.Fc.MEMORY_FILL -> {
                c.convertOperands(c.memory64(reader.memory) ? "---" : "L-L");
                viaInstance(JavaMembers.MEMORY_FILL, 3, null, reader.memory);
            }
            case Opcode.Fc.TABLE_INIT -> {
                c.convertOperands(c.table64(b) ? "T--" : "---");
                viaInstance(JavaMembers.TABLE_INIT, 3, null, a, b);
            }
            case Opcode.Fc.ELEM_DROP -> viaInstance(JavaMembers.ELEM_DROP, 0, null, a);
            case Opcode.Fc.TABLE_COPY -> {
                boolean dst = c.table64(a);
                boolean src = c.table64(b);
                c.convertOperands((dst ? "T" : "-") + (src ? "T" : "-") + (dst && src ? "T" : "-"));
                viaInstance(JavaMembers.TABLE_COPY, 3, null, a, b);
            }
            case Opcode.Fc.TABLE_GROW -> {
                boolean wide = c.table64(a);
                c.convertOperands(wide ? "RT" : "R-", c.tableType(a));
                viaInstance(JavaMembers.TABLE_GROW, 2, ValueType.I32, a);
                widenIf(wide);
            }
            case Opcode.Fc.TABLE_FILL -> {
                c.convertOperands(c.table64(a) ? "TRT" : "-R-", c.tableType(a));
                viaInstance(JavaMembers.TABLE_FILL, 3, null, a);
            }
            case Opcode.Fc.TABLE_SIZE -> {
                viaInstance(JavaMembers.TABLE_SIZE, 0, ValueType.I32, a);
                widenIf(c.table64(a));
            }
            default -> throw new FunctionCompiler.Unsupported("instruction 0xfc " + sub);
        }
    }

    /**
     * A 64-bit table's size, or -1 from {@code table.grow}, as the i64 its instructions give: the
     * int sign-extended (a table's size is below 2^31).
     */
    private void widenIf(boolean wide) {
        if (wide) {
            mv.visitInsn(I2L);
            c.pop();
            c.push(ValueType.I64);
        }
    }

    /**
     * Calls a {@link CompiledSupport} method with the {@code operands} on the stack, then the
     * instance and the instruction's {@code immediates}; pushes its {@code result}, if any.
     */
    private void viaInstance(JavaMethod method, int operands, ValueType result, int... immediates) {
        c.pop(operands);
        c.loadInstance();
        for (int immediate : immediates) {
            c.iconst(immediate);
        }
        method.call(mv);
        if (result != null) {
            c.push(result);
        }
    }
}
