package dev.jazero.internal.wasm;

/**
 * WebAssembly's opcodes, named once for every stage: the decoder, the validator, both tiers and
 * the text format. A single-byte instruction's constant is its text name in capitals
 * ({@code i32.load8_s} is {@link #I32_LOAD8_S}); the instructions after the 0xFC prefix are
 * numbered by their sub-opcode in {@link Fc}; the SIMD instructions after 0xFD have their names
 * here ({@link #simdName}) and their semantics by sub-opcode in {@code SimdLanes}. Decoded
 * instructions carry a prefixed opcode as {@code prefix << 16 | sub-opcode} ({@link #prefixed}):
 * sub-opcodes pass 255 (3.0's relaxed SIMD instructions are 0xFD 0x100 to 0x113).
 */
public final class Opcode {

    private Opcode() {
    }

    /** {@code unreachable} */
    public static final int UNREACHABLE = 0x00;
    /** {@code nop} */
    public static final int NOP = 0x01;
    /** {@code block} */
    public static final int BLOCK = 0x02;
    /** {@code loop} */
    public static final int LOOP = 0x03;
    /** {@code if} */
    public static final int IF = 0x04;
    /** {@code else} */
    public static final int ELSE = 0x05;
    /** {@code try}, exception handling's legacy block */
    public static final int TRY = 0x06;
    /** {@code catch}, of a legacy {@code try} */
    public static final int CATCH = 0x07;
    /** {@code throw} */
    public static final int THROW = 0x08;
    /** {@code rethrow}, of a legacy {@code catch} */
    public static final int RETHROW = 0x09;
    /** {@code throw_ref} */
    public static final int THROW_REF = 0x0A;
    /** {@code delegate}, which ends a legacy {@code try} */
    public static final int DELEGATE = 0x18;
    /** {@code catch_all}, of a legacy {@code try} */
    public static final int CATCH_ALL = 0x19;
    /** {@code try_table} */
    public static final int TRY_TABLE = 0x1F;
    /** {@code end} */
    public static final int END = 0x0B;

