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
 */
public enum ValueType {
    /** 32-bit integer. */
    I32(0x7F, "i32", 1),
    /** 64-bit integer. */
    I64(0x7E, "i64", 1),
    /** 32-bit IEEE-754 float. */
    F32(0x7D, "f32", 1),
    /** 64-bit IEEE-754 float. */
    F64(0x7C, "f64", 1),
    /** 128-bit vector. */
    V128(0x7B, "v128", 2),
    /** Nullable reference to a function. */
    FUNCREF(0x70, "funcref", 1),
    /** Nullable reference to a host value. */
    EXTERNREF(0x6F, "externref", 1);

    private final int code;
    private final String text;
    private final int slots;

    ValueType(int code, String text, int slots) {
        this.code = code;
        this.text = text;
        this.slots = slots;
    }

    /** Returns the type's byte in the binary format. */
    public int code() {
        return code;
    }

    /** Returns how many {@code long} stack slots a value of this type takes: 2 for v128, else 1. */
    public int slots() {
        return slots;
    }

    /** Returns true for the reference types. */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** Returns the type's name in the text format, such as {@code i32}. */
    @Override
    public String toString() {
        return text;
    }

    /** Returns the type with the given binary code, or {@code null} when none has it. */
    public static ValueType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            default: return null;
        }
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
