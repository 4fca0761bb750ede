package dev.jazero.api;

/**
 * The WebAssembly value types, and the one set of helpers that encode values into the
 * {@code long} slots of the host ABI and decode them back.
 *
 * <p>The host ABI is wazero's: every value travels in a {@code long[]} stack. Parameters occupy
 * {@code stack[0..n)} and results are written from {@code stack[0]}.
 *
 * <ul>
 *   <li>{@link #I32}: one slot, zero-extended (the upper 32 bits are 0);
 *   <li>{@link #I64}: one slot;
 *   <li>{@link #F32}: one slot holding the raw IEEE-754 bits in the low 32 bits, zero-extended,
 *       so that NaN payloads survive;
 *   <li>{@link #F64}: one slot holding the raw IEEE-754 bits;
 *   <li>{@link #V128}: two slots, the low 64 bits first;
 *   <li>{@link #FUNCREF} and {@link #EXTERNREF}: one slot holding an opaque reference, where 0
 *       is the null reference. An embedder chooses its own non-zero values for externrefs.
 * </ul>
 *
 * <p>WebAssembly 3.0's reference types are values of this class too: {@link #ref} makes them, and
 * {@link #kind()} sorts every type for a {@code switch}. The numeric types, the vector,
 * {@link #FUNCREF} and {@link #EXTERNREF} are constants, one instance each, so {@code ==} compares
 * them (docs/architecture.md, "Why ValueType is a class").
 */
public final class ValueType {

    /**
     * The kinds of value type, for a {@code switch}: every reference type, whatever it refers to,
     * is {@link #REF}.
     */
    public enum Kind {
        /** {@link ValueType#I32}. */
        I32,
        /** {@link ValueType#I64}. */
        I64,
        /** {@link ValueType#F32}. */
        F32,
        /** {@link ValueType#F64}. */
        F64,
        /** {@link ValueType#V128}. */
        V128,
        /** A reference type: {@link ValueType#heapType()} says to what, {@link ValueType#isNullable()} whether null too. */
        REF
    }

    /** 32-bit integer. */
    public static final ValueType I32 = new ValueType(Kind.I32, null, false, 0x7F, "i32");
    /** 64-bit integer. */
    public static final ValueType I64 = new ValueType(Kind.I64, null, false, 0x7E, "i64");
    /** 32-bit IEEE-754 float. */
    public static final ValueType F32 = new ValueType(Kind.F32, null, false, 0x7D, "f32");
    /** 64-bit IEEE-754 float. */
    public static final ValueType F64 = new ValueType(Kind.F64, null, false, 0x7C, "f64");
    /** 128-bit vector. */
    public static final ValueType V128 = new ValueType(Kind.V128, null, false, 0x7B, "v128");
    /** Nullable reference to a function: {@code (ref null func)}. */
    public static final ValueType FUNCREF = new ValueType(Kind.REF, HeapType.FUNC, true, 0x70, "funcref");
    /** Nullable reference to a host value: {@code (ref null extern)}. */
    public static final ValueType EXTERNREF = new ValueType(Kind.REF, HeapType.EXTERN, true, 0x6F, "externref");

    /** The nullable references to each abstract heap type, which the binary format writes in one byte. */
    private static final ValueType[] ABBREVIATED = {
        FUNCREF, EXTERNREF,
        new ValueType(Kind.REF, HeapType.ANY, true, 0x6E, "anyref"),
        new ValueType(Kind.REF, HeapType.EQ, true, 0x6D, "eqref"),
        new ValueType(Kind.REF, HeapType.I31, true, 0x6C, "i31ref"),
        new ValueType(Kind.REF, HeapType.STRUCT, true, 0x6B, "structref"),
        new ValueType(Kind.REF, HeapType.ARRAY, true, 0x6A, "arrayref"),
        new ValueType(Kind.REF, HeapType.NONE, true, 0x71, "nullref"),
        new ValueType(Kind.REF, HeapType.NOFUNC, true, 0x73, "nullfuncref"),
        new ValueType(Kind.REF, HeapType.NOEXTERN, true, 0x72, "nullexternref"),
        new ValueType(Kind.REF, HeapType.EXN, true, 0x69, "exnref"),
        new ValueType(Kind.REF, HeapType.NOEXN, true, 0x74, "nullexnref"),
    };