    /** Whether the instruction opens a block that {@code end} (or, for {@code try}, {@code delegate}) closes. */
    public static boolean opensBlock(int op) {
        return op == BLOCK || op == LOOP || op == IF || op == TRY_TABLE || op == TRY;
    }
    /** {@code br} */
    public static final int BR = 0x0C;
    /** {@code br_if} */
    public static final int BR_IF = 0x0D;
    /** {@code br_table} */
    public static final int BR_TABLE = 0x0E;
    /** {@code return} */
    public static final int RETURN = 0x0F;
    /** {@code call} */
    public static final int CALL = 0x10;
    /** {@code call_indirect} */
    public static final int CALL_INDIRECT = 0x11;
    /** {@code return_call} */
    public static final int RETURN_CALL = 0x12;
    /** {@code return_call_indirect} */
    public static final int RETURN_CALL_INDIRECT = 0x13;
    /** {@code call_ref} */
    public static final int CALL_REF = 0x14;
    /** {@code return_call_ref} */
    public static final int RETURN_CALL_REF = 0x15;
    /** {@code drop} */
    public static final int DROP = 0x1A;
    /** {@code select} */
    public static final int SELECT = 0x1B;
    /** {@code select} with its result types written out */
    public static final int SELECT_T = 0x1C;
    /** {@code local.get} */
    public static final int LOCAL_GET = 0x20;
    /** {@code local.set} */
    public static final int LOCAL_SET = 0x21;
    /** {@code local.tee} */
    public static final int LOCAL_TEE = 0x22;
    /** {@code global.get} */
    public static final int GLOBAL_GET = 0x23;
    /** {@code global.set} */
    public static final int GLOBAL_SET = 0x24;
    /** {@code table.get} */
    public static final int TABLE_GET = 0x25;
    /** {@code table.set} */
    public static final int TABLE_SET = 0x26;
    /** {@code i32.load} */
    public static final int I32_LOAD = 0x28;
    /** {@code i64.load} */
    public static final int I64_LOAD = 0x29;
    /** {@code f32.load} */
    public static final int F32_LOAD = 0x2A;
    /** {@code f64.load} */
    public static final int F64_LOAD = 0x2B;
    /** {@code i32.load8_s} */
    public static final int I32_LOAD8_S = 0x2C;
    /** {@code i32.load8_u} */
    public static final int I32_LOAD8_U = 0x2D;
    /** {@code i32.load16_s} */
    public static final int I32_LOAD16_S = 0x2E;
    /** {@code i32.load16_u} */
    public static final int I32_LOAD16_U = 0x2F;
    /** {@code i64.load8_s} */
    public static final int I64_LOAD8_S = 0x30;
    /** {@code i64.load8_u} */
    public static final int I64_LOAD8_U = 0x31;
    /** {@code i64.load16_s} */
    public static final int I64_LOAD16_S = 0x32;
    /** {@code i64.load16_u} */
    public static final int I64_LOAD16_U = 0x33;
    /** {@code i64.load32_s} */
    public static final int I64_LOAD32_S = 0x34;
    /** {@code i64.load32_u} */
    public static final int I64_LOAD32_U = 0x35;
    /** {@code i32.store} */
    public static final int I32_STORE = 0x36;
    /** {@code i64.store} */
    public static final int I64_STORE = 0x37;
    /** {@code f32.store} */
    public static final int F32_STORE = 0x38;
    /** {@code f64.store} */
    public static final int F64_STORE = 0x39;
    /** {@code i32.store8} */
    public static final int I32_STORE8 = 0x3A;
    /** {@code i32.store16} */
    public static final int I32_STORE16 = 0x3B;
    /** {@code i64.store8} */
    public static final int I64_STORE8 = 0x3C;
    /** {@code i64.store16} */
    public static final int I64_STORE16 = 0x3D;
    /** {@code i64.store32} */
    public static final int I64_STORE32 = 0x3E;
    /** {@code memory.size} */
    public static final int MEMORY_SIZE = 0x3F;
    /** {@code memory.grow} */
    public static final int MEMORY_GROW = 0x40;
    /** {@code i32.const} */
    public static final int I32_CONST = 0x41;
    /** {@code i64.const} */
    public static final int I64_CONST = 0x42;
    /** {@code f32.const} */
    public static final int F32_CONST = 0x43;
    /** {@code f64.const} */
    public static final int F64_CONST = 0x44;
    /** {@code i32.eqz} */
    public static final int I32_EQZ = 0x45;
    /** {@code i32.eq} */
    public static final int I32_EQ = 0x46;
    /** {@code i32.ne} */
    public static final int I32_NE = 0x47;
    /** {@code i32.lt_s} */
    public static final int I32_LT_S = 0x48;
    /** {@code i32.lt_u} */
    public static final int I32_LT_U = 0x49;
    /** {@code i32.gt_s} */
    public static final int I32_GT_S = 0x4A;
    /** {@code i32.gt_u} */
    public static final int I32_GT_U = 0x4B;
    /** {@code i32.le_s} */
    public static final int I32_LE_S = 0x4C;
    /** {@code i32.le_u} */
    public static final int I32_LE_U = 0x4D;
    /** {@code i32.ge_s} */
    public static final int I32_GE_S = 0x4E;
    /** {@code i32.ge_u} */
    public static final int I32_GE_U = 0x4F;
    /** {@code i64.eqz} */
    public static final int I64_EQZ = 0x50;
    /** {@code i64.eq} */
    public static final int I64_EQ = 0x51;
    /** {@code i64.ne} */
    public static final int I64_NE = 0x52;
    /** {@code i64.lt_s} */
    public static final int I64_LT_S = 0x53;
    /** {@code i64.lt_u} */
    public static final int I64_LT_U = 0x54;
    /** {@code i64.gt_s} */
    public static final int I64_GT_S = 0x55;
    /** {@code i64.gt_u} */
    public static final int I64_GT_U = 0x56;
    /** {@code i64.le_s} */
    public static final int I64_LE_S = 0x57;
    /** {@code i64.le_u} */
    public static final int I64_LE_U = 0x58;
    /** {@code i64.ge_s} */
    public static final int I64_GE_S = 0x59;
    /** {@code i64.ge_u} */
    public static final int I64_GE_U = 0x5A;
    /** {@code f32.eq} */
    public static final int F32_EQ = 0x5B;
    /** {@code f32.ne} */
    public static final int F32_NE = 0x5C;
    /** {@code f32.lt} */
    public static final int F32_LT = 0x5D;
    /** {@code f32.gt} */
    public static final int F32_GT = 0x5E;
    /** {@code f32.le} */
    public static final int F32_LE = 0x5F;
    /** {@code f32.ge} */
    public static final int F32_GE = 0x60;
    /** {@code f64.eq} */
    public static final int F64_EQ = 0x61;
    /** {@code f64.ne} */
    public static final int F64_NE = 0x62;
    /** {@code f64.lt} */
    public static final int F64_LT = 0x63;
    /** {@code f64.gt} */
    public static final int F64_GT = 0x64;
    /** {@code f64.le} */
    public static final int F64_LE = 0x65;
    /** {@code f64.ge} */
    public static final int F64_GE = 0x66;
    /** {@code i32.clz} */
    public static final int I32_CLZ = 0x67;
    /** {@code i32.ctz} */
    public static final int I32_CTZ = 0x68;
    /** {@code i32.popcnt} */
    public static final int I32_POPCNT = 0x69;
    /** {@code i32.add} */
    public static final int I32_ADD = 0x6A;
    /** {@code i32.sub} */
    public static final int I32_SUB = 0x6B;
    /** {@code i32.mul} */
    public static final int I32_MUL = 0x6C;
    /** {@code i32.div_s} */
    public static final int I32_DIV_S = 0x6D;
    /** {@code i32.div_u} */
    public static final int I32_DIV_U = 0x6E;
    /** {@code i32.rem_s} */
    public static final int I32_REM_S = 0x6F;
    /** {@code i32.rem_u} */
    public static final int I32_REM_U = 0x70;
    /** {@code i32.and} */
    public static final int I32_AND = 0x71;
    /** {@code i32.or} */
    public static final int I32_OR = 0x72;
    /** {@code i32.xor} */
    public static final int I32_XOR = 0x73;
    /** {@code i32.shl} */
    public static final int I32_SHL = 0x74;
    /** {@code i32.shr_s} */
    public static final int I32_SHR_S = 0x75;
    /** {@code i32.shr_u} */
    public static final int I32_SHR_U = 0x76;
    /** {@code i32.rotl} */
    public static final int I32_ROTL = 0x77;
    /** {@code i32.rotr} */
    public static final int I32_ROTR = 0x78;
    /** {@code i64.clz} */
    public static final int I64_CLZ = 0x79;
    /** {@code i64.ctz} */
    public static final int I64_CTZ = 0x7A;
    /** {@code i64.popcnt} */
    public static final int I64_POPCNT = 0x7B;
    /** {@code i64.add} */
    public static final int I64_ADD = 0x7C;
    /** {@code i64.sub} */
    public static final int I64_SUB = 0x7D;
    /** {@code i64.mul} */
    public static final int I64_MUL = 0x7E;
    /** {@code i64.div_s} */
    public static final int I64_DIV_S = 0x7F;
    /** {@code i64.div_u} */
    public static final int I64_DIV_U = 0x80;
    /** {@code i64.rem_s} */
    public static final int I64_REM_S = 0x81;
    /** {@code i64.rem_u} */
    public static final int I64_REM_U = 0x82;
    /** {@code i64.and} */
    public static final int I64_AND = 0x83;
    /** {@code i64.or} */
    public static final int I64_OR = 0x84;
    /** {@code i64.xor} */
    public static final int I64_XOR = 0x85;
    /** {@code i64.shl} */
    public static final int I64_SHL = 0x86;
    /** {@code i64.shr_s} */
    public static final int I64_SHR_S = 0x87;
    /** {@code i64.shr_u} */
    public static final int I64_SHR_U = 0x88;
    /** {@code i64.rotl} */
    public static final int I64_ROTL = 0x89;
    /** {@code i64.rotr} */
    public static final int I64_ROTR = 0x8A;
    /** {@code f32.abs} */
    public static final int F32_ABS = 0x8B;
    /** {@code f32.neg} */
    public static final int F32_NEG = 0x8C;
    /** {@code f32.ceil} */
    public static final int F32_CEIL = 0x8D;
    /** {@code f32.floor} */
    public static final int F32_FLOOR = 0x8E;
    /** {@code f32.trunc} */
    public static final int F32_TRUNC = 0x8F;
    /** {@code f32.nearest} */
    public static final int F32_NEAREST = 0x90;
    /** {@code f32.sqrt} */
    public static final int F32_SQRT = 0x91;
    /** {@code f32.add} */
    public static final int F32_ADD = 0x92;
    /** {@code f32.sub} */
    public static final int F32_SUB = 0x93;
    /** {@code f32.mul} */
    public static final int F32_MUL = 0x94;
    /** {@code f32.div} */
    public static final int F32_DIV = 0x95;
    /** {@code f32.min} */
    public static final int F32_MIN = 0x96;
    /** {@code f32.max} */
    public static final int F32_MAX = 0x97;
    /** {@code f32.copysign} */
    public static final int F32_COPYSIGN = 0x98;
    /** {@code f64.abs} */
    public static final int F64_ABS = 0x99;
    /** {@code f64.neg} */
    public static final int F64_NEG = 0x9A;
    /** {@code f64.ceil} */
    public static final int F64_CEIL = 0x9B;
    /** {@code f64.floor} */
    public static final int F64_FLOOR = 0x9C;
    /** {@code f64.trunc} */
    public static final int F64_TRUNC = 0x9D;
    /** {@code f64.nearest} */
    public static final int F64_NEAREST = 0x9E;
    /** {@code f64.sqrt} */
    public static final int F64_SQRT = 0x9F;
    /** {@code f64.add} */
    public static final int F64_ADD = 0xA0;
    /** {@code f64.sub} */
    public static final int F64_SUB = 0xA1;
    /** {@code f64.mul} */
    public static final int F64_MUL = 0xA2;
    /** {@code f64.div} */
    public static final int F64_DIV = 0xA3;
    /** {@code f64.min} */
    public static final int F64_MIN = 0xA4;
    /** {@code f64.max} */
    public static final int F64_MAX = 0xA5;
    /** {@code f64.copysign} */
    public static final int F64_COPYSIGN = 0xA6;
    /** {@code i32.wrap_i64} */
    public static final int I32_WRAP_I64 = 0xA7;
    /** {@code i32.trunc_f32_s} */
    public static final int I32_TRUNC_F32_S = 0xA8;
    /** {@code i32.trunc_f32_u} */
    public static final int I32_TRUNC_F32_U = 0xA9;
    /** {@code i32.trunc_f64_s} */
    public static final int I32_TRUNC_F64_S = 0xAA;
    /** {@code i32.trunc_f64_u} */
    public static final int I32_TRUNC_F64_U = 0xAB;
    /** {@code i64.extend_i32_s} */
    public static final int I64_EXTEND_I32_S = 0xAC;
    /** {@code i64.extend_i32_u} */
    public static final int I64_EXTEND_I32_U = 0xAD;
    /** {@code i64.trunc_f32_s} */
    public static final int I64_TRUNC_F32_S = 0xAE;
    /** {@code i64.trunc_f32_u} */
    public static final int I64_TRUNC_F32_U = 0xAF;
    /** {@code i64.trunc_f64_s} */
    public static final int I64_TRUNC_F64_S = 0xB0;
    /** {@code i64.trunc_f64_u} */
    public static final int I64_TRUNC_F64_U = 0xB1;
    /** {@code f32.convert_i32_s} */
    public static final int F32_CONVERT_I32_S = 0xB2;
    /** {@code f32.convert_i32_u} */
    public static final int F32_CONVERT_I32_U = 0xB3;
    /** {@code f32.convert_i64_s} */
    public static final int F32_CONVERT_I64_S = 0xB4;
    /** {@code f32.convert_i64_u} */
    public static final int F32_CONVERT_I64_U = 0xB5;
    /** {@code f32.demote_f64} */
    public static final int F32_DEMOTE_F64 = 0xB6;
    /** {@code f64.convert_i32_s} */
    public static final int F64_CONVERT_I32_S = 0xB7;
    /** {@code f64.convert_i32_u} */
    public static final int F64_CONVERT_I32_U = 0xB8;
    /** {@code f64.convert_i64_s} */
    public static final int F64_CONVERT_I64_S = 0xB9;
    /** {@code f64.convert_i64_u} */
    public static final int F64_CONVERT_I64_U = 0xBA;
    /** {@code f64.promote_f32} */
    public static final int F64_PROMOTE_F32 = 0xBB;
    /** {@code i32.reinterpret_f32} */
    public static final int I32_REINTERPRET_F32 = 0xBC;
    /** {@code i64.reinterpret_f64} */
    public static final int I64_REINTERPRET_F64 = 0xBD;
    /** {@code f32.reinterpret_i32} */
    public static final int F32_REINTERPRET_I32 = 0xBE;
    /** {@code f64.reinterpret_i64} */
    public static final int F64_REINTERPRET_I64 = 0xBF;
    /** {@code i32.extend8_s} */
    public static final int I32_EXTEND8_S = 0xC0;
    /** {@code i32.extend16_s} */
    public static final int I32_EXTEND16_S = 0xC1;
    /** {@code i64.extend8_s} */
    public static final int I64_EXTEND8_S = 0xC2;
    /** {@code i64.extend16_s} */
    public static final int I64_EXTEND16_S = 0xC3;
    /** {@code i64.extend32_s} */
    public static final int I64_EXTEND32_S = 0xC4;
    /** {@code ref.null} */
    public static final int REF_NULL = 0xD0;
    /** {@code ref.is_null} */
    public static final int REF_IS_NULL = 0xD1;
    /** {@code ref.func} */
    public static final int REF_FUNC = 0xD2;
    /** {@code ref.eq} */
    public static final int REF_EQ = 0xD3;
    /** {@code ref.as_non_null} */
    public static final int REF_AS_NON_NULL = 0xD4;
    /** {@code br_on_null} */
    public static final int BR_ON_NULL = 0xD5;
    /** {@code br_on_non_null} */
    public static final int BR_ON_NON_NULL = 0xD6;

