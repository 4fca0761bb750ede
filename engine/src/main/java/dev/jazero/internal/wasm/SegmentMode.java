package dev.jazero.internal.wasm;

/** How an element or data segment is used. */
public enum SegmentMode {
    /** Copied into its table or memory at instantiation. */
    ACTIVE,
    /** Copied on demand by {@code table.init} or {@code memory.init}. */
    PASSIVE,
    /** Only declares function references (element segments only). */
    DECLARATIVE
}
