package dev.jazero.internal.semantics;

import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.runtime.MemoryInstance;

/**
 * The semantics of the SIMD instructions, which both tiers run: the interpreter's
 * {@code SimdInterpreter} calls these methods from one branch of its main loop, and compiled code
 * calls them once per half of each result, so that the tiers cannot drift apart.
 *
 * <p>A v128 is two {@code long}s, the low 64 bits (bytes 0 to 7, lane 0 in the lowest bits)
 * first: two slots of the interpreter's value stack, two JVM values in compiled code; nothing is
 * allocated per instruction. Almost every lane-wise operation keeps its lanes inside one 64-bit
 * half, so it is computed as the same function of each half ({@code lanes8}, {@code lanes16},
 * {@code lanes32}, {@code op64}); the instructions that move data between halves (shuffles,
 * widening, narrowing, the {@code _zero} and {@code _low} conversions) have methods that take
 * every half they read and return one half of the result. Float lanes travel as raw bits and use
 * the same helpers ({@link Numerics}) as the scalar instructions, so that NaNs come out the same
 * way.
 *
 * <p>{@link #shape} sorts the instructions by which of these methods computes them and how; the
 * interpreter's dispatch and the compiler's code generation both go by it.
 */
public final class SimdLanes {

    private SimdLanes() {
    }

    // The shapes. Per half: the result's low half is f(sub, low halves of the operands), its high
    // half f(sub, high halves); a unary one passes 0 as the second operand.

    /** Per half: {@link #addOrSubtract}. */
    public static final int ADD_SUB = 1;
    /** Per half, binary and unary: {@link #lanes8}. */
    public static final int LANES8 = 2;
    public static final int LANES8_UNARY = 3;
    /** Per half, binary and unary: {@link #lanes16}. */
    public static final int LANES16 = 4;
    public static final int LANES16_UNARY = 5;
    /** Per half, binary and unary: {@link #lanes32}. */
    public static final int LANES32 = 6;
    public static final int LANES32_UNARY = 7;
    /** Per half, binary and unary: {@link #op64}. */
    public static final int OP64 = 8;
    public static final int OP64_UNARY = 9;
    /** Per half, by an i32 count: {@link #shift}. */
    public static final int SHIFT = 10;
    /** v128 to i32: {@link #test}. */
    public static final int TEST = 11;
    /** Each half of the result from both halves of the operand: {@link #extend}. */
    public static final int EXTEND = 12;
    /** Each half of the result from all four halves: {@link #extendedMultiply}. */
    public static final int EXTENDED_MULTIPLY = 13;
    /** The result's low half from the first operand, its high half from the second: {@link #narrow(int, long, long)}. */
    public static final int NARROW = 14;
    /** Per half, three operands: {@link #bitselect}. */
    public static final int BITSELECT = 15;
    /** {@code v128.const}: the immediate's two halves. */
    public static final int CONST = 16;
    /** {@link #shuffle}, per half of the immediate's lane indices. */
    public static final int SHUFFLE = 17;
    /** {@link #swizzle}, per half of the index operand. */
    public static final int SWIZZLE = 18;
    /** A scalar's slot to both halves: {@link #splat}. */
    public static final int SPLAT = 19;
    /** {@link #extractLane} gives the scalar's slot. */
    public static final int EXTRACT_LANE = 20;
    /** Per half, with the scalar's slot: {@link #replaceLane}. */
    public static final int REPLACE_LANE = 21;
    /** {@code v128.load}: {@link MemoryInstance#loadV128Low}, then {@link MemoryInstance#loadV128High}. */
    public static final int LOAD = 22;
    /** 64 bits loaded, then each half by {@link #loadExtend}. */
    public static final int LOAD_EXTEND = 23;
    /** {@link #loadSplat} gives both halves. */
    public static final int LOAD_SPLAT = 24;
    /** {@link #loadZero} gives the low half; the high half is zero. */
    public static final int LOAD_ZERO = 25;
    /** {@code v128.store}: {@link MemoryInstance#storeV128}. */
    public static final int STORE = 26;
    /** {@link #loadLane} gives the lane, then {@link #replaceLane} per half. */
    public static final int LOAD_LANE = 27;
    /** {@link #storeLane}. */
    public static final int STORE_LANE = 28;
    /** Each half of the result from both halves of the operand: {@link #convert}. */
    public static final int CONVERT = 29;
    /** Per half, two operands: {@link #relaxed}, for the relaxed instructions with semantics of their own. */
    public static final int RELAXED_BINARY = 30;
    /** Per half, three operands: {@link #relaxed}. */
    public static final int RELAXED_TERNARY = 31;