    /** The prefix of the saturating truncations and the bulk memory and table instructions. */
    public static final int PREFIX_FC = 0xFC;
    /** The prefix of garbage collection's instructions. */
    public static final int PREFIX_FB = 0xFB;
    /** {@code ref.test (ref ht)}, packed ({@link #prefixed}); {@code ref.test (ref null ht)} is the next. */
    public static final int REF_TEST = PREFIX_FB << 16 | 20;
    /** {@code ref.test (ref null ht)}, packed. */
    public static final int REF_TEST_NULL = PREFIX_FB << 16 | 21;
    /** {@code ref.cast (ref ht)}, packed. */
    public static final int REF_CAST = PREFIX_FB << 16 | 22;
    /** {@code ref.cast (ref null ht)}, packed. */
    public static final int REF_CAST_NULL = PREFIX_FB << 16 | 23;
    /** The prefix of the SIMD instructions. */
    public static final int PREFIX_FD = 0xFD;

    /** The packed opcode of {@code v128.const} (0xFD 12), as {@link #prefixed} makes it. */
    public static final int V128_CONST_PACKED = PREFIX_FD << 16 | 12;
    /** The packed opcode of {@code memory.init} (0xFC 8). */
    public static final int MEMORY_INIT_PACKED = PREFIX_FC << 16 | 8;
    /** The packed opcode of {@code data.drop} (0xFC 9). */
    public static final int DATA_DROP_PACKED = PREFIX_FC << 16 | 9;
    /** The packed opcode of {@code array.new_data} (0xFB 9). */
    public static final int ARRAY_NEW_DATA_PACKED = PREFIX_FB << 16 | Fb.ARRAY_NEW_DATA;
    /** The packed opcode of {@code array.init_data} (0xFB 18). */
    public static final int ARRAY_INIT_DATA_PACKED = PREFIX_FB << 16 | Fb.ARRAY_INIT_DATA;

