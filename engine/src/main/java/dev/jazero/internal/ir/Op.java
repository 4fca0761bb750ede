package dev.jazero.internal.ir;

import dev.jazero.internal.wasm.Opcode;

/**
 * Opcodes of the internal code, an {@code int[]} of opcodes each followed by its immediates.
 * Numeric instructions without immediates keep their WebAssembly opcode (0x45 to 0xC4), so that
 * the two tables line up, and so do the instructions below that mean what the WebAssembly one
 * does ({@code = Opcode.X}); everything else is listed here with its immediates.
 */
public final class Op {

    private Op() {
    }

    /** Trap "unreachable". */
    public static final int UNREACHABLE = Opcode.UNREACHABLE;
    /** {@code target}: jump. */
    public static final int BR = 0x01;
    /** {@code target height arity}: move the top {@code arity} slots to {@code height}, jump. */
    public static final int BR_ADJUST = 0x02;
    /** {@code target}: pop an i32, jump when it is not zero. */
    public static final int BR_IF = 0x03;
    /** {@code target height arity}: pop an i32; when it is not zero, adjust as BR_ADJUST and jump. */
    public static final int BR_IF_ADJUST = 0x04;
    /** {@code target}: pop an i32, jump when it is zero (the {@code if} instruction). */
    public static final int BR_UNLESS = 0x05;
    /** {@code n (target height arity) * (n + 1)}: pop an index, take that entry or the last. */
    public static final int BR_TABLE = 0x06;
    /** Tell the function's listener about the call (emitted only for listening code). */
    public static final int LISTEN_BEFORE = 0x08;
    /** Tell the function's listener about the results on top (emitted only for listening code). */
    public static final int LISTEN_AFTER = 0x09;
    /**
     * Stop when the call has been cancelled (emitted only for cancellable code): at function entry,
     * and before a branch back to a loop that has no fused form below.
     */
    public static final int CANCEL_CHECK = 0x07;
    /**
     * {@code target}: stop when the call has been cancelled, else jump back to a loop. Cancellable
     * code checks on the back branch rather than at the loop's header, so the check costs no
     * dispatch of its own.
     */
    public static final int BR_LOOP = 0x0A;
    /** {@code target}: pop an i32; when it is not zero, check as BR_LOOP and jump back. */
    public static final int BR_IF_LOOP = 0x0B;
    /**
     * {@code memory}: the memory instructions that follow use memory {@code memory} of the
     * instance, until the next MEMORY_SELECT. Emitted around each instruction on a memory other
     * than the first (and then with 0 after it), so that the first memory costs nothing more.
     */
    public static final int MEMORY_SELECT = 0x0C;
    /**
     * {@code op offsetLow offsetHigh lane}: load or store {@code op} (a scalar one, or
     * {@code SIMD_BASE + sub}) on a 64-bit memory, at an i64 address and a u64 offset; {@code lane}
     * is a SIMD lane instruction's lane, else 0, so that every MEMORY64 has the same length.
     */
    public static final int MEMORY64 = 0x0D;
    /**
     * {@code depth}: the i64 {@code depth} slots below the top, a 64-bit table's index or count,
     * becomes the i32 that table instructions take: itself below 2^32, else 2^32 - 1, which is out
     * of bounds of every table.
     */
    public static final int TABLE_INDEX64 = 0x0E;
    /** Return the top result slots to the caller. */
    public static final int RETURN = Opcode.RETURN;
    /** {@code functionIndex}: call a function of the module's index space. */
    public static final int CALL = Opcode.CALL;
    /** {@code typeIndex tableIndex}: pop an index, call through the table. */
    public static final int CALL_INDIRECT = Opcode.CALL_INDIRECT;
    /**
     * {@code functionIndex}: a tail call. The callee's frame replaces the caller's; a host callee
     * is called as by CALL, and the RETURN that always follows returns its results.
     */
    public static final int RETURN_CALL = Opcode.RETURN_CALL;
    /** {@code typeIndex tableIndex}: pop an index, tail-call through the table (then RETURN, as RETURN_CALL). */
    public static final int RETURN_CALL_INDIRECT = Opcode.RETURN_CALL_INDIRECT;
    /** {@code typeIndex}: pop a function reference, call it; trap "null function reference" on null. */
    public static final int CALL_REF = Opcode.CALL_REF;
    /** {@code typeIndex}: pop a function reference, tail-call it (then RETURN, as RETURN_CALL). */
    public static final int RETURN_CALL_REF = Opcode.RETURN_CALL_REF;
    /** Trap "null reference" when the reference on top is null; else leave it. */
    public static final int REF_AS_NON_NULL = Opcode.REF_AS_NON_NULL;
    /**
     * Push 1 when the reference on top is null, else 0, leaving the reference: with a conditional
     * branch after it, {@code br_on_null} and {@code br_on_non_null}.
     */
    public static final int REF_IS_NULL_KEEP = 0xD7;
    /**
     * {@code heapType nullable}: pop a reference, push 1 when it is of the type, else 0
     * ({@code ref.test}); {@code heapType} is a type index, or minus an abstract heap type's code.
     */
    public static final int REF_TEST = 0xD8;
    /** {@code heapType nullable}: trap "cast failure" when the reference on top is not of the type ({@code ref.cast}). */
    public static final int REF_CAST = 0xD9;

