package dev.jazero.api;

/**
 * What a reference type refers to: one of WebAssembly 3.0's abstract heap types
 * ({@link #FUNC}, {@link #EXTERN}, and those of garbage-collected data and exceptions), or a
 * concrete type, named by its index in the type section of the module that uses it.
 *
 * <p>The abstract ones are constants, so {@code ==} compares them; concrete ones compare with
 * {@link #equals}. A concrete type's index means something only within its module: the same
 * index in two modules may be two types.
 */
public final class HeapType {

    /** Any function. */
    public static final HeapType FUNC = new HeapType(0x70, "func");
    /** Any host value. */
    public static final HeapType EXTERN = new HeapType(0x6F, "extern");
    /** Any internal reference of the GC proposal: structs, arrays and i31s. */
    public static final HeapType ANY = new HeapType(0x6E, "any");
    /** References that {@code ref.eq} compares: structs, arrays and i31s. */
    public static final HeapType EQ = new HeapType(0x6D, "eq");
    /** Unboxed 31-bit integers. */
    public static final HeapType I31 = new HeapType(0x6C, "i31");
    /** Any struct. */
    public static final HeapType STRUCT = new HeapType(0x6B, "struct");
    /** Any array. */
    public static final HeapType ARRAY = new HeapType(0x6A, "array");
    /** The bottom of {@link #ANY}'s hierarchy: only null has it. */
    public static final HeapType NONE = new HeapType(0x71, "none");
    /** The bottom of {@link #FUNC}'s hierarchy: only null has it. */
    public static final HeapType NOFUNC = new HeapType(0x73, "nofunc");
    /** The bottom of {@link #EXTERN}'s hierarchy: only null has it. */
    public static final HeapType NOEXTERN = new HeapType(0x72, "noextern");
    /** Any exception. */
    public static final HeapType EXN = new HeapType(0x69, "exn");
    /** The bottom of {@link #EXN}'s hierarchy: only null has it. */
    public static final HeapType NOEXN = new HeapType(0x74, "noexn");

    private static final HeapType[] ABSTRACT = {FUNC, EXTERN, ANY, EQ, I31, STRUCT, ARRAY, NONE, NOFUNC, NOEXTERN, EXN, NOEXN};

    /** The binary code of an abstract heap type; -1 for a concrete one. */
    private final int code;
    private final String name;
    /** The type index of a concrete heap type; -1 for an abstract one. */
    private final int typeIndex;

    private HeapType(int code, String name) {
        this.code = code;
        this.name = name;
        this.typeIndex = -1;
    }

    private HeapType(int typeIndex) {
        this.code = -1;
        this.name = Integer.toString(typeIndex);
        this.typeIndex = typeIndex;
    }

    /**
     * Returns the concrete heap type of type {@code index} of a module's type section.
     *
     * @throws IllegalArgumentException for a negative index
     */
    public static HeapType type(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("type index must not be negative: " + index);
        }
        return new HeapType(index);
    }

    /** Returns the abstract heap type with the given binary code, or {@code null} when none has it. */
    public static HeapType fromCode(int code) {
        for (HeapType t : ABSTRACT) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** Returns true for an abstract heap type, false for a concrete type index. */
    public boolean isAbstract() {
        return typeIndex < 0;
    }

    /** Returns the type index of a concrete heap type, or -1 for an abstract one. */
    public int typeIndex() {
        return typeIndex;
    }

    /** Returns the binary code of an abstract heap type, or -1 for a concrete one. */
    public int code() {
        return code;
    }

    /** Returns the heap type as the text format writes it: {@code func}, or a type index. */
    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeapType other && other.code == code && other.typeIndex == typeIndex;
    }

    @Override
    public int hashCode() {
        return 31 * code + typeIndex;
    }
}
