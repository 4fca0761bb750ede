package dev.jazero.api;

import java.util.List;

/**
 * Describes a memory of a module: its limits in 64 KiB pages, import and export names.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface MemoryDefinition {

    /** Returns the name of the module that defines the memory. */
    String moduleName();

    /** Returns the memory's index in the module's memory index space. */
    int index();

    /** Returns the minimum size in pages. */
    long minPages();

    /** Returns the maximum size in pages, or -1 when the module declares none. */
    long maxPages();

    /**
     * Returns the type of the memory's addresses: {@link ValueType#I32}, or {@link ValueType#I64}
     * for a 64-bit memory (WebAssembly 3.0), whose addresses, sizes and page counts are
     * {@code i64}s and which may grow past 4 GiB.
     */
    ValueType addressType();

    /** Returns the module and name this memory is imported from, or {@code null}. */
    String[] importedAs();

    /** Returns the names under which the module exports this memory, possibly empty. */
    List<String> exportNames();
}
