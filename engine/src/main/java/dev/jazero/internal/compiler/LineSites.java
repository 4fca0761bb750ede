package dev.jazero.internal.compiler;

import dev.jazero.internal.wasm.WasmModule;
import java.util.Arrays;

/**
 * The JVM line numbers of one function's instructions, shared by the methods of a split
 * function. A line number is an unsigned 16-bit value, 0 meaning none: in a function of less than
 * 64 KiB of code it is the instruction's offset plus one; in a larger one it is the
 * instruction's number among those that may trap or call, plus one, and {@link #siteOffsets()}
 * maps it back to the offset.
 */
final class LineSites {

    private static final int MAX_LINE = 65535;

    private final boolean numbered;
    private int[] offsets;
    private int count;

    private LineSites(int codeLength) {
        this.numbered = codeLength >= MAX_LINE;
    }

    /** The sites of the defined function {@code function} (an index of the function index space). */
    static LineSites of(WasmModule module, int function) {
        return new LineSites(module.codes.get(function - module.importedFunctionCount()).code().length);
    }

    /** The line number of the instruction at {@code offset} in the function's code. */
    int lineNumber(int offset) {
        if (!numbered) {
            return offset + 1;
        }
        if (offsets == null) {
            offsets = new int[64];
        }
        if (count == MAX_LINE) {
            return MAX_LINE; // Sites past the 65,535th share the last number.
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.min(count * 2, MAX_LINE));
        }
        offsets[count++] = offset;
        return count;
    }

    /**
     * For a function of 64 KiB of code or more, the offset in its code of each instruction by
     * its line number minus one; null for others, whose line numbers are their offsets plus one.
     */
    int[] siteOffsets() {
        return !numbered ? null : offsets == null ? new int[0] : Arrays.copyOf(offsets, count);
    }
}
