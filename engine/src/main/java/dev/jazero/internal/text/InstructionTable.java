package dev.jazero.internal.text;

import dev.jazero.internal.wasm.Opcode;
import java.util.HashMap;
import java.util.Map;

/**
 * The instructions of WebAssembly 2.0 (including SIMD 128), plus the tail-call and typed
 * function reference instructions of 3.0: the shape of their immediates in text and binary. Their
 * opcodes and text names are {@link Opcode}'s.
 */
final class InstructionTable {

    private InstructionTable() {}

    /** How the immediates after a mnemonic are written, in text and binary. */
    enum Imm {
        NONE,
        BLOCK, LOOP, IF, ELSE, END,
        /** A block type, then catch clauses ({@code try_table}). */
        TRY_TABLE,
        /** A tag index ({@code throw}). */
        TAG,
        /** Legacy exception handling's {@code try}, a block type. */
        TRY,
        /** Legacy {@code catch} (a tag index) and {@code catch_all}, which go on a {@code try}'s label as {@code else} does. */
        CATCH, CATCH_ALL,
        /** Legacy {@code delegate}: ends a {@code try}, then a label of the blocks around it. */
        DELEGATE,
        LABEL, BR_TABLE,
        FUNC, CALL_INDIRECT,
        LOCAL, GLOBAL,
        /** An optional table index, 0 by default. */
        TABLE,
        TABLE_COPY, TABLE_INIT, ELEM,
        /** Load or store: optional memory index, then {@code offset=} and {@code align=}. */
        MEMARG,
        /** memory.size, memory.grow, memory.fill: an optional memory index. */
        MEMORY,
        MEMORY_COPY, MEMORY_INIT, DATA,
        I32, I64, F32, F64, V128,
        SHUFFLE,
        /** extract_lane / replace_lane: one lane index byte. */
        LANE,
        /** v128.loadN_lane / storeN_lane: memarg and a lane index. */
        MEMARG_LANE,
        REF_NULL, REF_FUNC,
        /** A type index (call_ref). */
        TYPE,
        /** A reference type, whose nullability picks the opcode (ref.test, ref.cast). */
        CAST,
        /** A struct type and one of its fields, by index or name. */
        FIELD,
        /** Two type indexes (array.copy). */
        TYPE_TYPE,
        /** A type index and a data segment (array.new_data, array.init_data). */
        TYPE_DATA,
        /** A type index and an element segment (array.new_elem, array.init_elem). */
        TYPE_ELEM,
        /** A type index and a count (array.new_fixed). */
        TYPE_COUNT,
        /** A label and two reference types (br_on_cast, br_on_cast_fail). */
        BR_ON_CAST,
        SELECT
    }

    /**
     * One instruction.
     *
     * @param prefix 0 for single-byte opcodes, else 0xFC or 0xFD
     * @param opcode the opcode byte, or the u32 after the prefix
     * @param naturalAlign log2 of the natural alignment, for memory instructions
     */
    record Instr(String name, int prefix, int opcode, Imm imm, int naturalAlign) {}

    private static final Map<String, Instr> BY_NAME = new HashMap<>(1024);

    static Instr lookup(String name) {
        return BY_NAME.get(name);
    }

    static boolean contains(String name) {
        return BY_NAME.containsKey(name);
    }

    private static void op(int opcode, Imm imm) {
        add(new Instr(Opcode.name(opcode), 0, opcode, imm, 0));
    }

    private static void op(int opcode) {
        op(opcode, Imm.NONE);
    }

    private static void mem(int opcode, int bytes) {
        add(new Instr(Opcode.name(opcode), 0, opcode, Imm.MEMARG, Integer.numberOfTrailingZeros(bytes)));
    }

    private static void fc(int sub, Imm imm) {
        add(new Instr(Opcode.fcName(sub), Opcode.PREFIX_FC, sub, imm, 0));
    }

    private static void fb(int sub, Imm imm) {
        add(new Instr(Opcode.fbName(sub), Opcode.PREFIX_FB, sub, imm, 0));
    }

    private static void add(Instr i) {
        if (BY_NAME.put(i.name(), i) != null) {
            throw new IllegalStateException("duplicate instruction " + i.name());
        }
    }

