package dev.jazero.api;

/**
 * Why execution trapped. Each kind carries the message text that the WebAssembly specification's
 * test suite uses for it, so that {@code TrapException.getMessage()} starts with that text.
 */
public enum TrapKind {
    /** The {@code unreachable} instruction ran. */
    UNREACHABLE("unreachable"),
    /** A load, store or bulk memory operation left the bounds of its memory. */
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    /** A table access or bulk table operation left the bounds of its table. */
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    /** {@code call_indirect} with an index past the end of the table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** {@code call_indirect} through a null table entry. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    /** {@code call_indirect} through an entry whose type differs from the expected one. */
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    /** Signed division overflow, or a float-to-integer conversion out of range. */
    INTEGER_OVERFLOW("integer overflow"),
    /** Integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    /** A trapping float-to-integer conversion of NaN. */
    INVALID_CONVERSION("invalid conversion to integer"),
    /** The call stack grew past its limit, usually through runaway recursion. */
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /** A reference instruction met a null reference where it needs a value. */
    NULL_REFERENCE("null reference"),
    /** {@code call_ref} or {@code return_call_ref} of a null function reference. */
    NULL_FUNCTION_REFERENCE("null function reference"),
    /** {@code ref.cast} of a reference that is not of the type it casts to. */
    CAST_FAILURE("cast failure"),
    /** {@code throw_ref} of a null exception reference. */
    NULL_EXCEPTION_REFERENCE("null exception reference"),
    /** A struct instruction on a null struct reference. */
    NULL_STRUCT_REFERENCE("null structure reference"),
    /** An array instruction on a null array reference. */
    NULL_ARRAY_REFERENCE("null array reference"),
    /** {@code i31.get_s} or {@code i31.get_u} of a null reference. */
    NULL_I31_REFERENCE("null i31 reference"),
    /** An array access, copy, fill or initialisation outside the array, or a segment's bounds. */
    ARRAY_OUT_OF_BOUNDS("out of bounds array access"),
    /** An allocation of the guest (a struct or array) that the JVM's heap cannot hold, or an array longer than the limit. */
    OUT_OF_MEMORY("out of memory"),
    /** A host function failed with a Java exception, which is attached as the cause. */
    HOST_FUNCTION_FAILED("host function failed");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** Returns the specification's message text for this trap. */
    public String message() {
        return message;
    }
}
