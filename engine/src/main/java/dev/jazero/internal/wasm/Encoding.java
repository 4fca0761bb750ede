package dev.jazero.internal.wasm;

import dev.jazero.api.CoreFeatures;

/**
 * The rules of the binary format that a module is read with, where WebAssembly 3.0 changed 2.0's:
 * the decoder checks a module by them, and every later reader of its code (the validator, the
 * compiler, the instantiator) reads the code by the same rules. A module's features decide them,
 * so that {@link CoreFeatures#V2} keeps 2.0's rules exactly.
 *
 * @param multiMemory memory instructions name their memory: bit 6 of a memarg's flags says a
 *     memory index follows them, and the bytes that 2.0 reserves as zero after
 *     {@code memory.size}, {@code memory.grow} and the bulk memory instructions are memory indexes
 * @param memory64 limits may say that a memory or table is indexed by {@code i64} (flags 4 and 5,
 *     with u64 bounds), and a memarg's offset is a u64, which validation then bounds by its
 *     memory's address type
 * @param functionReferences value types may be {@code (ref null? ht)} (0x63 and 0x64, then a heap
 *     type), the abbreviations of the other abstract heap types are value types, and
 *     {@code ref.null} takes any heap type
 * @param gc the type section holds recursive groups (0x4E), subtypes (0x50, 0x4F), and struct
 *     (0x5F) and array (0x5E) types beside function types
 * @param exceptions there is a tag section (13, between the memory and global sections), and
 *     tags are imported and exported (kind 4)
 */
public record Encoding(boolean multiMemory, boolean memory64, boolean functionReferences, boolean gc,
        boolean exceptions) {

    /** WebAssembly 2.0's rules. */
    public static final Encoding V2 = new Encoding(false, false, false, false, false);

    /** The rules of a runtime with {@code features}. */
    public static Encoding of(CoreFeatures features) {
        return new Encoding(features.isEnabled(CoreFeatures.MULTI_MEMORY), features.isEnabled(CoreFeatures.MEMORY64),
                features.isEnabled(CoreFeatures.FUNCTION_REFERENCES), features.isEnabled(CoreFeatures.GC),
                features.isEnabled(CoreFeatures.EXCEPTIONS));
    }
}