    private static final byte[] SHAPES = new byte[Opcode.simdCount()];

    static {
        // The commonest lane-wise operations, without a loop: add and sub of i8, i16 and i32 lanes.
        shape(ADD_SUB, 110, 113, 142, 145, 174, 177);
        // Lane-wise within each half: binary, then unary, by lane width.
        shape(LANES8, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 111, 112, 114, 115, 118, 119, 120, 121, 123);
        shape(LANES8_UNARY, 96, 97, 98);
        shape(LANES16, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 130, 143, 144, 146, 147, 149, 150, 151, 152, 153, 155);
        shape(LANES16_UNARY, 124, 125, 128, 129);
        shape(LANES32, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 181, 182, 183, 184, 185, 186,
                228, 229, 230, 231, 232, 233, 234, 235);
        shape(LANES32_UNARY, 103, 104, 105, 106, 126, 127, 160, 161, 224, 225, 227, 248, 249, 250, 251);
        shape(OP64, 71, 72, 73, 74, 75, 76, 78, 79, 80, 81, 206, 209, 213, 214, 215, 216, 217, 218, 219, 240, 241,
                242, 243, 244, 245, 246, 247);
        shape(OP64_UNARY, 77, 116, 117, 122, 148, 192, 193, 236, 237, 239);
        shape(SHIFT, 107, 108, 109, 139, 140, 141, 171, 172, 173, 203, 204, 205);
        shape(TEST, 83, 99, 100, 131, 132, 163, 164, 195, 196);
        shape(EXTEND, 135, 136, 137, 138, 167, 168, 169, 170, 199, 200, 201, 202);
        shape(EXTENDED_MULTIPLY, 156, 157, 158, 159, 188, 189, 190, 191, 220, 221, 222, 223);
        shape(NARROW, 101, 102, 133, 134);
        shape(BITSELECT, 82);
        shape(CONST, 12);
        shape(SHUFFLE, 13);
        shape(SWIZZLE, 14);
        shape(SPLAT, 15, 16, 17, 18, 19, 20);
        shape(EXTRACT_LANE, 21, 22, 24, 25, 27, 29, 31, 33);
        shape(REPLACE_LANE, 23, 26, 28, 30, 32, 34);
        shape(LOAD, 0);
        shape(LOAD_EXTEND, 1, 2, 3, 4, 5, 6);
        shape(LOAD_SPLAT, 7, 8, 9, 10);
        shape(LOAD_ZERO, 92, 93);
        shape(STORE, 11);
        shape(LOAD_LANE, 84, 85, 86, 87);
        shape(STORE_LANE, 88, 89, 90, 91);
        shape(CONVERT, 94, 95, 252, 253, 254, 255);
        // 3.0's relaxed SIMD that no 2.0 instruction computes (RelaxedSimd maps the others).
        shape(RELAXED_TERNARY, 0x105, 0x106, 0x107, 0x108, 0x113);
        shape(RELAXED_BINARY, 0x112);
    }

    private static void shape(int shape, int... subs) {
        for (int sub : subs) {
            SHAPES[sub] = (byte) shape;
        }
    }

    /** The comparison kinds of i64x2.eq, ne, lt_s, gt_s, le_s, ge_s (214..219) as {@link #icmp} numbers them. */
    private static final int[] I64_COMPARISONS = {0, 1, 2, 4, 6, 8};

    /** The shape of SIMD instruction {@code sub} (one of the constants above), 0 for none in 2.0. */
    public static int shape(int sub) {
        return SHAPES[sub];
    }

    // ---- lane-wise operations ------------------------------------------------------------------

