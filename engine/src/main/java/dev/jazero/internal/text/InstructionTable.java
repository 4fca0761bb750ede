package dev.jazero.internal.text;

import java.util.HashMap;
import java.util.Map;

/**
 * The instructions of WebAssembly 2.0 (including SIMD 128), plus the tail-call and typed
 * function reference instructions of 3.0: text mnemonic, binary opcode and the shape of their
 * immediates. Opcodes follow the specification's index of instructions.
 */
final class InstructionTable {

    private InstructionTable() {}

    /** How the immediates after a mnemonic are written, in text and binary. */
    enum Imm {
        NONE,
        BLOCK, LOOP, IF, ELSE, END,
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

    private static void op(String name, int opcode, Imm imm) {
        add(new Instr(name, 0, opcode, imm, 0));
    }

    private static void op(String name, int opcode) {
        op(name, opcode, Imm.NONE);
    }

    private static void mem(String name, int opcode, int bytes) {
        add(new Instr(name, 0, opcode, Imm.MEMARG, Integer.numberOfTrailingZeros(bytes)));
    }

    private static void fc(String name, int opcode, Imm imm) {
        add(new Instr(name, 0xFC, opcode, imm, 0));
    }

    private static void add(Instr i) {
        if (BY_NAME.put(i.name(), i) != null) {
            throw new IllegalStateException("duplicate instruction " + i.name());
        }
    }

    /** Numeric instructions without immediates from 0x45 to 0xC4, in opcode order. */
    private static final String[] NUMERIC = {
        "i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s",
        "i32.le_u", "i32.ge_s", "i32.ge_u",
        "i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u", "i64.le_s",
        "i64.le_u", "i64.ge_s", "i64.ge_u",
        "f32.eq", "f32.ne", "f32.lt", "f32.gt", "f32.le", "f32.ge",
        "f64.eq", "f64.ne", "f64.lt", "f64.gt", "f64.le", "f64.ge",
        "i32.clz", "i32.ctz", "i32.popcnt", "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u",
        "i32.rem_s", "i32.rem_u", "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u",
        "i32.rotl", "i32.rotr",
        "i64.clz", "i64.ctz", "i64.popcnt", "i64.add", "i64.sub", "i64.mul", "i64.div_s", "i64.div_u",
        "i64.rem_s", "i64.rem_u", "i64.and", "i64.or", "i64.xor", "i64.shl", "i64.shr_s", "i64.shr_u",
        "i64.rotl", "i64.rotr",
        "f32.abs", "f32.neg", "f32.ceil", "f32.floor", "f32.trunc", "f32.nearest", "f32.sqrt",
        "f32.add", "f32.sub", "f32.mul", "f32.div", "f32.min", "f32.max", "f32.copysign",
        "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest", "f64.sqrt",
        "f64.add", "f64.sub", "f64.mul", "f64.div", "f64.min", "f64.max", "f64.copysign",
        "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
        "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u",
        "i64.trunc_f64_s", "i64.trunc_f64_u",
        "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u",
        "f32.demote_f64",
        "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u",
        "f64.promote_f32",
        "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64",
        "i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s",
    };

