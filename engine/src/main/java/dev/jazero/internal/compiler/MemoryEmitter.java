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
    private static final String LOAD_CONVERSIONS = "--FD----SSSSSU";

    /** Load {@code op} (0x28..0x35) at {@code offset}, its address on top. */
    void load(int op, int offset) {
        // Stack: address. Call mem.loadX(address, offset).
        int k = op - 0x28;
        JavaMethod method = LOAD_METHODS[k];
        mv.visitVarInsn(ALOAD, c.memorySlot());
        mv.visitInsn(SWAP);
        c.iconst(offset);
        c.pop();
        method.call(mv);
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

    /** {@code memory.size} of memory {@code memory}. */
    void size(int memory) {
        viaInstance(JavaMembers.MEMORY_SIZE, 0, ValueType.I32, memory);
    }

    /** {@code memory.grow} of memory {@code memory}, the page count on top; the result replaces it. */
    void grow(int memory) {
        viaInstance(JavaMembers.MEMORY_GROW, 1, ValueType.I32, memory);
    }

    /** Store {@code op} at {@code offset}, its address and value on top. */
    void store(int op, int offset) {
        // Stack: address, value. Call mem.storeX(address, offset, value).
        c.pop(2);
        switch (op) {
            case Opcode.F32_STORE -> JavaMembers.FLOAT_TO_RAW_INT_BITS.call(mv);
            case Opcode.F64_STORE -> JavaMembers.DOUBLE_TO_RAW_LONG_BITS.call(mv);
            case Opcode.I64_STORE8, Opcode.I64_STORE16, Opcode.I64_STORE32 -> mv.visitInsn(L2I);
            default -> { }
        }
        boolean wide = op == Opcode.I64_STORE || op == Opcode.F64_STORE;
        ValueType stored = wide ? ValueType.I64 : ValueType.I32;
        int value = c.newLocal(stored);
        c.store(stored, value);
        mv.visitVarInsn(ALOAD, c.memorySlot());
        mv.visitInsn(SWAP);
        c.iconst(offset);
        c.load(stored, value);
        JavaMethod method = switch (op) {
            case Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32 -> JavaMembers.STORE_I32;
            case Opcode.I64_STORE, Opcode.F64_STORE -> JavaMembers.STORE_I64;
            case Opcode.I32_STORE8, Opcode.I64_STORE8 -> JavaMembers.STORE_I8;
            default -> JavaMembers.STORE_I16;
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
        switch (sub) {
            case Opcode.Fc.MEMORY_INIT -> viaInstance(JavaMembers.MEMORY_INIT, 3, null, a, reader.memory);
            case Opcode.Fc.DATA_DROP -> viaInstance(JavaMembers.DATA_DROP, 0, null, a);
            case Opcode.Fc.MEMORY_COPY -> viaInstance(JavaMembers.MEMORY_COPY, 3, null, reader.memory, reader.sourceMemory);
            case Opcode.Fc.MEMORY_FILL -> viaInstance(JavaMembers.MEMORY_FILL, 3, null, reader.memory);
            case Opcode.Fc.TABLE_INIT -> viaInstance(JavaMembers.TABLE_INIT, 3, null, a, b);
            case Opcode.Fc.ELEM_DROP -> viaInstance(JavaMembers.ELEM_DROP, 0, null, a);
            case Opcode.Fc.TABLE_COPY -> viaInstance(JavaMembers.TABLE_COPY, 3, null, a, b);
            case Opcode.Fc.TABLE_GROW -> viaInstance(JavaMembers.TABLE_GROW, 2, ValueType.I32, a);
            case Opcode.Fc.TABLE_SIZE -> viaInstance(JavaMembers.TABLE_SIZE, 0, ValueType.I32, a);
            case Opcode.Fc.TABLE_FILL -> viaInstance(JavaMembers.TABLE_FILL, 3, null, a);
            default -> throw new FunctionCompiler.Unsupported("instruction 0xfc " + sub);
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
