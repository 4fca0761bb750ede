package dev.jazero.internal.wasm;

import java.util.List;

/**
 * Where an instruction of a module comes from in its source: {@code file:line:column} from the
 * DWARF line tables of a compiled program, or {@code line:column} in the text format.
 */
public interface SourceLines {

    /** The positions of the instruction at {@code moduleOffset}, innermost first; empty when unknown. */
    List<String> sourceLines(int moduleOffset);
}