    /** A heap type as an immediate: a type index, or minus an abstract heap type's code. */
    public static int heapType(dev.jazero.api.HeapType heapType) {
        return heapType.isAbstract() ? -heapType.code() : heapType.typeIndex();
    }
    /** Pop one slot. */
    public static final int DROP = Opcode.DROP;
    /** Pop a condition and keep one of two one-slot values. */
    public static final int SELECT = Opcode.SELECT;
    /** Pop two slots. */
    public static final int DROP2 = 0x1C;
    /** Pop a condition and keep one of two two-slot values. */
    public static final int SELECT2 = 0x1D;
    /** {@code slot}: push a local. */
    public static final int LOCAL_GET = Opcode.LOCAL_GET;
    /** {@code slot}: pop into a local. */
    public static final int LOCAL_SET = Opcode.LOCAL_SET;
    /** {@code slot}: copy the top into a local. */
    public static final int LOCAL_TEE = Opcode.LOCAL_TEE;
    /** {@code index}: push a global. */
    public static final int GLOBAL_GET = Opcode.GLOBAL_GET;
    /** {@code index}: pop into a global. */
    public static final int GLOBAL_SET = Opcode.GLOBAL_SET;
    /** {@code table}. */
    public static final int TABLE_GET = Opcode.TABLE_GET;
    /** {@code table}. */
    public static final int TABLE_SET = Opcode.TABLE_SET;
    /** {@code slot}: push a two-slot local. */
    public static final int LOCAL_GET2 = 0x27;
    // 0x28..0x3E: loads and stores, immediate {@code offset} (unsigned).
    public static final int MEMORY_SIZE = Opcode.MEMORY_SIZE;
    public static final int MEMORY_GROW = Opcode.MEMORY_GROW;
    /** {@code value}. */
    public static final int I32_CONST = Opcode.I32_CONST;
    /** {@code low high}. */
    public static final int I64_CONST = Opcode.I64_CONST;
    /** {@code bits}. */
    public static final int F32_CONST = Opcode.F32_CONST;
    /** {@code low high}. */
    public static final int F64_CONST = Opcode.F64_CONST;
    /** {@code slot}: pop two slots into a local. */
    public static final int LOCAL_SET2 = 0xC5;
    /** {@code slot}: copy two slots into a local. */
    public static final int LOCAL_TEE2 = 0xC6;
    /** {@code index}: push a v128 global. */
    public static final int GLOBAL_GET2 = 0xC7;
    /** {@code index}: pop a v128 into a global. */
    public static final int GLOBAL_SET2 = 0xC8;
    /** Push the null reference. */
    public static final int REF_NULL = Opcode.REF_NULL;
    public static final int REF_IS_NULL = Opcode.REF_IS_NULL;
    /** {@code functionIndex}. */
    public static final int REF_FUNC = Opcode.REF_FUNC;

    // 0xFC prefixed instructions: 0x100 + sub-opcode.
    public static final int FC_BASE = 0x100;
    /** 0x100..0x107: saturating truncations. */
    public static final int I32_TRUNC_SAT_F32_S = 0x100;
    /** {@code segment}. */
    public static final int MEMORY_INIT = 0x108;
    /** {@code segment}. */
    public static final int DATA_DROP = 0x109;
    public static final int MEMORY_COPY = 0x10A;
    public static final int MEMORY_FILL = 0x10B;
    /** {@code segment table}. */
    public static final int TABLE_INIT = 0x10C;
    /** {@code segment}. */
    public static final int ELEM_DROP = 0x10D;
    /** {@code destination source}. */
    public static final int TABLE_COPY = 0x10E;
    /** {@code table}. */
    public static final int TABLE_GROW = 0x10F;
    /** {@code table}. */
    public static final int TABLE_SIZE = 0x110;
    /** {@code table}. */
    public static final int TABLE_FILL = 0x111;
    /** {@code destination source}: memory.copy naming its memories, one of them not the first. */
    public static final int MEMORY_COPY_BETWEEN = 0x112;

