package dev.jazero.internal.runtime;

import java.util.List;

/**
 * One frame of a WebAssembly stack trace, as both tiers report it.
 *
 * @param frame the function and the code offset of its instruction, as {@link FrameNames} shows them
 * @param sources the instruction's source positions ({@code file:line:column}) from the module's
 *     DWARF line tables, innermost first; empty without them
 */
public record WasmFrame(String frame, List<String> sources) {
}