    static {
        op(Opcode.UNREACHABLE);
        op(Opcode.NOP);
        op(Opcode.BLOCK, Imm.BLOCK);
        op(Opcode.LOOP, Imm.LOOP);
        op(Opcode.IF, Imm.IF);
        op(Opcode.ELSE, Imm.ELSE);
        op(Opcode.END, Imm.END);
        op(Opcode.BR, Imm.LABEL);
        op(Opcode.BR_IF, Imm.LABEL);
        op(Opcode.BR_TABLE, Imm.BR_TABLE);
        op(Opcode.RETURN);
        op(Opcode.CALL, Imm.FUNC);
        op(Opcode.CALL_INDIRECT, Imm.CALL_INDIRECT);
        // Exception handling (WebAssembly 3.0).
        op(Opcode.TRY_TABLE, Imm.TRY_TABLE);
        op(Opcode.THROW, Imm.TAG);
        op(Opcode.THROW_REF);
        // Legacy exception handling, which toolchains still emit.
        op(Opcode.TRY, Imm.TRY);
        op(Opcode.CATCH, Imm.CATCH);
        op(Opcode.CATCH_ALL, Imm.CATCH_ALL);
        op(Opcode.DELEGATE, Imm.DELEGATE);
        op(Opcode.RETHROW, Imm.LABEL);
        // Tail calls and typed function references (WebAssembly 3.0).
        op(Opcode.RETURN_CALL, Imm.FUNC);
        op(Opcode.RETURN_CALL_INDIRECT, Imm.CALL_INDIRECT);
        op(Opcode.CALL_REF, Imm.TYPE);
        op(Opcode.RETURN_CALL_REF, Imm.TYPE);
        op(Opcode.DROP);
        op(Opcode.SELECT, Imm.SELECT);
        op(Opcode.LOCAL_GET, Imm.LOCAL);
        op(Opcode.LOCAL_SET, Imm.LOCAL);
        op(Opcode.LOCAL_TEE, Imm.LOCAL);
        op(Opcode.GLOBAL_GET, Imm.GLOBAL);
        op(Opcode.GLOBAL_SET, Imm.GLOBAL);
        op(Opcode.TABLE_GET, Imm.TABLE);
        op(Opcode.TABLE_SET, Imm.TABLE);
        mem(Opcode.I32_LOAD, 4);
        mem(Opcode.I64_LOAD, 8);
        mem(Opcode.F32_LOAD, 4);
        mem(Opcode.F64_LOAD, 8);
        mem(Opcode.I32_LOAD8_S, 1);
        mem(Opcode.I32_LOAD8_U, 1);
        mem(Opcode.I32_LOAD16_S, 2);
        mem(Opcode.I32_LOAD16_U, 2);
        mem(Opcode.I64_LOAD8_S, 1);
        mem(Opcode.I64_LOAD8_U, 1);
        mem(Opcode.I64_LOAD16_S, 2);
        mem(Opcode.I64_LOAD16_U, 2);
        mem(Opcode.I64_LOAD32_S, 4);
        mem(Opcode.I64_LOAD32_U, 4);
        mem(Opcode.I32_STORE, 4);
        mem(Opcode.I64_STORE, 8);
        mem(Opcode.F32_STORE, 4);
        mem(Opcode.F64_STORE, 8);
        mem(Opcode.I32_STORE8, 1);
        mem(Opcode.I32_STORE16, 2);
        mem(Opcode.I64_STORE8, 1);
        mem(Opcode.I64_STORE16, 2);
        mem(Opcode.I64_STORE32, 4);
        op(Opcode.MEMORY_SIZE, Imm.MEMORY);
        op(Opcode.MEMORY_GROW, Imm.MEMORY);
        op(Opcode.I32_CONST, Imm.I32);
        op(Opcode.I64_CONST, Imm.I64);
        op(Opcode.F32_CONST, Imm.F32);
        op(Opcode.F64_CONST, Imm.F64);
        for (int opcode = Opcode.I32_EQZ; opcode <= Opcode.I64_EXTEND32_S; opcode++) {
            op(opcode);
        }
        op(Opcode.REF_NULL, Imm.REF_NULL);
        op(Opcode.REF_IS_NULL);
        op(Opcode.REF_FUNC, Imm.REF_FUNC);
        op(Opcode.REF_EQ);
        op(Opcode.REF_AS_NON_NULL);
        // Garbage collection's casts: the opcode given is the non-null one, the next the nullable.
        add(new Instr("ref.test", Opcode.PREFIX_FB, Opcode.sub(Opcode.REF_TEST), Imm.CAST, 0));
        add(new Instr("ref.cast", Opcode.PREFIX_FB, Opcode.sub(Opcode.REF_CAST), Imm.CAST, 0));
        op(Opcode.BR_ON_NULL, Imm.LABEL);
        op(Opcode.BR_ON_NON_NULL, Imm.LABEL);
        fb(Opcode.Fb.STRUCT_NEW, Imm.TYPE);
        fb(Opcode.Fb.STRUCT_NEW_DEFAULT, Imm.TYPE);
        fb(Opcode.Fb.STRUCT_GET, Imm.FIELD);
        fb(Opcode.Fb.STRUCT_GET_S, Imm.FIELD);
        fb(Opcode.Fb.STRUCT_GET_U, Imm.FIELD);
        fb(Opcode.Fb.STRUCT_SET, Imm.FIELD);
        fb(Opcode.Fb.ARRAY_NEW, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_NEW_DEFAULT, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_NEW_FIXED, Imm.TYPE_COUNT);
        fb(Opcode.Fb.ARRAY_NEW_DATA, Imm.TYPE_DATA);
        fb(Opcode.Fb.ARRAY_NEW_ELEM, Imm.TYPE_ELEM);
        fb(Opcode.Fb.ARRAY_GET, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_GET_S, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_GET_U, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_SET, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_LEN, Imm.NONE);
        fb(Opcode.Fb.ARRAY_FILL, Imm.TYPE);
        fb(Opcode.Fb.ARRAY_COPY, Imm.TYPE_TYPE);
        fb(Opcode.Fb.ARRAY_INIT_DATA, Imm.TYPE_DATA);
        fb(Opcode.Fb.ARRAY_INIT_ELEM, Imm.TYPE_ELEM);
        fb(Opcode.Fb.BR_ON_CAST, Imm.BR_ON_CAST);
        fb(Opcode.Fb.BR_ON_CAST_FAIL, Imm.BR_ON_CAST);
        fb(Opcode.Fb.ANY_CONVERT_EXTERN, Imm.NONE);
        fb(Opcode.Fb.EXTERN_CONVERT_ANY, Imm.NONE);
        fb(Opcode.Fb.REF_I31, Imm.NONE);
        fb(Opcode.Fb.I31_GET_S, Imm.NONE);
        fb(Opcode.Fb.I31_GET_U, Imm.NONE);

        fc(Opcode.Fc.I32_TRUNC_SAT_F32_S, Imm.NONE);
        fc(Opcode.Fc.I32_TRUNC_SAT_F32_U, Imm.NONE);
        fc(Opcode.Fc.I32_TRUNC_SAT_F64_S, Imm.NONE);
        fc(Opcode.Fc.I32_TRUNC_SAT_F64_U, Imm.NONE);
        fc(Opcode.Fc.I64_TRUNC_SAT_F32_S, Imm.NONE);
        fc(Opcode.Fc.I64_TRUNC_SAT_F32_U, Imm.NONE);
        fc(Opcode.Fc.I64_TRUNC_SAT_F64_S, Imm.NONE);
        fc(Opcode.Fc.I64_TRUNC_SAT_F64_U, Imm.NONE);
        fc(Opcode.Fc.MEMORY_INIT, Imm.MEMORY_INIT);
        fc(Opcode.Fc.DATA_DROP, Imm.DATA);
        fc(Opcode.Fc.MEMORY_COPY, Imm.MEMORY_COPY);
        fc(Opcode.Fc.MEMORY_FILL, Imm.MEMORY);
        fc(Opcode.Fc.TABLE_INIT, Imm.TABLE_INIT);
        fc(Opcode.Fc.ELEM_DROP, Imm.ELEM);
        fc(Opcode.Fc.TABLE_COPY, Imm.TABLE_COPY);
        fc(Opcode.Fc.TABLE_GROW, Imm.TABLE);
        fc(Opcode.Fc.TABLE_SIZE, Imm.TABLE);
        fc(Opcode.Fc.TABLE_FILL, Imm.TABLE);

        for (int k = 0; k < Opcode.simdCount(); k++) {
            String name = Opcode.simdName(k);
            if (name != null) {
                add(new Instr(name, 0xFD, k, simdImm(name), simdAlign(name)));
            }
        }
    }