    // Superinstructions (see CodeBuffer): two or three instructions that cannot trap, as one.
    // The _IMM forms take the i32 operand that an i32.const pushed as their immediate {@code c}.

    /** {@code c}: i32.add (and i32.sub, with {@code -c}). */
    public static final int I32_ADD_IMM = 0x120;
    /** {@code c}. */
    public static final int I32_MUL_IMM = 0x121;
    /** {@code c}. */
    public static final int I32_AND_IMM = 0x122;
    /** {@code c}. */
    public static final int I32_OR_IMM = 0x123;
    /** {@code c}. */
    public static final int I32_XOR_IMM = 0x124;
    /** {@code c}. */
    public static final int I32_SHL_IMM = 0x125;
    /** {@code c}. */
    public static final int I32_SHR_S_IMM = 0x126;
    /** {@code c}. */
    public static final int I32_SHR_U_IMM = 0x127;
    /** {@code c}. */
    public static final int I32_EQ_IMM = 0x128;
    /** {@code c}. */
    public static final int I32_NE_IMM = 0x129;
    /** {@code c}. */
    public static final int I32_LT_S_IMM = 0x12A;
    /** {@code c}. */
    public static final int I32_LT_U_IMM = 0x12B;
    /** {@code c}. */
    public static final int I32_GT_S_IMM = 0x12C;
    /** {@code c}. */
    public static final int I32_GT_U_IMM = 0x12D;
    /** {@code slot slot}: push two one-slot locals. */
    public static final int LOCAL_GET_GET = 0x12E;
    /** {@code slot c}: push an i32 local plus {@code c}. */
    public static final int LOCAL_ADD_IMM = 0x12F;

    // Emitted only for code with canonical NaNs (CodeOptions#canonicalNaNs), after each
    // instruction that ArithmeticNaNs lists: replace a NaN on top by the canonical NaN.

    /** An f32 on top. */
    public static final int CANONICAL_F32 = 0x130;
    /** An f64 on top. */
    public static final int CANONICAL_F64 = 0x131;
    /** A v128 of f32 lanes on top. */
    public static final int CANONICAL_F32X4 = 0x132;
    /** A v128 of f64 lanes on top. */
    public static final int CANONICAL_F64X2 = 0x133;

    // Moves of reference values (docs/references.md): a reference is the object in the
    // interpreter's Object[] beside the value slots, at the same index, with its slot (which an
    // i31 uses); the plain moves above leave the objects where they are.

    /** {@code slot}: push a reference local. */
    public static final int LOCAL_GET_REF = 0x140;
    /** {@code slot}: pop into a reference local. */
    public static final int LOCAL_SET_REF = 0x141;
    /** {@code slot}: copy the top into a reference local. */
    public static final int LOCAL_TEE_REF = 0x142;
    /** {@code global}: push a reference global. */
    public static final int GLOBAL_GET_REF = 0x143;
    /** {@code global}: pop into a reference global. */
    public static final int GLOBAL_SET_REF = 0x144;
    /** {@code select} of two references. */
    public static final int SELECT_REF = 0x145;
    /**
     * {@code n}: before a return, move the references among the top {@code n} slots (the
     * results) to the frame's start, where the return moves the slots.
     */
    public static final int RESULT_REFS = 0x146;
    /** {@code from to}: at a function's start, clear the references of its locals {@code from..to}. */
    public static final int NULL_LOCALS = 0x147;
    /**
     * A {@link #RETURN} of a function that holds references: it also clears the reference slots of
     * its frame, so that what the frame held is not kept alive by the slots above the stack's top.
     */
    public static final int RETURN_CLEARING = 0x14A;
    /** {@code tag}: pop the tag's values and throw an exception of it ({@code throw}). */
    public static final int THROW = 0x148;
    /** Pop an exception reference and throw it again; a trap on null ({@code throw_ref}). */
    public static final int THROW_REF = 0x149;
    // Garbage collection: type indexes are the module's; struct and array references are
    // objects (docs/references.md).