    /** The opcode a decoded prefixed instruction carries: its prefix and its sub-opcode, packed. */
    public static int prefixed(int prefix, int sub) {
        return prefix << 16 | sub;
    }

    /** The prefix of a packed opcode ({@link #prefixed}), or 0 for a one-byte opcode. */
    public static int prefix(int op) {
        return op >>> 16;
    }

    /** The sub-opcode of a packed opcode ({@link #prefixed}). */
    public static int sub(int op) {
        return op & 0xFFFF;
    }

    /** The first of 3.0's relaxed SIMD sub-opcodes, {@code i8x16.relaxed_swizzle}. */
    public static final int RELAXED_SIMD_FIRST = 0x100;

    /** The sub-opcodes after {@link #PREFIX_FB}, garbage collection's; 20 to 23 are {@link #REF_TEST} and its relatives. */
    public static final class Fb {

        private Fb() {
        }

        /** {@code struct.new} */
        public static final int STRUCT_NEW = 0;
        /** {@code struct.new_default} */
        public static final int STRUCT_NEW_DEFAULT = 1;
        /** {@code struct.get} */
        public static final int STRUCT_GET = 2;
        /** {@code struct.get_s} */
        public static final int STRUCT_GET_S = 3;
        /** {@code struct.get_u} */
        public static final int STRUCT_GET_U = 4;
        /** {@code struct.set} */
        public static final int STRUCT_SET = 5;
        /** {@code array.new} */
        public static final int ARRAY_NEW = 6;
        /** {@code array.new_default} */
        public static final int ARRAY_NEW_DEFAULT = 7;
        /** {@code array.new_fixed} */
        public static final int ARRAY_NEW_FIXED = 8;
        /** {@code array.new_data} */
        public static final int ARRAY_NEW_DATA = 9;
        /** {@code array.new_elem} */
        public static final int ARRAY_NEW_ELEM = 10;
        /** {@code array.get} */
        public static final int ARRAY_GET = 11;
        /** {@code array.get_s} */
        public static final int ARRAY_GET_S = 12;
        /** {@code array.get_u} */
        public static final int ARRAY_GET_U = 13;
        /** {@code array.set} */
        public static final int ARRAY_SET = 14;
        /** {@code array.len} */
        public static final int ARRAY_LEN = 15;
        /** {@code array.fill} */
        public static final int ARRAY_FILL = 16;
        /** {@code array.copy} */
        public static final int ARRAY_COPY = 17;
        /** {@code array.init_data} */
        public static final int ARRAY_INIT_DATA = 18;
        /** {@code array.init_elem} */
        public static final int ARRAY_INIT_ELEM = 19;
        /** {@code br_on_cast} */
        public static final int BR_ON_CAST = 24;
        /** {@code br_on_cast_fail} */
        public static final int BR_ON_CAST_FAIL = 25;
        /** {@code any.convert_extern} */
        public static final int ANY_CONVERT_EXTERN = 26;
        /** {@code extern.convert_any} */
        public static final int EXTERN_CONVERT_ANY = 27;
        /** {@code ref.i31} */
        public static final int REF_I31 = 28;
        /** {@code i31.get_s} */
        public static final int I31_GET_S = 29;
        /** {@code i31.get_u} */
        public static final int I31_GET_U = 30;
    }

    /** The sub-opcodes after {@link #PREFIX_FC}. */
    public static final class Fc {

        private Fc() {
        }