    /** SIMD instructions by their opcode after the 0xFD prefix; null marks unused opcodes. */
    private static final String[] SIMD = {
        // 0x00
        "v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s", "v128.load16x4_u",
        "v128.load32x2_s", "v128.load32x2_u", "v128.load8_splat", "v128.load16_splat",
        "v128.load32_splat", "v128.load64_splat", "v128.store", "v128.const", "i8x16.shuffle",
        "i8x16.swizzle", "i8x16.splat",
        // 0x10
        "i16x8.splat", "i32x4.splat", "i64x2.splat", "f32x4.splat", "f64x2.splat",
        "i8x16.extract_lane_s", "i8x16.extract_lane_u", "i8x16.replace_lane",
        "i16x8.extract_lane_s", "i16x8.extract_lane_u", "i16x8.replace_lane",
        "i32x4.extract_lane", "i32x4.replace_lane", "i64x2.extract_lane", "i64x2.replace_lane",
        "f32x4.extract_lane",
        // 0x20
        "f32x4.replace_lane", "f64x2.extract_lane", "f64x2.replace_lane",
        "i8x16.eq", "i8x16.ne", "i8x16.lt_s", "i8x16.lt_u", "i8x16.gt_s", "i8x16.gt_u",
        "i8x16.le_s", "i8x16.le_u", "i8x16.ge_s", "i8x16.ge_u",
        "i16x8.eq", "i16x8.ne", "i16x8.lt_s",
        // 0x30
        "i16x8.lt_u", "i16x8.gt_s", "i16x8.gt_u", "i16x8.le_s", "i16x8.le_u", "i16x8.ge_s",
        "i16x8.ge_u",
        "i32x4.eq", "i32x4.ne", "i32x4.lt_s", "i32x4.lt_u", "i32x4.gt_s", "i32x4.gt_u",
        "i32x4.le_s", "i32x4.le_u", "i32x4.ge_s",
        // 0x40
        "i32x4.ge_u",
        "f32x4.eq", "f32x4.ne", "f32x4.lt", "f32x4.gt", "f32x4.le", "f32x4.ge",
        "f64x2.eq", "f64x2.ne", "f64x2.lt", "f64x2.gt", "f64x2.le", "f64x2.ge",
        "v128.not", "v128.and", "v128.andnot",
        // 0x50
        "v128.or", "v128.xor", "v128.bitselect", "v128.any_true",
        "v128.load8_lane", "v128.load16_lane", "v128.load32_lane", "v128.load64_lane",
        "v128.store8_lane", "v128.store16_lane", "v128.store32_lane", "v128.store64_lane",
        "v128.load32_zero", "v128.load64_zero", "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4",
        // 0x60
        "i8x16.abs", "i8x16.neg", "i8x16.popcnt", "i8x16.all_true", "i8x16.bitmask",
        "i8x16.narrow_i16x8_s", "i8x16.narrow_i16x8_u",
        "f32x4.ceil", "f32x4.floor", "f32x4.trunc", "f32x4.nearest",
        "i8x16.shl", "i8x16.shr_s", "i8x16.shr_u", "i8x16.add", "i8x16.add_sat_s",
        // 0x70
        "i8x16.add_sat_u", "i8x16.sub", "i8x16.sub_sat_s", "i8x16.sub_sat_u",
        "f64x2.ceil", "f64x2.floor",
        "i8x16.min_s", "i8x16.min_u", "i8x16.max_s", "i8x16.max_u",
        "f64x2.trunc", "i8x16.avgr_u",
        "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u",
        "i32x4.extadd_pairwise_i16x8_s", "i32x4.extadd_pairwise_i16x8_u",
        // 0x80
        "i16x8.abs", "i16x8.neg", "i16x8.q15mulr_sat_s", "i16x8.all_true", "i16x8.bitmask",
        "i16x8.narrow_i32x4_s", "i16x8.narrow_i32x4_u",
        "i16x8.extend_low_i8x16_s", "i16x8.extend_high_i8x16_s",
        "i16x8.extend_low_i8x16_u", "i16x8.extend_high_i8x16_u",
        "i16x8.shl", "i16x8.shr_s", "i16x8.shr_u", "i16x8.add", "i16x8.add_sat_s",
        // 0x90
        "i16x8.add_sat_u", "i16x8.sub", "i16x8.sub_sat_s", "i16x8.sub_sat_u",
        "f64x2.nearest",
        "i16x8.mul", "i16x8.min_s", "i16x8.min_u", "i16x8.max_s", "i16x8.max_u",
        null, "i16x8.avgr_u",
        "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_s",
        "i16x8.extmul_low_i8x16_u", "i16x8.extmul_high_i8x16_u",
        // 0xA0
        "i32x4.abs", "i32x4.neg", null, "i32x4.all_true", "i32x4.bitmask", null, null,
        "i32x4.extend_low_i16x8_s", "i32x4.extend_high_i16x8_s",
        "i32x4.extend_low_i16x8_u", "i32x4.extend_high_i16x8_u",
        "i32x4.shl", "i32x4.shr_s", "i32x4.shr_u", "i32x4.add", null,
        // 0xB0
        null, "i32x4.sub", null, null, null, "i32x4.mul", "i32x4.min_s", "i32x4.min_u",
        "i32x4.max_s", "i32x4.max_u", "i32x4.dot_i16x8_s", null,
        "i32x4.extmul_low_i16x8_s", "i32x4.extmul_high_i16x8_s",
        "i32x4.extmul_low_i16x8_u", "i32x4.extmul_high_i16x8_u",
        // 0xC0
        "i64x2.abs", "i64x2.neg", null, "i64x2.all_true", "i64x2.bitmask", null, null,
        "i64x2.extend_low_i32x4_s", "i64x2.extend_high_i32x4_s",
        "i64x2.extend_low_i32x4_u", "i64x2.extend_high_i32x4_u",
        "i64x2.shl", "i64x2.shr_s", "i64x2.shr_u", "i64x2.add", null,
        // 0xD0
        null, "i64x2.sub", null, null, null, "i64x2.mul",
        "i64x2.eq", "i64x2.ne", "i64x2.lt_s", "i64x2.gt_s", "i64x2.le_s", "i64x2.ge_s",
        "i64x2.extmul_low_i32x4_s", "i64x2.extmul_high_i32x4_s",
        "i64x2.extmul_low_i32x4_u", "i64x2.extmul_high_i32x4_u",
        // 0xE0
        "f32x4.abs", "f32x4.neg", null, "f32x4.sqrt", "f32x4.add", "f32x4.sub", "f32x4.mul",
        "f32x4.div", "f32x4.min", "f32x4.max", "f32x4.pmin", "f32x4.pmax",
        "f64x2.abs", "f64x2.neg", null, "f64x2.sqrt",
        // 0xF0
        "f64x2.add", "f64x2.sub", "f64x2.mul", "f64x2.div", "f64x2.min", "f64x2.max",
        "f64x2.pmin", "f64x2.pmax",
        "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u",
        "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u",
        "i32x4.trunc_sat_f64x2_s_zero", "i32x4.trunc_sat_f64x2_u_zero",
        "f64x2.convert_low_i32x4_s", "f64x2.convert_low_i32x4_u",
    };