    /**
     * i8x16/i16x8/i32x4 add (110, 142, 174) and sub (113, 145, 177) of one half at once: the top
     * bit of each lane is computed apart so that no carry or borrow crosses into the next lane.
     */
    public static long addOrSubtract(int sub, long x, long y) {
        long top = sub < 128 ? 0x8080_8080_8080_8080L : sub < 160 ? 0x8000_8000_8000_8000L : 0x8000_0000_8000_0000L;
        if (sub == 110 || sub == 142 || sub == 174) {
            return ((x & ~top) + (y & ~top)) ^ ((x ^ y) & top);
        }
        return ((x | top) - (y & ~top)) ^ ((x ^ ~y) & top);
    }

    public static long lanes8(int sub, long x, long y) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (op8(sub, (byte) (x >>> i), (byte) (y >>> i)) & 0xFFL) << i;
        }
        return r;
    }

    public static long lanes16(int sub, long x, long y) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (op16(sub, (short) (x >>> i), (short) (y >>> i)) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long lanes32(int sub, long x, long y) {
        return (op32(sub, (int) x, (int) y) & 0xFFFF_FFFFL) | (long) op32(sub, (int) (x >>> 32), (int) (y >>> 32)) << 32;
    }

    /** One i8x16 lane: {@code a} and {@code b} sign-extended, the result's low 8 bits count. */
    public static int op8(int sub, int a, int b) {
        return switch (sub) {
            case 35, 36, 37, 38, 39, 40, 41, 42, 43, 44 -> icmp(sub - 35, a, b) ? -1 : 0;
            case 96 -> Math.abs(a);
            case 97 -> -a;
            case 98 -> Integer.bitCount(a & 0xFF);
            case 110 -> a + b;
            case 111 -> clamp(a + b, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case 112 -> Math.min((a & 0xFF) + (b & 0xFF), 0xFF);
            case 113 -> a - b;
            case 114 -> clamp(a - b, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case 115 -> Math.max((a & 0xFF) - (b & 0xFF), 0);
            case 118 -> Math.min(a, b);
            case 119 -> Math.min(a & 0xFF, b & 0xFF);
            case 120 -> Math.max(a, b);
            case 121 -> Math.max(a & 0xFF, b & 0xFF);
            case 123 -> ((a & 0xFF) + (b & 0xFF) + 1) >>> 1;
            default -> throw new IllegalStateException("not an i8x16 operation: " + sub);
        };
    }

    /** One i16x8 lane: {@code a} and {@code b} sign-extended, the result's low 16 bits count. */
    public static int op16(int sub, int a, int b) {
        return switch (sub) {
            case 45, 46, 47, 48, 49, 50, 51, 52, 53, 54 -> icmp(sub - 45, a, b) ? -1 : 0;
            // extadd_pairwise_i8x16: the two bytes of the lane added.
            case 124 -> (byte) a + (byte) (a >> 8);
            case 125 -> (a & 0xFF) + (a >>> 8 & 0xFF);
            case 128 -> Math.abs(a);
            case 129 -> -a;
            // q15mulr_sat_s: rounding, saturating Q15 multiplication.
            case 130 -> clamp((a * b + 0x4000) >> 15, Short.MIN_VALUE, Short.MAX_VALUE);
            case 142 -> a + b;
            case 143 -> clamp(a + b, Short.MIN_VALUE, Short.MAX_VALUE);
            case 144 -> Math.min((a & 0xFFFF) + (b & 0xFFFF), 0xFFFF);
            case 145 -> a - b;
            case 146 -> clamp(a - b, Short.MIN_VALUE, Short.MAX_VALUE);
            case 147 -> Math.max((a & 0xFFFF) - (b & 0xFFFF), 0);
            case 149 -> a * b;
            case 150 -> Math.min(a, b);
            case 151 -> Math.min(a & 0xFFFF, b & 0xFFFF);
            case 152 -> Math.max(a, b);
            case 153 -> Math.max(a & 0xFFFF, b & 0xFFFF);
            case 155 -> ((a & 0xFFFF) + (b & 0xFFFF) + 1) >>> 1;
            default -> throw new IllegalStateException("not an i16x8 operation: " + sub);
        };
    }

    /** One i32x4 or f32x4 lane (floats as raw bits). */
    public static int op32(int sub, int a, int b) {
        return switch (sub) {
            case 55, 56, 57, 58, 59, 60, 61, 62, 63, 64 -> icmp(sub - 55, a, b) ? -1 : 0;
            case 65, 66, 67, 68, 69, 70 -> fcmp(sub - 65, f32(a), f32(b)) ? -1 : 0;
            case 103 -> bits(Numerics.ceil(f32(a)));
            case 104 -> bits(Numerics.floor(f32(a)));
            case 105 -> bits(Numerics.trunc(f32(a)));
            case 106 -> bits(Numerics.nearest(f32(a)));
            // extadd_pairwise_i16x8: the two halves of the lane added.
            case 126 -> (short) a + (a >> 16);
            case 127 -> (a & 0xFFFF) + (a >>> 16);
            case 160 -> Math.abs(a);
            case 161 -> -a;
            case 174 -> a + b;
            case 177 -> a - b;
            case 181 -> a * b;
            case 182 -> Math.min(a, b);
            case 183 -> Integer.compareUnsigned(a, b) <= 0 ? a : b;
            case 184 -> Math.max(a, b);
            case 185 -> Integer.compareUnsigned(a, b) >= 0 ? a : b;
            // dot_i16x8_s: the products of the lane's two i16 halves added (wrapping only for
            // -32768 * -32768 twice).
            case 186 -> (short) a * (short) b + (a >> 16) * (b >> 16);
            case 224 -> a & 0x7FFF_FFFF;
            case 225 -> a ^ 0x8000_0000;
            case 227 -> bits((float) Math.sqrt(f32(a)));
            case 228 -> bits(f32(a) + f32(b));
            case 229 -> bits(f32(a) - f32(b));
            case 230 -> bits(f32(a) * f32(b));
            case 231 -> bits(f32(a) / f32(b));
            case 232 -> bits(Numerics.fmin(f32(a), f32(b)));
            case 233 -> bits(Numerics.fmax(f32(a), f32(b)));
            // pmin and pmax: b < a ? b : a and a < b ? b : a, keeping the chosen operand's bits.
            case 234 -> f32(b) < f32(a) ? b : a;
            case 235 -> f32(a) < f32(b) ? b : a;
            case 248 -> (int) f32(a);
            case 249 -> Numerics.i32TruncSatF32U(f32(a));
            case 250 -> bits((float) a);
            case 251 -> bits((float) (a & 0xFFFF_FFFFL));
            default -> throw new IllegalStateException("not an i32x4 or f32x4 operation: " + sub);
        };
    }

    /** One i64x2 or f64x2 lane (floats as raw bits), or a bitwise operation on 64 bits. */
    public static long op64(int sub, long a, long b) {
        return switch (sub) {
            case 71, 72, 73, 74, 75, 76 -> fcmp(sub - 71, f64(a), f64(b)) ? -1L : 0L;
            case 77 -> ~a;
            case 78 -> a & b;
            case 79 -> a & ~b;
            case 80 -> a | b;
            case 81 -> a ^ b;
            case 116 -> bits(Numerics.ceil(f64(a)));
            case 117 -> bits(Numerics.floor(f64(a)));
            case 122 -> bits(Numerics.trunc(f64(a)));
            case 148 -> bits(Numerics.nearest(f64(a)));
            case 192 -> Math.abs(a);
            case 193 -> -a;
            case 206 -> a + b;
            case 209 -> a - b;
            case 213 -> a * b;
            case 214, 215, 216, 217, 218, 219 -> icmp(I64_COMPARISONS[sub - 214], a, b) ? -1L : 0L;
            case 236 -> a & 0x7FFF_FFFF_FFFF_FFFFL;
            case 237 -> a ^ 0x8000_0000_0000_0000L;
            case 239 -> bits(Math.sqrt(f64(a)));
            case 240 -> bits(f64(a) + f64(b));
            case 241 -> bits(f64(a) - f64(b));
            case 242 -> bits(f64(a) * f64(b));
            case 243 -> bits(f64(a) / f64(b));
            case 244 -> bits(Numerics.fmin(f64(a), f64(b)));
            case 245 -> bits(Numerics.fmax(f64(a), f64(b)));
            case 246 -> f64(b) < f64(a) ? b : a;
            case 247 -> f64(a) < f64(b) ? b : a;
            default -> throw new IllegalStateException("not an i64x2 or f64x2 operation: " + sub);
        };
    }

    /**
     * Integer comparison {@code kind} (eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u) of
     * two sign-extended lanes. Sign extension keeps the unsigned order of lanes of any width, so
     * one unsigned comparison of longs serves them all.
     */
    private static boolean icmp(int kind, long a, long b) {
        return switch (kind) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 2 -> a < b;
            case 3 -> Long.compareUnsigned(a, b) < 0;
            case 4 -> a > b;
            case 5 -> Long.compareUnsigned(a, b) > 0;
            case 6 -> a <= b;
            case 7 -> Long.compareUnsigned(a, b) <= 0;
            case 8 -> a >= b;
            default -> Long.compareUnsigned(a, b) >= 0;
        };
    }

    /** Float comparison {@code kind} (eq, ne, lt, gt, le, ge); f32 lanes widen exactly. */
    private static boolean fcmp(int kind, double a, double b) {
        return switch (kind) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 2 -> a < b;
            case 3 -> a > b;
            case 4 -> a <= b;
            default -> a >= b;
        };
    }

    private static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }

    /** Shifts every lane of one half; the count is taken modulo the lane width. */
    public static long shift(int sub, long x, int count) {
        int kind = (sub - 107) & 31; // 0 shl, 1 shr_s, 2 shr_u; i8x16 at 107, i16x8 139, i32x4 171, i64x2 203
        int width = 8 << ((sub - 107) >> 5);
        int c = count & (width - 1);
        if (width == 64) {
            return kind == 0 ? x << c : kind == 1 ? x >> c : x >>> c;
        }
        long mask = (1L << width) - 1;
        int extend = 64 - width;
        long r = 0;
        for (int i = 0; i < 64; i += width) {
            long lane = x >>> i & mask;
            long v = kind == 0 ? lane << c : kind == 1 ? lane << extend >> extend >> c : lane >>> c;
            r |= (v & mask) << i;
        }
        return r;
    }

    // ---- whole-vector tests --------------------------------------------------------------------

    /** any_true, all_true and bitmask, as an i32 slot. */
    public static long test(int sub, long low, long high) {
        return switch (sub) {
            case 83 -> (low | high) != 0 ? 1 : 0;
            case 99 -> allTrue(low, 8) && allTrue(high, 8) ? 1 : 0;
            case 131 -> allTrue(low, 16) && allTrue(high, 16) ? 1 : 0;
            case 163 -> allTrue(low, 32) && allTrue(high, 32) ? 1 : 0;
            case 195 -> low != 0 && high != 0 ? 1 : 0;
            case 100 -> bitmask(low, 8) | bitmask(high, 8) << 8;
            case 132 -> bitmask(low, 16) | bitmask(high, 16) << 4;
            case 164 -> bitmask(low, 32) | bitmask(high, 32) << 2;
            default -> bitmask(low, 64) | bitmask(high, 64) << 1;
        };
    }

    private static boolean allTrue(long half, int width) {
        long mask = (1L << width) - 1;
        for (int i = 0; i < 64; i += width) {
            if ((half >>> i & mask) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The top bits of the lanes of one half, lane 0 in bit 0. */
    private static int bitmask(long half, int width) {
        int r = 0;
        for (int i = 0, bit = 0; i < 64; i += width, bit++) {
            r |= (int) (half >>> (i + width - 1) & 1) << bit;
        }
        return r;
    }

    // ---- widening and narrowing ----------------------------------------------------------------

    /**
     * Widens the lanes of width {@code width} in the low 32 bits of {@code bits} to lanes twice as
     * wide, filling 64 bits.
     */
    static long widen(long bits, int width, boolean signed) {
        if (width == 32) {
            return signed ? (long) (int) bits : bits & 0xFFFF_FFFFL;
        }
        long mask = (1L << width) - 1;
        long wideMask = (1L << 2 * width) - 1;
        int extend = 64 - width;
        long r = 0;
        for (int i = 0, j = 0; i < 32; i += width, j += 2 * width) {
            long lane = bits >>> i & mask;
            if (signed) {
                lane = lane << extend >> extend;
            }
            r |= (lane & wideMask) << j;
        }
        return r;
    }

    /**
     * One half ({@code upper} or not) of extend_low/high_*: 135..138 (i8 to i16), 167..170 (i16 to
     * i32), 199..202 (i32 to i64).
     */
    public static long extend(int sub, long low, long high, boolean upper) {
        int base = sub < 167 ? 135 : sub < 199 ? 167 : 199;
        int k = sub - base; // 0 low_s, 1 high_s, 2 low_u, 3 high_u
        int width = 8 << ((base - 135) >> 5);
        long half = (k & 1) == 0 ? low : high;
        return widen(upper ? half >>> 32 : half, width, k < 2);
    }

    /**
     * One half ({@code upper} or not) of extmul_low/high_*: 156..159 (to i16), 188..191 (to i32),
     * 220..223 (to i64).
     */
    public static long extendedMultiply(int sub, long aLow, long aHigh, long bLow, long bHigh, boolean upper) {
        int base = sub < 188 ? 156 : sub < 220 ? 188 : 220;
        int k = sub - base; // 0 low_s, 1 high_s, 2 low_u, 3 high_u
        int width = 8 << ((base - 156) >> 5);
        boolean high = (k & 1) != 0;
        boolean signed = k < 2;
        long a = high ? aHigh : aLow;
        long b = high ? bHigh : bLow;
        if (upper) {
            a >>>= 32;
            b >>>= 32;
        }
        // The product of two lanes fits the wider lane, so a wrapping multiplication is exact.
        int mul = width == 8 ? 149 : width == 16 ? 181 : 213;
        return multiply(mul, widen(a, width, signed), widen(b, width, signed));
    }

    private static long multiply(int mul, long a, long b) {
        return mul == 149 ? lanes16(mul, a, b) : mul == 181 ? lanes32(mul, a, b) : a * b;
    }

    /**
     * i8x16.narrow_i16x8_s/u (101, 102) and i16x8.narrow_i32x4_s/u (133, 134): one operand
     * ({@code low}, {@code high}) gives one half of the result, the first operand the low one.
     */
    public static long narrow(int sub, long low, long high) {
        return narrow(low, high, sub < 128 ? 16 : 32, (sub & 1) != 0);
    }

    /**
     * Narrows the signed lanes of width {@code width} of one vector ({@code low}, {@code high}) to
     * half their width with saturation, filling 64 bits.
     */
    public static long narrow(long low, long high, int width, boolean signed) {
        int narrowWidth = width / 2;
        long min = signed ? -(1L << (narrowWidth - 1)) : 0;
        long max = signed ? (1L << (narrowWidth - 1)) - 1 : (1L << narrowWidth) - 1;
        long narrowMask = (1L << narrowWidth) - 1;
        int extend = 64 - width;
        long r = 0;
        int j = 0;
        for (int h = 0; h < 2; h++) {
            long half = h == 0 ? low : high;
            for (int i = 0; i < 64; i += width, j += narrowWidth) {
                long lane = half << (extend - i) >> extend;
                long v = lane < min ? min : Math.min(lane, max);
                r |= (v & narrowMask) << j;
            }
        }
        return r;
    }

    /**
     * One half ({@code upper} or not) of the conversions between halves: 94 demote, 95 promote,
     * 252/253 trunc_sat zero, 254/255 convert_low.
     */
    public static long convert(int sub, long low, long high, boolean upper) {
        return switch (sub) {
            case 94 -> upper ? 0 : (bits((float) f64(low)) & 0xFFFF_FFFFL) | (long) bits((float) f64(high)) << 32;
            case 95 -> bits((double) f32((int) (upper ? low >>> 32 : low)));
            case 252 -> upper ? 0 : ((int) f64(low) & 0xFFFF_FFFFL) | (long) (int) f64(high) << 32;
            case 253 -> upper ? 0 : (Numerics.i32TruncSatF64U(f64(low)) & 0xFFFF_FFFFL)
                    | (long) Numerics.i32TruncSatF64U(f64(high)) << 32;
            case 254 -> bits((double) (int) (upper ? low >>> 32 : low));
            default -> bits((double) (upper ? low >>> 32 : low & 0xFFFF_FFFFL));
        };
    }

    /** v128.bitselect, one half: bits of {@code a} where the mask has ones, else of {@code b}. */
    public static long bitselect(long a, long b, long mask) {
        return a & mask | b & ~mask;
    }

    // ---- relaxed SIMD --------------------------------------------------------------------------

    /**
     * One half of the result of the relaxed instructions that have semantics of their own
     * (RelaxedSimd): {@code a * b + c} fused, each lane rounded once (f32x4 and f64x2
     * {@code relaxed_madd}, 0x105 and 0x107), {@code -(a * b) + c} fused ({@code relaxed_nmadd},
     * 0x106 and 0x108); the dot products with both operands' bytes signed, sums of two products
     * wrapping to 16 bits ({@code i16x8.relaxed_dot_i8x16_i7x16_s}, 0x112, {@code c} unused), then
     * for {@code i32x4.relaxed_dot_i8x16_i7x16_add_s} (0x113) two of those added to each 32-bit
     * lane of {@code c}. Each lane of a result comes from the same half of the operands.
     */
    public static long relaxed(int sub, long a, long b, long c) {
        switch (sub) {
            case 0x105, 0x106 -> {
                long r = 0;
                for (int i = 0; i < 64; i += 32) {
                    float x = f32((int) (a >>> i));
                    float y = f32((int) (b >>> i));
                    float z = f32((int) (c >>> i));
                    float v = Math.fma(sub == 0x105 ? x : -x, y, z);
                    r |= (Float.floatToRawIntBits(v) & 0xFFFF_FFFFL) << i;
                }
                return r;
            }
            case 0x107, 0x108 -> {
                double x = Double.longBitsToDouble(a);
                return Double.doubleToRawLongBits(Math.fma(sub == 0x107 ? x : -x, Double.longBitsToDouble(b),
                        Double.longBitsToDouble(c)));
            }
            case 0x112 -> {
                long r = 0;
                for (int lane = 0; lane < 4; lane++) {
                    r |= (pairProduct(a, b, lane) & 0xFFFFL) << (16 * lane);
                }
                return r;
            }
            default -> {
                long r = 0;
                for (int lane = 0; lane < 2; lane++) {
                    int sum = (short) pairProduct(a, b, 2 * lane) + (short) pairProduct(a, b, 2 * lane + 1)
                            + (int) (c >>> (32 * lane));
                    r |= (sum & 0xFFFF_FFFFL) << (32 * lane);
                }
                return r;
            }
        }
    }

    /** Bytes {@code 2k} and {@code 2k + 1} of {@code a} and {@code b}, signed: the sum of their products. */
    private static int pairProduct(long a, long b, int k) {
        int shift = 16 * k;
        return (byte) (a >>> shift) * (byte) (b >>> shift) + (byte) (a >>> (shift + 8)) * (byte) (b >>> (shift + 8));
    }

    // ---- lanes, splats, shuffles ---------------------------------------------------------------

    /** The 64 bits of two 32-bit words, {@code low} in the low half. */
    public static long word(int low, int high) {
        return (low & 0xFFFF_FFFFL) | (long) high << 32;
    }

    /** One half of a splat (15 i8x16 ... 20 f64x2) of the scalar slot {@code v}. */
    public static long splat(int sub, long v) {
        return switch (sub) {
            case 15 -> (v & 0xFFL) * 0x0101_0101_0101_0101L;
            case 16 -> (v & 0xFFFFL) * 0x0001_0001_0001_0001L;
            case 17, 19 -> (v & 0xFFFF_FFFFL) * 0x0000_0001_0000_0001L;
            default -> v;
        };
    }

    /** The lane width in bits of extract/replace lane (21..34) or lane load/store (84..91) instruction {@code sub}. */
    private static int laneWidth(int sub) {
        if (sub >= 84) {
            return 8 << ((sub - 84) & 3);
        }
        return sub <= 23 ? 8 : sub <= 26 ? 16 : sub <= 28 || sub == 31 || sub == 32 ? 32 : 64;
    }

    /** The slot of lane {@code lane} of the vector ({@code low}, {@code high}), by extract_lane {@code sub}. */
    public static long extractLane(int sub, int lane, long low, long high) {
        long v = getLane(laneWidth(sub), lane, low, high);
        return switch (sub) {
            case 21 -> (byte) v;
            case 22 -> v & 0xFF;
            case 24 -> (short) v;
            case 25 -> v & 0xFFFF;
            case 27, 31 -> (int) v;
            default -> v;
        };
    }

    /**
     * One half ({@code upper} or not) of a vector whose lane {@code lane} is replaced by the
     * scalar slot {@code v}, for replace_lane and load_lane instruction {@code sub}: {@code half}
     * itself when the lane is in the other half.
     */
    public static long replaceLane(int sub, int lane, long half, boolean upper, long v) {
        int width = laneWidth(sub);
        int bit = lane * width;
        if (bit >= 64 != upper) {
            return half;
        }
        if (width == 64) {
            return v;
        }
        long mask = ((1L << width) - 1) << (bit & 63);
        return half & ~mask | (v << (bit & 63) & mask);
    }

    private static long getLane(int width, int lane, long low, long high) {
        int bit = lane * width;
        long half = bit < 64 ? low : high;
        return half >>> (bit & 63);
    }

    /**
     * One half of i8x16.shuffle: byte i of the result is byte {@code index[i]} of the 32 bytes of
     * a then b; {@code indices} holds the half's eight indices, the first in the lowest byte.
     */
    public static long shuffle(long indices, long aLow, long aHigh, long bLow, long bHigh) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int index = (int) (indices >>> i) & 0xFF;
            long source = index < 8 ? aLow : index < 16 ? aHigh : index < 24 ? bLow : bHigh;
            r |= (source >>> ((index & 7) * 8) & 0xFF) << i;
        }
        return r;
    }

    /**
     * One half of i8x16.swizzle: byte i is byte {@code b[i]} of a, or 0 when that index is 16 or
     * more; {@code indices} is the matching half of b.
     */
    public static long swizzle(long indices, long aLow, long aHigh) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int index = (int) (indices >>> i) & 0xFF;
            if (index < 16) {
                r |= ((index < 8 ? aLow : aHigh) >>> ((index & 7) * 8) & 0xFF) << i;
            }
        }
        return r;
    }

    // ---- loads and stores ----------------------------------------------------------------------
    // The address and offset are unsigned longs, as a 64-bit memory takes them; a 32-bit memory's
    // are zero-extended (MemoryInstance.address).

    /**
     * One half ({@code upper} or not) of v128.load8x8/16x4/32x2_s/u (1..6), from the 64 bits
     * {@code v} loaded.
     */
    public static long loadExtend(int sub, long v, boolean upper) {
        return widen(upper ? v >>> 32 : v, 8 << ((sub - 1) >> 1), (sub & 1) != 0);
    }

    /** Both halves (the same) of v128.load8/16/32/64_splat (7..10). */
    public static long loadSplat(int sub, MemoryInstance mem, long address, long offset) {
        return switch (sub) {
            case 7 -> splat(15, mem.loadU8(address, offset));
            case 8 -> splat(16, mem.loadU16(address, offset));
            case 9 -> splat(17, mem.loadI32(address, offset));
            default -> mem.loadI64(address, offset);
        };
    }

    /** The low half of v128.load32_zero (92) and load64_zero (93); the high half is zero. */
    public static long loadZero(int sub, MemoryInstance mem, long address, long offset) {
        return sub == 92 ? mem.loadI32(address, offset) & 0xFFFF_FFFFL : mem.loadI64(address, offset);
    }

    /** The lane that v128.load8/16/32/64_lane (84..87) loads, for {@link #replaceLane}. */
    public static long loadLane(int sub, MemoryInstance mem, long address, long offset) {
        return switch (sub) {
            case 84 -> mem.loadU8(address, offset);
            case 85 -> mem.loadU16(address, offset);
            case 86 -> mem.loadI32(address, offset);
            default -> mem.loadI64(address, offset);
        };
    }

    /** v128.store8/16/32/64_lane (88..91) of lane {@code lane} of ({@code low}, {@code high}). */
    public static void storeLane(int sub, int lane, MemoryInstance mem, long address, long offset, long low, long high) {
        long v = getLane(laneWidth(sub), lane, low, high);
        switch (sub) {
            case 88 -> mem.storeI8(address, offset, (int) v);
            case 89 -> mem.storeI16(address, offset, (int) v);
            case 90 -> mem.storeI32(address, offset, (int) v);
            default -> mem.storeI64(address, offset, v);
        }
    }

    // ---- float bits ----------------------------------------------------------------------------

    private static float f32(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static int bits(float value) {
        return Float.floatToRawIntBits(value);
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
