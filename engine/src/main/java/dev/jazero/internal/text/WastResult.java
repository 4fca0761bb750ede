package dev.jazero.internal.text;

import java.util.Arrays;
import java.util.List;

/**
 * An expected result of {@code assert_return}. A runner checks each returned value against the
 * pattern at the same position:
 *
 * <ul>
 *   <li>{@link Value}: equal bits ({@code i32}, {@code i64}, {@code f32}/{@code f64} compared
 *       bitwise, so {@code -0.0 != 0.0}); {@code RefNull}: any null reference; {@code RefExtern} /
 *       {@code RefHost}: that host reference;
 *   <li>{@link NaN}: a NaN of the given width, canonical or arithmetic
 *       ({@link #isCanonicalNan32} and friends implement the tests);
 *   <li>{@link V128}: a vector compared lane by lane in its shape, use {@link V128#matches};
 *   <li>{@link NonNullRef}: any non-null reference of a kind ({@code (ref.func)},
 *       {@code (ref.extern)}, {@code (ref.i31)}, ...);
 *   <li>{@link Either}: any one of the alternatives (WebAssembly 3.0 scripts).
 * </ul>
 */
public sealed interface WastResult {

    /** The value must be exactly this one. */
    record Value(WastValue value) implements WastResult {}

    /** A NaN of type {@code f32} (or {@code f64} when {@code f64}), canonical or arithmetic. */
    record NaN(boolean f64, NanKind kind) implements WastResult {}

    /** {@code nan:canonical} or {@code nan:arithmetic}. */
    enum NanKind { CANONICAL, ARITHMETIC }

    /** A non-null reference of a kind: "func", "extern", "i31", "struct", "array", "eq", "any", .... */
    record NonNullRef(String kind) implements WastResult {}

    /** One of several acceptable results. */
    record Either(List<WastResult> alternatives) implements WastResult {}

    /** The lane shapes of {@code v128.const}. */
    enum Shape {
        I8X16(16, 8), I16X8(8, 16), I32X4(4, 32), I64X2(2, 64), F32X4(4, 32), F64X2(2, 64);

        /** Number of lanes. */
        public final int lanes;
        /** Width of a lane in bits. */
        public final int laneBits;

        Shape(int lanes, int laneBits) {
            this.lanes = lanes;
            this.laneBits = laneBits;
        }

        /** Whether lanes are floats. */
        public boolean isFloat() {
            return this == F32X4 || this == F64X2;
        }

        /** The shape named in text ({@code "i32x4"}), or null. */
        public static Shape of(String text) {
            return switch (text) {
                case "i8x16" -> I8X16;
                case "i16x8" -> I16X8;
                case "i32x4" -> I32X4;
                case "i64x2" -> I64X2;
                case "f32x4" -> F32X4;
                case "f64x2" -> F64X2;
                default -> null;
            };
        }
    }

    /**
     * A {@code v128.const} expectation in its lane shape: {@code lanes[i]} holds the bits of lane
     * {@code i} (low bits), and {@code nans[i]}, when not null, says that lane {@code i} must be a
     * NaN of that kind instead (only for float shapes).
     */
    record V128(Shape shape, long[] lanes, NanKind[] nans) implements WastResult {

        /** Whether the 128-bit value {@code low}/{@code high} (little-endian halves) matches. */
        public boolean matches(long low, long high) {
            for (int i = 0; i < shape.lanes; i++) {
                long bits = lane(low, high, i);
                if (nans[i] != null) {
                    boolean ok = shape == Shape.F32X4
                            ? (nans[i] == NanKind.CANONICAL ? isCanonicalNan32((int) bits) : isArithmeticNan32((int) bits))
                            : (nans[i] == NanKind.CANONICAL ? isCanonicalNan64(bits) : isArithmeticNan64(bits));
                    if (!ok) {
                        return false;
                    }
                } else if (bits != lanes[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Bits of lane {@code i} of a value in this shape, zero-extended. */
        public long lane(long low, long high, int i) {
            int bit = i * shape.laneBits;
            long half = bit < 64 ? low : high;
            long v = half >>> (bit % 64);
            return shape.laneBits == 64 ? v : v & ((1L << shape.laneBits) - 1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof V128 v && shape == v.shape && Arrays.equals(lanes, v.lanes) && Arrays.equals(nans, v.nans);
        }

        @Override
        public int hashCode() {
            return shape.hashCode() * 31 + Arrays.hashCode(lanes);
        }

        @Override
        public String toString() {
            return "V128[" + shape + " " + Arrays.toString(lanes) + " " + Arrays.toString(nans) + "]";
        }
    }

    /** A canonical f32 NaN: only the quiet bit set in the payload, either sign. */
    static boolean isCanonicalNan32(int bits) {
        return (bits & 0x7FFFFFFF) == 0x7FC00000;
    }

    /** An arithmetic f32 NaN: the quiet bit set, any payload and sign. */
    static boolean isArithmeticNan32(int bits) {
        return (bits & 0x7FC00000) == 0x7FC00000;
    }

    /** A canonical f64 NaN. */
    static boolean isCanonicalNan64(long bits) {
        return (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L;
    }

    /** An arithmetic f64 NaN. */
    static boolean isArithmeticNan64(long bits) {
        return (bits & 0x7FF8000000000000L) == 0x7FF8000000000000L;
    }
}