        /** {@code i32.trunc_sat_f32_s} */
        public static final int I32_TRUNC_SAT_F32_S = 0;
        /** {@code i32.trunc_sat_f32_u} */
        public static final int I32_TRUNC_SAT_F32_U = 1;
        /** {@code i32.trunc_sat_f64_s} */
        public static final int I32_TRUNC_SAT_F64_S = 2;
        /** {@code i32.trunc_sat_f64_u} */
        public static final int I32_TRUNC_SAT_F64_U = 3;
        /** {@code i64.trunc_sat_f32_s} */
        public static final int I64_TRUNC_SAT_F32_S = 4;
        /** {@code i64.trunc_sat_f32_u} */
        public static final int I64_TRUNC_SAT_F32_U = 5;
        /** {@code i64.trunc_sat_f64_s} */
        public static final int I64_TRUNC_SAT_F64_S = 6;
        /** {@code i64.trunc_sat_f64_u} */
        public static final int I64_TRUNC_SAT_F64_U = 7;
        /** {@code memory.init} */
        public static final int MEMORY_INIT = 8;
        /** {@code data.drop} */
        public static final int DATA_DROP = 9;
        /** {@code memory.copy} */
        public static final int MEMORY_COPY = 10;
        /** {@code memory.fill} */
        public static final int MEMORY_FILL = 11;
        /** {@code table.init} */
        public static final int TABLE_INIT = 12;
        /** {@code elem.drop} */
        public static final int ELEM_DROP = 13;
        /** {@code table.copy} */
        public static final int TABLE_COPY = 14;
        /** {@code table.grow} */
        public static final int TABLE_GROW = 15;
        /** {@code table.size} */
        public static final int TABLE_SIZE = 16;
        /** {@code table.fill} */
        public static final int TABLE_FILL = 17;
    }

    private static final String[] NAMES = new String[256];
    private static final String[] FC_NAMES = new String[18];
    /** Garbage collection's instructions by sub-opcode after 0xFB; the casts' pairs share a name. */
    private static final String[] FB_NAMES = {
        "struct.new", "struct.new_default", "struct.get", "struct.get_s", "struct.get_u", "struct.set", "array.new", "array.new_default", "array.new_fixed", "array.new_data", "array.new_elem", "array.get", "array.get_s", "array.get_u", "array.set", "array.len", "array.fill", "array.copy", "array.init_data", "array.init_elem", "ref.test", "ref.test", "ref.cast", "ref.cast", "br_on_cast", "br_on_cast_fail", "any.convert_extern", "extern.convert_any", "ref.i31", "i31.get_s", "i31.get_u"
    };

    /** The SIMD instructions by their sub-opcode after 0xFD; null marks unused sub-opcodes. */
    private static final String[] SIMD_NAMES = {
        "v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s", "v128.load16x4_u", "v128.load32x2_s", "v128.load32x2_u", "v128.load8_splat",
        "v128.load16_splat", "v128.load32_splat", "v128.load64_splat", "v128.store", "v128.const", "i8x16.shuffle", "i8x16.swizzle", "i8x16.splat",
        "i16x8.splat", "i32x4.splat", "i64x2.splat", "f32x4.splat", "f64x2.splat", "i8x16.extract_lane_s", "i8x16.extract_lane_u", "i8x16.replace_lane",
        "i16x8.extract_lane_s", "i16x8.extract_lane_u", "i16x8.replace_lane", "i32x4.extract_lane", "i32x4.replace_lane", "i64x2.extract_lane", "i64x2.replace_lane", "f32x4.extract_lane",
        "f32x4.replace_lane", "f64x2.extract_lane", "f64x2.replace_lane", "i8x16.eq", "i8x16.ne", "i8x16.lt_s", "i8x16.lt_u", "i8x16.gt_s",
        "i8x16.gt_u", "i8x16.le_s", "i8x16.le_u", "i8x16.ge_s", "i8x16.ge_u", "i16x8.eq", "i16x8.ne", "i16x8.lt_s",
        "i16x8.lt_u", "i16x8.gt_s", "i16x8.gt_u", "i16x8.le_s", "i16x8.le_u", "i16x8.ge_s", "i16x8.ge_u", "i32x4.eq",
        "i32x4.ne", "i32x4.lt_s", "i32x4.lt_u", "i32x4.gt_s", "i32x4.gt_u", "i32x4.le_s", "i32x4.le_u", "i32x4.ge_s",
        "i32x4.ge_u", "f32x4.eq", "f32x4.ne", "f32x4.lt", "f32x4.gt", "f32x4.le", "f32x4.ge", "f64x2.eq",
        "f64x2.ne", "f64x2.lt", "f64x2.gt", "f64x2.le", "f64x2.ge", "v128.not", "v128.and", "v128.andnot",
        "v128.or", "v128.xor", "v128.bitselect", "v128.any_true", "v128.load8_lane", "v128.load16_lane", "v128.load32_lane", "v128.load64_lane",
        "v128.store8_lane", "v128.store16_lane", "v128.store32_lane", "v128.store64_lane", "v128.load32_zero", "v128.load64_zero", "f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4",
        "i8x16.abs", "i8x16.neg", "i8x16.popcnt", "i8x16.all_true", "i8x16.bitmask", "i8x16.narrow_i16x8_s", "i8x16.narrow_i16x8_u", "f32x4.ceil",
        "f32x4.floor", "f32x4.trunc", "f32x4.nearest", "i8x16.shl", "i8x16.shr_s", "i8x16.shr_u", "i8x16.add", "i8x16.add_sat_s",
        "i8x16.add_sat_u", "i8x16.sub", "i8x16.sub_sat_s", "i8x16.sub_sat_u", "f64x2.ceil", "f64x2.floor", "i8x16.min_s", "i8x16.min_u",
        "i8x16.max_s", "i8x16.max_u", "f64x2.trunc", "i8x16.avgr_u", "i16x8.extadd_pairwise_i8x16_s", "i16x8.extadd_pairwise_i8x16_u", "i32x4.extadd_pairwise_i16x8_s", "i32x4.extadd_pairwise_i16x8_u",
        "i16x8.abs", "i16x8.neg", "i16x8.q15mulr_sat_s", "i16x8.all_true", "i16x8.bitmask", "i16x8.narrow_i32x4_s", "i16x8.narrow_i32x4_u", "i16x8.extend_low_i8x16_s",
        "i16x8.extend_high_i8x16_s", "i16x8.extend_low_i8x16_u", "i16x8.extend_high_i8x16_u", "i16x8.shl", "i16x8.shr_s", "i16x8.shr_u", "i16x8.add", "i16x8.add_sat_s",
        "i16x8.add_sat_u", "i16x8.sub", "i16x8.sub_sat_s", "i16x8.sub_sat_u", "f64x2.nearest", "i16x8.mul", "i16x8.min_s", "i16x8.min_u",
        "i16x8.max_s", "i16x8.max_u", null, "i16x8.avgr_u", "i16x8.extmul_low_i8x16_s", "i16x8.extmul_high_i8x16_s", "i16x8.extmul_low_i8x16_u", "i16x8.extmul_high_i8x16_u",
        "i32x4.abs", "i32x4.neg", null, "i32x4.all_true", "i32x4.bitmask", null, null, "i32x4.extend_low_i16x8_s",
        "i32x4.extend_high_i16x8_s", "i32x4.extend_low_i16x8_u", "i32x4.extend_high_i16x8_u", "i32x4.shl", "i32x4.shr_s", "i32x4.shr_u", "i32x4.add", null,
        null, "i32x4.sub", null, null, null, "i32x4.mul", "i32x4.min_s", "i32x4.min_u",
        "i32x4.max_s", "i32x4.max_u", "i32x4.dot_i16x8_s", null, "i32x4.extmul_low_i16x8_s", "i32x4.extmul_high_i16x8_s", "i32x4.extmul_low_i16x8_u", "i32x4.extmul_high_i16x8_u",
        "i64x2.abs", "i64x2.neg", null, "i64x2.all_true", "i64x2.bitmask", null, null, "i64x2.extend_low_i32x4_s",
        "i64x2.extend_high_i32x4_s", "i64x2.extend_low_i32x4_u", "i64x2.extend_high_i32x4_u", "i64x2.shl", "i64x2.shr_s", "i64x2.shr_u", "i64x2.add", null,
        null, "i64x2.sub", null, null, null, "i64x2.mul", "i64x2.eq", "i64x2.ne",
        "i64x2.lt_s", "i64x2.gt_s", "i64x2.le_s", "i64x2.ge_s", "i64x2.extmul_low_i32x4_s", "i64x2.extmul_high_i32x4_s", "i64x2.extmul_low_i32x4_u", "i64x2.extmul_high_i32x4_u",
        "f32x4.abs", "f32x4.neg", null, "f32x4.sqrt", "f32x4.add", "f32x4.sub", "f32x4.mul", "f32x4.div",
        "f32x4.min", "f32x4.max", "f32x4.pmin", "f32x4.pmax", "f64x2.abs", "f64x2.neg", null, "f64x2.sqrt",
        "f64x2.add", "f64x2.sub", "f64x2.mul", "f64x2.div", "f64x2.min", "f64x2.max", "f64x2.pmin", "f64x2.pmax",
        "i32x4.trunc_sat_f32x4_s", "i32x4.trunc_sat_f32x4_u", "f32x4.convert_i32x4_s", "f32x4.convert_i32x4_u", "i32x4.trunc_sat_f64x2_s_zero", "i32x4.trunc_sat_f64x2_u_zero", "f64x2.convert_low_i32x4_s", "f64x2.convert_low_i32x4_u",
        // 3.0's relaxed SIMD, from 0x100.
        "i8x16.relaxed_swizzle", "i32x4.relaxed_trunc_f32x4_s", "i32x4.relaxed_trunc_f32x4_u", "i32x4.relaxed_trunc_f64x2_s_zero",
        "i32x4.relaxed_trunc_f64x2_u_zero", "f32x4.relaxed_madd", "f32x4.relaxed_nmadd", "f64x2.relaxed_madd",
        "f64x2.relaxed_nmadd", "i8x16.relaxed_laneselect", "i16x8.relaxed_laneselect", "i32x4.relaxed_laneselect",
        "i64x2.relaxed_laneselect", "f32x4.relaxed_min", "f32x4.relaxed_max", "f64x2.relaxed_min",
        "f64x2.relaxed_max", "i16x8.relaxed_q15mulr_s", "i16x8.relaxed_dot_i8x16_i7x16_s", "i32x4.relaxed_dot_i8x16_i7x16_add_s",
    };