    private static Imm simdImm(String name) {
        if (name.equals("v128.const")) {
            return Imm.V128;
        }
        if (name.equals("i8x16.shuffle")) {
            return Imm.SHUFFLE;
        }
        if (name.endsWith("_lane") && name.startsWith("v128.")) {
            return Imm.MEMARG_LANE;
        }
        if (name.contains("extract_lane") || name.contains("replace_lane")) {
            return Imm.LANE;
        }
        if (name.startsWith("v128.load") || name.startsWith("v128.store")) {
            return Imm.MEMARG;
        }
        return Imm.NONE;
    }

    /** log2 of the natural alignment of a SIMD memory instruction, from its name. */
    private static int simdAlign(String name) {
        if (!name.startsWith("v128.load") && !name.startsWith("v128.store")) {
            return 0;
        }
        if (name.equals("v128.load") || name.equals("v128.store")) {
            return 4;
        }
        if (name.matches("v128\\.load\\d+x\\d+_[su]")) {
            return 3; // load8x8_s and friends read 64 bits
        }
        // load8_splat, load32_zero, store16_lane, ...: the access width follows load/store.
        String rest = name.substring(name.startsWith("v128.load") ? 9 : 10);
        int bits = Integer.parseInt(rest.substring(0, rest.indexOf('_')));
        return Integer.numberOfTrailingZeros(bits / 8);
    }
}
