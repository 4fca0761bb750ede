package dev.jazero.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of WebAssembly core features (proposals that became part of the standard), like wazero's
 * {@code api.CoreFeatures}. A module that uses a feature outside the runtime's set fails to
 * compile. Immutable; combine sets with {@link #with} and {@link #without}.
 */
public final class CoreFeatures {

    /** Importing and exporting mutable globals. */
    public static final CoreFeatures MUTABLE_GLOBAL = new CoreFeatures(1L);
    /** The sign-extension operators such as {@code i32.extend8_s}. */
    public static final CoreFeatures SIGN_EXTENSION_OPS = new CoreFeatures(1L << 1);
    /** Several results for functions and blocks, and block parameters. */
    public static final CoreFeatures MULTI_VALUE = new CoreFeatures(1L << 2);
    /** The saturating float-to-integer conversions. */
    public static final CoreFeatures NON_TRAPPING_FLOAT_TO_INT_CONVERSION = new CoreFeatures(1L << 3);
    /** {@code memory.copy}, {@code memory.fill}, passive segments and friends. */
    public static final CoreFeatures BULK_MEMORY_OPERATIONS = new CoreFeatures(1L << 4);
    /** {@code funcref}/{@code externref} values, several tables and the table instructions. */
    public static final CoreFeatures REFERENCE_TYPES = new CoreFeatures(1L << 5);
    /** The 128-bit SIMD instructions. */
    public static final CoreFeatures SIMD = new CoreFeatures(1L << 6);
    /**
     * WebAssembly 3.0's constant expressions: {@code i32} and {@code i64} {@code add}, {@code sub}
     * and {@code mul}, and {@code global.get} of any immutable global defined before (not only of
     * imported ones). Not in {@link #V2}, whose rules it changes.
     */
    public static final CoreFeatures EXTENDED_CONST = new CoreFeatures(1L << 7);
    /**
     * WebAssembly 3.0's several memories: a module may define and import any number of memories,
     * and every memory instruction and data segment names the one it uses. Not in {@link #V2},
     * whose binary format reserves the bytes that name them.
     */
    public static final CoreFeatures MULTI_MEMORY = new CoreFeatures(1L << 8);
    /**
     * WebAssembly 3.0's 64-bit memories and tables: a memory or table may be indexed by
     * {@code i64} rather than {@code i32}, and a memory may then grow past 4 GiB (up to
     * {@code RuntimeConfig.withMemoryLimitPages}). Not in {@link #V2}, whose binary format has no
     * place for their types and reads every memory offset as a u32.
     */
    public static final CoreFeatures MEMORY64 = new CoreFeatures(1L << 9);
    /**
     * WebAssembly 3.0's relaxed SIMD instructions, whose results the specification lets vary
     * between machines. Jazero gives each the same result on every machine and in both tiers (the
     * choices are in {@code docs/determinism.md}). Not in {@link #V2}.
     */
    public static final CoreFeatures RELAXED_SIMD = new CoreFeatures(1L << 10);
    /**
     * WebAssembly 3.0's tail calls: {@code return_call} and {@code return_call_indirect}, which
     * never grow the call stack however many times they chain. Not in {@link #V2}.
     */
    public static final CoreFeatures TAIL_CALL = new CoreFeatures(1L << 11);
    /**
     * WebAssembly 3.0's typed function references: reference types that name a function type
     * ({@code (ref $t)}) or exclude null, {@code call_ref}, {@code return_call_ref},
     * {@code ref.as_non_null}, {@code br_on_null} and {@code br_on_non_null}. Not in {@link #V2}.
     */
    public static final CoreFeatures FUNCTION_REFERENCES = new CoreFeatures(1L << 12);
    /**
     * WebAssembly 3.0's garbage collection, as far as Jazero has it: its types, that is recursive
     * type groups, whose types may refer to each other, struct and array types, and declared
     * supertypes ({@code sub}, {@code final}), compared by structure across modules; and
     * {@code ref.test} and {@code ref.cast} of function and external references. Its other
     * instructions and its abstract heap types ({@code anyref}, {@code structref}, ...) are still
     * to come: a module that uses them fails to compile. Not in {@link #V2}.
     */
    public static final CoreFeatures GC = new CoreFeatures(1L << 13);
    /**
     * WebAssembly 3.0's exception handling, as far as Jazero has it: tags, defined, imported and
     * exported, which linking matches by identity and type. Throwing and catching ({@code throw},
     * {@code try_table}, {@code exnref}) are still to come: a module that uses them fails to
     * compile. Not in {@link #V2}.
     */
    public static final CoreFeatures EXCEPTIONS = new CoreFeatures(1L << 14);

    /** WebAssembly 1.0 (20191205): mutable globals only. */
    public static final CoreFeatures V1 = MUTABLE_GLOBAL;
    /**
     * WebAssembly 2.0 exactly: 1.0, {@link #SIGN_EXTENSION_OPS}, {@link #MULTI_VALUE},
     * {@link #NON_TRAPPING_FLOAT_TO_INT_CONVERSION}, {@link #BULK_MEMORY_OPERATIONS},
     * {@link #REFERENCE_TYPES} and {@link #SIMD}. Some 3.0 features change 2.0's rules (what a
     * constant expression may read, how limits and memory offsets are encoded), so a module, a
     * test suite or an error may depend on which of the two a runtime has.
     */
    public static final CoreFeatures V2 = new CoreFeatures(0x7FL);
    /**
     * WebAssembly 3.0 as far as Jazero has it, the default, as wasmtime's is: 2.0 and
     * {@link #EXTENDED_CONST}, {@link #MULTI_MEMORY}, {@link #MEMORY64}, {@link #RELAXED_SIMD},
     * {@link #TAIL_CALL}, {@link #FUNCTION_REFERENCES}, {@link #GC}'s types and
     * {@link #EXCEPTIONS}' tags. Garbage collection's instructions and throwing and catching
     * exceptions are not there yet: a module that uses them fails to compile.
     */
    public static final CoreFeatures V3 = new CoreFeatures(0x7FFFL);

    private static final String[] NAMES = {
        "mutable-global", "sign-extension-ops", "multi-value", "nontrapping-float-to-int-conversion",
        "bulk-memory-operations", "reference-types", "simd", "extended-const", "multi-memory",
        "memory64", "relaxed-simd", "tail-call", "function-references", "gc", "exceptions"
    };

    private final long bits;

    private CoreFeatures(long bits) {
        this.bits = bits;
    }

    /**
     * The feature named {@code name} as {@link #toString()} writes it, such as
     * {@code extended-const}.
     *
     * @throws IllegalArgumentException for a name that is none, with the names there are
     */
    public static CoreFeatures named(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return new CoreFeatures(1L << i);
            }
        }
        throw new IllegalArgumentException("no feature named '" + name + "'; the features: " + String.join(", ", NAMES));
    }

    /** Returns this set with the features of {@code other} added. */
    public CoreFeatures with(CoreFeatures other) {
        return new CoreFeatures(bits | other.bits);
    }

    /** Returns this set with the features of {@code other} removed. */
    public CoreFeatures without(CoreFeatures other) {
        return new CoreFeatures(bits & ~other.bits);
    }

    /** Returns true when every feature of {@code feature} is in this set. */
    public boolean isEnabled(CoreFeatures feature) {
        return (bits & feature.bits) == feature.bits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreFeatures other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    /** Returns the features' names joined by '|', as wazero prints them. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((bits & (1L << i)) != 0) {
                names.add(NAMES[i]);
            }
        }
        return String.join("|", names);
    }
}