    static {
        NAMES[UNREACHABLE] = "unreachable";
        NAMES[NOP] = "nop";
        NAMES[BLOCK] = "block";
        NAMES[LOOP] = "loop";
        NAMES[IF] = "if";
        NAMES[ELSE] = "else";
        NAMES[TRY] = "try";
        NAMES[CATCH] = "catch";
        NAMES[THROW] = "throw";
        NAMES[RETHROW] = "rethrow";
        NAMES[THROW_REF] = "throw_ref";
        NAMES[DELEGATE] = "delegate";
        NAMES[CATCH_ALL] = "catch_all";
        NAMES[TRY_TABLE] = "try_table";
        NAMES[END] = "end";
        NAMES[BR] = "br";
        NAMES[BR_IF] = "br_if";
        NAMES[BR_TABLE] = "br_table";
        NAMES[RETURN] = "return";
        NAMES[CALL] = "call";
        NAMES[CALL_INDIRECT] = "call_indirect";
        NAMES[RETURN_CALL] = "return_call";
        NAMES[RETURN_CALL_INDIRECT] = "return_call_indirect";
        NAMES[CALL_REF] = "call_ref";
        NAMES[RETURN_CALL_REF] = "return_call_ref";
        NAMES[DROP] = "drop";
        NAMES[SELECT] = "select";
        NAMES[LOCAL_GET] = "local.get";
        NAMES[LOCAL_SET] = "local.set";
        NAMES[LOCAL_TEE] = "local.tee";
        NAMES[GLOBAL_GET] = "global.get";
        NAMES[GLOBAL_SET] = "global.set";
        NAMES[TABLE_GET] = "table.get";
        NAMES[TABLE_SET] = "table.set";
        NAMES[I32_LOAD] = "i32.load";
        NAMES[I64_LOAD] = "i64.load";
        NAMES[F32_LOAD] = "f32.load";
        NAMES[F64_LOAD] = "f64.load";
        NAMES[I32_LOAD8_S] = "i32.load8_s";
        NAMES[I32_LOAD8_U] = "i32.load8_u";
        NAMES[I32_LOAD16_S] = "i32.load16_s";
        NAMES[I32_LOAD16_U] = "i32.load16_u";
        NAMES[I64_LOAD8_S] = "i64.load8_s";
        NAMES[I64_LOAD8_U] = "i64.load8_u";
        NAMES[I64_LOAD16_S] = "i64.load16_s";
        NAMES[I64_LOAD16_U] = "i64.load16_u";
        NAMES[I64_LOAD32_S] = "i64.load32_s";
        NAMES[I64_LOAD32_U] = "i64.load32_u";
        NAMES[I32_STORE] = "i32.store";
        NAMES[I64_STORE] = "i64.store";
        NAMES[F32_STORE] = "f32.store";
        NAMES[F64_STORE] = "f64.store";
        NAMES[I32_STORE8] = "i32.store8";
        NAMES[I32_STORE16] = "i32.store16";
        NAMES[I64_STORE8] = "i64.store8";
        NAMES[I64_STORE16] = "i64.store16";
        NAMES[I64_STORE32] = "i64.store32";
        NAMES[MEMORY_SIZE] = "memory.size";
        NAMES[MEMORY_GROW] = "memory.grow";
        NAMES[I32_CONST] = "i32.const";
        NAMES[I64_CONST] = "i64.const";
        NAMES[F32_CONST] = "f32.const";
        NAMES[F64_CONST] = "f64.const";
        NAMES[I32_EQZ] = "i32.eqz";
        NAMES[I32_EQ] = "i32.eq";
        NAMES[I32_NE] = "i32.ne";
        NAMES[I32_LT_S] = "i32.lt_s";
        NAMES[I32_LT_U] = "i32.lt_u";
        NAMES[I32_GT_S] = "i32.gt_s";
        NAMES[I32_GT_U] = "i32.gt_u";
        NAMES[I32_LE_S] = "i32.le_s";
        NAMES[I32_LE_U] = "i32.le_u";
        NAMES[I32_GE_S] = "i32.ge_s";
        NAMES[I32_GE_U] = "i32.ge_u";
        NAMES[I64_EQZ] = "i64.eqz";
        NAMES[I64_EQ] = "i64.eq";
        NAMES[I64_NE] = "i64.ne";
        NAMES[I64_LT_S] = "i64.lt_s";
        NAMES[I64_LT_U] = "i64.lt_u";
        NAMES[I64_GT_S] = "i64.gt_s";
        NAMES[I64_GT_U] = "i64.gt_u";
        NAMES[I64_LE_S] = "i64.le_s";
        NAMES[I64_LE_U] = "i64.le_u";
        NAMES[I64_GE_S] = "i64.ge_s";
        NAMES[I64_GE_U] = "i64.ge_u";
        NAMES[F32_EQ] = "f32.eq";
        NAMES[F32_NE] = "f32.ne";
        NAMES[F32_LT] = "f32.lt";
        NAMES[F32_GT] = "f32.gt";
        NAMES[F32_LE] = "f32.le";
        NAMES[F32_GE] = "f32.ge";
        NAMES[F64_EQ] = "f64.eq";
        NAMES[F64_NE] = "f64.ne";
        NAMES[F64_LT] = "f64.lt";
        NAMES[F64_GT] = "f64.gt";
        NAMES[F64_LE] = "f64.le";
        NAMES[F64_GE] = "f64.ge";
        NAMES[I32_CLZ] = "i32.clz";
        NAMES[I32_CTZ] = "i32.ctz";
        NAMES[I32_POPCNT] = "i32.popcnt";
        NAMES[I32_ADD] = "i32.add";
        NAMES[I32_SUB] = "i32.sub";
        NAMES[I32_MUL] = "i32.mul";
        NAMES[I32_DIV_S] = "i32.div_s";
        NAMES[I32_DIV_U] = "i32.div_u";
        NAMES[I32_REM_S] = "i32.rem_s";
        NAMES[I32_REM_U] = "i32.rem_u";
        NAMES[I32_AND] = "i32.and";
        NAMES[I32_OR] = "i32.or";
        NAMES[I32_XOR] = "i32.xor";
        NAMES[I32_SHL] = "i32.shl";
        NAMES[I32_SHR_S] = "i32.shr_s";
        NAMES[I32_SHR_U] = "i32.shr_u";
        NAMES[I32_ROTL] = "i32.rotl";
        NAMES[I32_ROTR] = "i32.rotr";
        NAMES[I64_CLZ] = "i64.clz";
        NAMES[I64_CTZ] = "i64.ctz";
        NAMES[I64_POPCNT] = "i64.popcnt";
        NAMES[I64_ADD] = "i64.add";
        NAMES[I64_SUB] = "i64.sub";
        NAMES[I64_MUL] = "i64.mul";
        NAMES[I64_DIV_S] = "i64.div_s";
        NAMES[I64_DIV_U] = "i64.div_u";
        NAMES[I64_REM_S] = "i64.rem_s";
        NAMES[I64_REM_U] = "i64.rem_u";
        NAMES[I64_AND] = "i64.and";
        NAMES[I64_OR] = "i64.or";
        NAMES[I64_XOR] = "i64.xor";
        NAMES[I64_SHL] = "i64.shl";
        NAMES[I64_SHR_S] = "i64.shr_s";
        NAMES[I64_SHR_U] = "i64.shr_u";
        NAMES[I64_ROTL] = "i64.rotl";
        NAMES[I64_ROTR] = "i64.rotr";
        NAMES[F32_ABS] = "f32.abs";
        NAMES[F32_NEG] = "f32.neg";
        NAMES[F32_CEIL] = "f32.ceil";
        NAMES[F32_FLOOR] = "f32.floor";
        NAMES[F32_TRUNC] = "f32.trunc";
        NAMES[F32_NEAREST] = "f32.nearest";
        NAMES[F32_SQRT] = "f32.sqrt";
        NAMES[F32_ADD] = "f32.add";
        NAMES[F32_SUB] = "f32.sub";
        NAMES[F32_MUL] = "f32.mul";
        NAMES[F32_DIV] = "f32.div";
        NAMES[F32_MIN] = "f32.min";
        NAMES[F32_MAX] = "f32.max";
        NAMES[F32_COPYSIGN] = "f32.copysign";
        NAMES[F64_ABS] = "f64.abs";
        NAMES[F64_NEG] = "f64.neg";
        NAMES[F64_CEIL] = "f64.ceil";
        NAMES[F64_FLOOR] = "f64.floor";
        NAMES[F64_TRUNC] = "f64.trunc";
        NAMES[F64_NEAREST] = "f64.nearest";
        NAMES[F64_SQRT] = "f64.sqrt";
        NAMES[F64_ADD] = "f64.add";
        NAMES[F64_SUB] = "f64.sub";
        NAMES[F64_MUL] = "f64.mul";
        NAMES[F64_DIV] = "f64.div";
        NAMES[F64_MIN] = "f64.min";
        NAMES[F64_MAX] = "f64.max";
        NAMES[F64_COPYSIGN] = "f64.copysign";
        NAMES[I32_WRAP_I64] = "i32.wrap_i64";
        NAMES[I32_TRUNC_F32_S] = "i32.trunc_f32_s";
        NAMES[I32_TRUNC_F32_U] = "i32.trunc_f32_u";
        NAMES[I32_TRUNC_F64_S] = "i32.trunc_f64_s";
        NAMES[I32_TRUNC_F64_U] = "i32.trunc_f64_u";
        NAMES[I64_EXTEND_I32_S] = "i64.extend_i32_s";
        NAMES[I64_EXTEND_I32_U] = "i64.extend_i32_u";
        NAMES[I64_TRUNC_F32_S] = "i64.trunc_f32_s";
        NAMES[I64_TRUNC_F32_U] = "i64.trunc_f32_u";
        NAMES[I64_TRUNC_F64_S] = "i64.trunc_f64_s";
        NAMES[I64_TRUNC_F64_U] = "i64.trunc_f64_u";
        NAMES[F32_CONVERT_I32_S] = "f32.convert_i32_s";
        NAMES[F32_CONVERT_I32_U] = "f32.convert_i32_u";
        NAMES[F32_CONVERT_I64_S] = "f32.convert_i64_s";
        NAMES[F32_CONVERT_I64_U] = "f32.convert_i64_u";
        NAMES[F32_DEMOTE_F64] = "f32.demote_f64";
        NAMES[F64_CONVERT_I32_S] = "f64.convert_i32_s";
        NAMES[F64_CONVERT_I32_U] = "f64.convert_i32_u";
        NAMES[F64_CONVERT_I64_S] = "f64.convert_i64_s";
        NAMES[F64_CONVERT_I64_U] = "f64.convert_i64_u";
        NAMES[F64_PROMOTE_F32] = "f64.promote_f32";
        NAMES[I32_REINTERPRET_F32] = "i32.reinterpret_f32";
        NAMES[I64_REINTERPRET_F64] = "i64.reinterpret_f64";
        NAMES[F32_REINTERPRET_I32] = "f32.reinterpret_i32";
        NAMES[F64_REINTERPRET_I64] = "f64.reinterpret_i64";
        NAMES[I32_EXTEND8_S] = "i32.extend8_s";
        NAMES[I32_EXTEND16_S] = "i32.extend16_s";
        NAMES[I64_EXTEND8_S] = "i64.extend8_s";
        NAMES[I64_EXTEND16_S] = "i64.extend16_s";
        NAMES[I64_EXTEND32_S] = "i64.extend32_s";
        NAMES[REF_NULL] = "ref.null";
        NAMES[REF_IS_NULL] = "ref.is_null";
        NAMES[REF_FUNC] = "ref.func";
        NAMES[REF_EQ] = "ref.eq";
        NAMES[REF_AS_NON_NULL] = "ref.as_non_null";
        NAMES[BR_ON_NULL] = "br_on_null";
        NAMES[BR_ON_NON_NULL] = "br_on_non_null";
        FC_NAMES[Fc.I32_TRUNC_SAT_F32_S] = "i32.trunc_sat_f32_s";
        FC_NAMES[Fc.I32_TRUNC_SAT_F32_U] = "i32.trunc_sat_f32_u";
        FC_NAMES[Fc.I32_TRUNC_SAT_F64_S] = "i32.trunc_sat_f64_s";
        FC_NAMES[Fc.I32_TRUNC_SAT_F64_U] = "i32.trunc_sat_f64_u";
        FC_NAMES[Fc.I64_TRUNC_SAT_F32_S] = "i64.trunc_sat_f32_s";
        FC_NAMES[Fc.I64_TRUNC_SAT_F32_U] = "i64.trunc_sat_f32_u";
        FC_NAMES[Fc.I64_TRUNC_SAT_F64_S] = "i64.trunc_sat_f64_s";
        FC_NAMES[Fc.I64_TRUNC_SAT_F64_U] = "i64.trunc_sat_f64_u";
        FC_NAMES[Fc.MEMORY_INIT] = "memory.init";
        FC_NAMES[Fc.DATA_DROP] = "data.drop";
        FC_NAMES[Fc.MEMORY_COPY] = "memory.copy";
        FC_NAMES[Fc.MEMORY_FILL] = "memory.fill";
        FC_NAMES[Fc.TABLE_INIT] = "table.init";
        FC_NAMES[Fc.ELEM_DROP] = "elem.drop";
        FC_NAMES[Fc.TABLE_COPY] = "table.copy";
        FC_NAMES[Fc.TABLE_GROW] = "table.grow";
        FC_NAMES[Fc.TABLE_SIZE] = "table.size";
        FC_NAMES[Fc.TABLE_FILL] = "table.fill";
    }

    /** The text name of single-byte instruction {@code opcode}, or null if there is none. */
    public static String name(int opcode) {
        return opcode >= 0 && opcode < NAMES.length ? NAMES[opcode] : null;
    }

    /** The text name of the instruction with sub-opcode {@code sub} after 0xFC, or null. */
    public static String fcName(int sub) {
        return sub >= 0 && sub < FC_NAMES.length ? FC_NAMES[sub] : null;
    }

    /** The text name of garbage collection's instruction with sub-opcode {@code sub} after 0xFB, or null. */
    public static String fbName(int sub) {
        return sub >= 0 && sub < FB_NAMES.length ? FB_NAMES[sub] : null;
    }

    /** The text name of the SIMD instruction with sub-opcode {@code sub} after 0xFD, or null. */
    public static String simdName(int sub) {
        return sub >= 0 && sub < SIMD_NAMES.length ? SIMD_NAMES[sub] : null;
    }

    /** How many SIMD sub-opcodes {@link #simdName} knows (names may be null below it). */
    public static int simdCount() {
        return SIMD_NAMES.length;
    }
}
