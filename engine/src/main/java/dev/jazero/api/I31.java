package dev.jazero.api;

/**
 * A WebAssembly {@code i31} reference, as the embedder sees it: a 31-bit integer that stands
 * where a reference to {@code any} or {@code eq} may. Equal when their values are, as
 * {@code ref.eq} compares them.
 */
public final class I31 {

    private final int value;

    private I31(int value) {
        this.value = value;
    }

    /** The reference of the low 31 bits of {@code value} ({@code ref.i31}). */
    public static I31 of(int value) {
        return new I31(value << 1 >> 1);
    }

    /** Its value, sign-extended from 31 bits ({@code i31.get_s}). */
    public int value() {
        return value;
    }

    /** Its value, zero-extended from 31 bits ({@code i31.get_u}). */
    public int unsignedValue() {
        return value & 0x7FFF_FFFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof I31 other && other.value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return "i31 " + value;
    }
}
