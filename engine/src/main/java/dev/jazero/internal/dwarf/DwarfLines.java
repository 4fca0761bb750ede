package dev.jazero.internal.dwarf;

import java.util.List;

/**
 * The source positions of a module's code, from the DWARF line tables of its custom sections.
 * Holds only the bytes of {@code .debug_line} and of the string sections its headers use; the
 * table of rows is built the first time a position is asked for (a trap's stack trace), once,
 * so that a module that never traps pays nothing more. Thread-safe.
 *
 * <p>Addresses in WebAssembly DWARF are offsets from the start of the code section's contents
 * (after its id and size): the first function's body starts at address 1 or more, past the
 * count of functions. Positions are asked for by module offset, as traps report them.
 */
public final class DwarfLines {

    private final byte[] debugLine;
    private final byte[] debugLineStr;
    private final byte[] debugStr;
    private final int codeSectionStart;
    private volatile LineTable table;

    private DwarfLines(byte[] debugLine, byte[] debugLineStr, byte[] debugStr, int codeSectionStart) {
        this.debugLine = debugLine;
        this.debugLineStr = debugLineStr;
        this.debugStr = debugStr;
        this.codeSectionStart = codeSectionStart;
    }

    /**
     * Returns the line tables of a module, or null when it has none.
     *
     * @param debugLine the {@code .debug_line} section's bytes, or null
     * @param debugLineStr the {@code .debug_line_str} section's bytes, or null
     * @param debugStr the {@code .debug_str} section's bytes, or null
     * @param codeSectionStart the module offset where the code section's contents start, or -1
     *     when the module has no code section
     */
    public static DwarfLines of(byte[] debugLine, byte[] debugLineStr, byte[] debugStr, int codeSectionStart) {
        if (debugLine == null || debugLine.length == 0 || codeSectionStart < 0) {
            return null;
        }
        return new DwarfLines(debugLine, debugLineStr, debugStr, codeSectionStart);
    }

    /**
     * Returns the source positions of the instruction at {@code moduleOffset}, formatted as
     * {@code file:line:column}, innermost first: empty when the tables do not cover it. Never
     * throws: damaged tables give no positions.
     */
    public List<String> sourceLines(int moduleOffset) {
        SourcePosition position = positionAt(moduleOffset);
        return position == null ? List.of() : List.of(position.toString());
    }

    /** The position of the instruction at {@code moduleOffset}, or null. */
    public SourcePosition positionAt(int moduleOffset) {
        if (moduleOffset < codeSectionStart) {
            return null;
        }
        return addressPosition(moduleOffset - (long) codeSectionStart);
    }

    /** The position of the code at a DWARF address (an offset in the code section), or null. */
    public SourcePosition addressPosition(long address) {
        try {
            return table().lookup(address);
        } catch (RuntimeException e) {
            return null; // A bug in reading damaged input must not hide the trap being reported.
        }
    }

    /** The number of rows the tables hold, sequence ends included (builds them if needed). */
    public int rowCount() {
        return table().size();
    }

    private LineTable table() {
        LineTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    try {
                        t = LineProgramReader.read(debugLine, debugLineStr, debugStr);
                    } catch (RuntimeException e) {
                        t = LineTable.EMPTY;
                    }
                    table = t;
                }
            }
        }
        return t;
    }
}