    /** {@code type}: pop the fields, push a new struct. */
    public static final int STRUCT_NEW = 0x150;
    /** {@code type}: push a new struct of default fields. */
    public static final int STRUCT_NEW_DEFAULT = 0x151;
    /** {@code type field}: pop a struct, push a field's value. */
    public static final int STRUCT_GET = 0x152;
    /** {@code type field}: as {@link #STRUCT_GET}, a packed field sign-extended. */
    public static final int STRUCT_GET_S = 0x153;
    /** {@code type field}: as {@link #STRUCT_GET}, a packed field zero-extended. */
    public static final int STRUCT_GET_U = 0x154;
    /** {@code type field}: pop a value and a struct, set the field. */
    public static final int STRUCT_SET = 0x155;
    /** {@code type}: pop a value and a length, push a new array of copies of it. */
    public static final int ARRAY_NEW = 0x156;
    /** {@code type}: pop a length, push a new array of default elements. */
    public static final int ARRAY_NEW_DEFAULT = 0x157;
    /** {@code type n}: pop n values, push a new array of them. */
    public static final int ARRAY_NEW_FIXED = 0x158;
    /** {@code type data}: pop an offset and a length, push a new array of the data segment's values. */
    public static final int ARRAY_NEW_DATA = 0x159;
    /** {@code type elem}: pop an offset and a length, push a new array of the element segment's references. */
    public static final int ARRAY_NEW_ELEM = 0x15A;
    /** {@code type}: pop an index and an array, push the element. */
    public static final int ARRAY_GET = 0x15B;
    /** {@code type}: as {@link #ARRAY_GET}, a packed element sign-extended. */
    public static final int ARRAY_GET_S = 0x15C;
    /** {@code type}: as {@link #ARRAY_GET}, a packed element zero-extended. */
    public static final int ARRAY_GET_U = 0x15D;
    /** {@code type}: pop a value, an index and an array, set the element. */
    public static final int ARRAY_SET = 0x15E;
    /** Pop an array, push its length. */
    public static final int ARRAY_LEN = 0x15F;
    /** {@code type}: pop a count, a value, an offset and an array, fill. */
    public static final int ARRAY_FILL = 0x160;
    /** {@code type type}: pop a count, a source offset and array, a destination offset and array, copy. */
    public static final int ARRAY_COPY = 0x161;
    /** {@code type data}: pop a count, a segment offset, an offset and an array, copy the data in. */
    public static final int ARRAY_INIT_DATA = 0x162;
    /** {@code type elem}: pop a count, a segment offset, an offset and an array, copy the references in. */
    public static final int ARRAY_INIT_ELEM = 0x163;
    /** Pop an i32, push the i31 reference of its low 31 bits. */
    public static final int REF_I31 = 0x164;
    /** Pop an i31 reference, push its value sign-extended. */
    public static final int I31_GET_S = 0x165;
    /** Pop an i31 reference, push its value zero-extended. */
    public static final int I31_GET_U = 0x166;
    /** Pop two references, push 1 when they are the same ({@code ref.eq}). */
    public static final int REF_EQ = 0x167;
    /** {@code heapType nullable}: push 1 when the reference on top, which stays, is of the type, else 0 ({@code br_on_cast}). */
    public static final int REF_TEST_KEEP = 0x168;

    /**
     * Set in the arity of a branch's adjustment ({@code BR_ADJUST}, {@code BR_IF_ADJUST},
     * {@code BR_TABLE}) when the label's values include references, which then move too.
     */
    public static final int WITH_REFS = 1 << 24;

    /**
     * 0xFD prefixed (SIMD) instructions: {@code 0x200 + sub-opcode}, 0x200..0x2FF. A v128 takes two
     * slots, the low 64 bits first. Immediates, by sub-opcode:
     * <ul>
     *   <li>loads and stores 0..11, 92, 93: {@code offset};
     *   <li>12 {@code v128.const}: {@code w0 w1 w2 w3}, the four 32-bit words, lowest first;
     *   <li>13 {@code i8x16.shuffle}: four words packing the 16 lane indices, lane 0 in the low
     *       byte of the first;
     *   <li>21..34 extract and replace lane: {@code lane};
     *   <li>84..91 lane loads and stores: {@code offset lane};
     *   <li>all others: none.
     * </ul>
     * {@code SimdInterpreter.IMMEDIATES} holds the counts.
     */
    public static final int SIMD_BASE = 0x200;

    /** One past the largest opcode: the SIMD ones run up to 3.0's relaxed SIMD, 0x113. */
    public static final int COUNT = SIMD_BASE + 0x114;
}