    /** The numbers and the vector, whose one byte is their whole encoding. */
    private static final ValueType[] ONE_BYTE = {I32, I64, F32, F64, V128};

    private final Kind kind;
    private final HeapType heapType;
    private final boolean nullable;
    private final int code;
    private final String text;

    private ValueType(Kind kind, HeapType heapType, boolean nullable, int code, String text) {
        this.kind = kind;
        this.heapType = heapType;
        this.nullable = nullable;
        this.code = code;
        this.text = text;
    }

    /**
     * Returns the reference type to {@code heapType}, with null among its values when
     * {@code nullable}: {@code (ref null func)} is {@link #FUNCREF}, {@code (ref extern)} a
     * reference to a host value that is never null, {@code (ref 3)} one to a function (or, with
     * garbage collection, a struct or array) of type 3 of its module. The nullable references to
     * abstract heap types are constants, so {@code ==} finds {@link #FUNCREF} and
     * {@link #EXTERNREF}; compare others with {@link #equals}.
     */
    public static ValueType ref(HeapType heapType, boolean nullable) {
        if (nullable && heapType.isAbstract()) {
            for (ValueType t : ABBREVIATED) {
                if (t.heapType == heapType) {
                    return t;
                }
            }
        }
        String text = "(ref " + (nullable ? "null " : "") + heapType + ")";
        return new ValueType(Kind.REF, heapType, nullable, nullable ? 0x63 : 0x64, text);
    }

    /** Returns the kind of type: a number, the vector, or a reference. */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the type's byte in the binary format: its whole encoding for a number, the vector and
     * the nullable references to abstract heap types ({@code 0x70} for {@link #FUNCREF}); the
     * first byte, {@code 0x63} or {@code 0x64}, for another reference type.
     */
    public int code() {
        return code;
    }

    /** Returns how many {@code long} stack slots a value of this type takes: 2 for v128, else 1. */
    public int slots() {
        return kind == Kind.V128 ? 2 : 1;
    }

    /** Returns true for the reference types. */
    public boolean isReference() {
        return kind == Kind.REF;
    }

    /** Returns true for a reference type whose values include null; false for a non-null one and for numbers. */
    public boolean isNullable() {
        return nullable;
    }

    /** Returns what a reference type refers to, or {@code null} for a number or the vector. */
    public HeapType heapType() {
        return heapType;
    }

    /** Returns the type's name in the text format, such as {@code i32} or {@code (ref null 3)}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ValueType other && other.kind == kind && other.nullable == nullable
                && java.util.Objects.equals(other.heapType, heapType);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + java.util.Objects.hashCode(heapType)) * 2 + (nullable ? 1 : 0);
    }

    /**
     * Returns the type that the binary format writes in one byte {@code code} (a number, the
     * vector, or the nullable reference to an abstract heap type), or {@code null} when none has
     * it.
     */
    public static ValueType fromCode(int code) {
        for (ValueType t : ONE_BYTE) {
            if (t.code == code) {
                return t;
            }
        }
        for (ValueType t : ABBREVIATED) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** Encodes an i32 for a stack slot: zero-extended. */
    public static long encodeI32(int value) {
        return value & 0xFFFF_FFFFL;
    }

    /** Decodes an i32 from a stack slot, ignoring the upper 32 bits. */
    public static int decodeI32(long slot) {
        return (int) slot;
    }

    /** Encodes a boolean as the i32 1 or 0. */
    public static long encodeBoolean(boolean value) {
        return value ? 1L : 0L;
    }

    /** Decodes an i32 slot as a boolean: any non-zero value is true. */
    public static boolean decodeBoolean(long slot) {
        return (int) slot != 0;
    }

    /** Encodes an f32 as its raw bits, zero-extended. */
    public static long encodeF32(float value) {
        return Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
    }

    /** Decodes an f32 from its raw bits in the low 32 bits of a slot. */
    public static float decodeF32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    /** Encodes an f64 as its raw bits. */
    public static long encodeF64(double value) {
        return Double.doubleToRawLongBits(value);
    }

    /** Decodes an f64 from its raw bits. */
    public static double decodeF64(long slot) {
        return Double.longBitsToDouble(slot);
    }
}
