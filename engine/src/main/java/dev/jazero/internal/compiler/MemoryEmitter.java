package dev.jazero.internal.compiler;

import static dev.jazero.internal.compiler.FunctionCompiler.INSTANCE;
import static dev.jazero.internal.compiler.FunctionCompiler.MEMORY;
import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
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
    private static final String[] LOAD_METHODS = {"loadI32", "loadI64", "loadI32", "loadI64", "loadI8", "loadU8",
        "loadI16", "loadU16", "loadI8", "loadU8", "loadI16", "loadU16", "loadI32", "loadI32"};
    private static final String LOAD_CONVERSIONS = "--FD----SSSSSU";

    /** Load {@code op} (0x28..0x35) at {@code offset}, its address on top. */
    void load(int op, int offset) {
        // Stack: address. Call mem.loadX(address, offset).
        int k = op - 0x28;
        String method = LOAD_METHODS[k];
        mv.visitVarInsn(ALOAD, c.memorySlot());
        mv.visitInsn(SWAP);
        c.iconst(offset);
        c.pop();
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, method, method.equals("loadI64") ? "(II)J" : "(II)I", false);
        switch (LOAD_CONVERSIONS.charAt(k)) {
            case 'F' -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            case 'D' -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
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

    /** Store {@code op} at {@code offset}, its address and value on top. */
    void store(int op, int offset) {
        // Stack: address, value. Call mem.storeX(address, offset, value).
        c.pop(2);
        switch (op) {
            case Opcode.F32_STORE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
            case Opcode.F64_STORE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
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
        String name = switch (op) {
            case Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32 -> "storeI32";
            case Opcode.I64_STORE, Opcode.F64_STORE -> "storeI64";
            case Opcode.I32_STORE8, Opcode.I64_STORE8 -> "storeI8";
            default -> "storeI16";
        };
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, name, wide ? "(IIJ)V" : "(III)V", false);
    }

    /** Instruction {@code 0xfc sub}, with its immediates {@code a} and {@code b}. */
    void prefixedFc(int sub, int a, int b) {
        if (sub <= Opcode.Fc.I64_TRUNC_SAT_F64_U) {
            NumericEmitter.emitSaturating(mv, sub);
            c.pop();
            c.push(sub < 4 ? ValueType.I32 : ValueType.I64);
            return;
        }
        String inst = "L" + INSTANCE + ";";
        switch (sub) {
            case Opcode.Fc.MEMORY_INIT -> {
                c.pop(3);
                c.loadInstance();
                c.iconst(a);
                c.support("memoryInit", "(III" + inst + "I)V");
            }
            case Opcode.Fc.DATA_DROP -> {
                c.loadInstance();
                c.iconst(a);
                c.support("dataDrop", "(" + inst + "I)V");
            }
            case Opcode.Fc.MEMORY_COPY -> {
                c.pop(3);
                c.loadInstance();
                c.support("memoryCopy", "(III" + inst + ")V");
            }
            case Opcode.Fc.MEMORY_FILL -> {
                c.pop(3);
                c.loadInstance();
                c.support("memoryFill", "(III" + inst + ")V");
            }
            case Opcode.Fc.TABLE_INIT -> {
                c.pop(3);
                c.loadInstance();
                c.iconst(a);
                c.iconst(b);
                c.support("tableInit", "(III" + inst + "II)V");
            }
            case Opcode.Fc.ELEM_DROP -> {
                c.loadInstance();
                c.iconst(a);
                c.support("elemDrop", "(" + inst + "I)V");
            }
            case Opcode.Fc.TABLE_COPY -> {
                c.pop(3);
                c.loadInstance();
                c.iconst(a);
                c.iconst(b);
                c.support("tableCopy", "(III" + inst + "II)V");
            }
            case Opcode.Fc.TABLE_GROW -> {
                c.pop(2);
                c.loadInstance();
                c.iconst(a);
                c.support("tableGrow", "(JI" + inst + "I)I");
                c.push(ValueType.I32);
            }
            case Opcode.Fc.TABLE_SIZE -> {
                c.loadInstance();
                c.iconst(a);
                c.support("tableSize", "(" + inst + "I)I");
                c.push(ValueType.I32);
            }
            case Opcode.Fc.TABLE_FILL -> {
                c.pop(3);
                c.loadInstance();
                c.iconst(a);
                c.support("tableFill", "(IJI" + inst + "I)V");
            }
            default -> throw new FunctionCompiler.Unsupported("instruction 0xfc " + sub);
        }
    }
}