    static {
        op("unreachable", 0x00);
        op("nop", 0x01);
        op("block", 0x02, Imm.BLOCK);
        op("loop", 0x03, Imm.LOOP);
        op("if", 0x04, Imm.IF);
        op("else", 0x05, Imm.ELSE);
        op("end", 0x0B, Imm.END);
        op("br", 0x0C, Imm.LABEL);
        op("br_if", 0x0D, Imm.LABEL);
        op("br_table", 0x0E, Imm.BR_TABLE);
        op("return", 0x0F);
        op("call", 0x10, Imm.FUNC);
        op("call_indirect", 0x11, Imm.CALL_INDIRECT);
        // Tail calls and typed function references (WebAssembly 3.0).
        op("return_call", 0x12, Imm.FUNC);
        op("return_call_indirect", 0x13, Imm.CALL_INDIRECT);
        op("call_ref", 0x14, Imm.TYPE);
        op("return_call_ref", 0x15, Imm.TYPE);
        op("drop", 0x1A);
        op("select", 0x1B, Imm.SELECT);
        op("local.get", 0x20, Imm.LOCAL);
        op("local.set", 0x21, Imm.LOCAL);
        op("local.tee", 0x22, Imm.LOCAL);
        op("global.get", 0x23, Imm.GLOBAL);
        op("global.set", 0x24, Imm.GLOBAL);
        op("table.get", 0x25, Imm.TABLE);
        op("table.set", 0x26, Imm.TABLE);
        mem("i32.load", 0x28, 4);
        mem("i64.load", 0x29, 8);
        mem("f32.load", 0x2A, 4);
        mem("f64.load", 0x2B, 8);
        mem("i32.load8_s", 0x2C, 1);
        mem("i32.load8_u", 0x2D, 1);
        mem("i32.load16_s", 0x2E, 2);
        mem("i32.load16_u", 0x2F, 2);
        mem("i64.load8_s", 0x30, 1);
        mem("i64.load8_u", 0x31, 1);
        mem("i64.load16_s", 0x32, 2);
        mem("i64.load16_u", 0x33, 2);
        mem("i64.load32_s", 0x34, 4);
        mem("i64.load32_u", 0x35, 4);
        mem("i32.store", 0x36, 4);
        mem("i64.store", 0x37, 8);
        mem("f32.store", 0x38, 4);
        mem("f64.store", 0x39, 8);
        mem("i32.store8", 0x3A, 1);
        mem("i32.store16", 0x3B, 2);
        mem("i64.store8", 0x3C, 1);
        mem("i64.store16", 0x3D, 2);
        mem("i64.store32", 0x3E, 4);
        op("memory.size", 0x3F, Imm.MEMORY);
        op("memory.grow", 0x40, Imm.MEMORY);
        op("i32.const", 0x41, Imm.I32);
        op("i64.const", 0x42, Imm.I64);
        op("f32.const", 0x43, Imm.F32);
        op("f64.const", 0x44, Imm.F64);
        for (int k = 0; k < NUMERIC.length; k++) {
            op(NUMERIC[k], 0x45 + k);
        }
        op("ref.null", 0xD0, Imm.REF_NULL);
        op("ref.is_null", 0xD1);
        op("ref.func", 0xD2, Imm.REF_FUNC);
        op("ref.eq", 0xD3);
        op("ref.as_non_null", 0xD4);
        op("br_on_null", 0xD5, Imm.LABEL);
        op("br_on_non_null", 0xD6, Imm.LABEL);

        fc("i32.trunc_sat_f32_s", 0, Imm.NONE);
        fc("i32.trunc_sat_f32_u", 1, Imm.NONE);
        fc("i32.trunc_sat_f64_s", 2, Imm.NONE);
        fc("i32.trunc_sat_f64_u", 3, Imm.NONE);
        fc("i64.trunc_sat_f32_s", 4, Imm.NONE);
        fc("i64.trunc_sat_f32_u", 5, Imm.NONE);
        fc("i64.trunc_sat_f64_s", 6, Imm.NONE);
        fc("i64.trunc_sat_f64_u", 7, Imm.NONE);
        fc("memory.init", 8, Imm.MEMORY_INIT);
        fc("data.drop", 9, Imm.DATA);
        fc("memory.copy", 10, Imm.MEMORY_COPY);
        fc("memory.fill", 11, Imm.MEMORY);
        fc("table.init", 12, Imm.TABLE_INIT);
        fc("elem.drop", 13, Imm.ELEM);
        fc("table.copy", 14, Imm.TABLE_COPY);
        fc("table.grow", 15, Imm.TABLE);
        fc("table.size", 16, Imm.TABLE);
        fc("table.fill", 17, Imm.TABLE);

        for (int k = 0; k < SIMD.length; k++) {
            String name = SIMD[k];
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
