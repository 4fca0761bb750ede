package dev.jazero.internal.ir;

import dev.jazero.internal.wasm.Opcode;

/**
 * The one result Jazero gives each of 3.0's relaxed SIMD instructions, among those the
 * specification allows: where that result is a 2.0 instruction's, the relaxed instruction is run
 * as that instruction, in both tiers; the others (fused multiply-add and the dot products) have
 * semantics of their own in {@code SimdLanes}. Why each choice: {@code docs/determinism.md}.
 */
public final class RelaxedSimd {

    private RelaxedSimd() {
    }

    /** Relaxed sub-opcodes from 0x100, each with the 2.0 sub-opcode it runs as, or itself. */
    private static final int[] AS = {
        0x0E, // i8x16.relaxed_swizzle: i8x16.swizzle
        0xF8, // i32x4.relaxed_trunc_f32x4_s: i32x4.trunc_sat_f32x4_s
        0xF9, // i32x4.relaxed_trunc_f32x4_u: i32x4.trunc_sat_f32x4_u
        0xFC, // i32x4.relaxed_trunc_f64x2_s_zero: i32x4.trunc_sat_f64x2_s_zero
        0xFD, // i32x4.relaxed_trunc_f64x2_u_zero: i32x4.trunc_sat_f64x2_u_zero
        0x105, // f32x4.relaxed_madd: its own, fused
        0x106, // f32x4.relaxed_nmadd: its own, fused
        0x107, // f64x2.relaxed_madd: its own, fused
        0x108, // f64x2.relaxed_nmadd: its own, fused
        0x52, // i8x16.relaxed_laneselect: v128.bitselect
        0x52, // i16x8.relaxed_laneselect: v128.bitselect
        0x52, // i32x4.relaxed_laneselect: v128.bitselect
        0x52, // i64x2.relaxed_laneselect: v128.bitselect
        0xE8, // f32x4.relaxed_min: f32x4.min
        0xE9, // f32x4.relaxed_max: f32x4.max
        0xF4, // f64x2.relaxed_min: f64x2.min
        0xF5, // f64x2.relaxed_max: f64x2.max
        0x82, // i16x8.relaxed_q15mulr_s: i16x8.q15mulr_sat_s
        0x112, // i16x8.relaxed_dot_i8x16_i7x16_s: its own, both operands signed
        0x113, // i32x4.relaxed_dot_i8x16_i7x16_add_s: its own, both operands signed
    };

    /** The SIMD sub-opcode that {@code sub} runs as: itself, unless a relaxed one runs as 2.0's. */
    public static int deterministic(int sub) {
        return sub >= Opcode.RELAXED_SIMD_FIRST ? AS[sub - Opcode.RELAXED_SIMD_FIRST] : sub;
    }
}
