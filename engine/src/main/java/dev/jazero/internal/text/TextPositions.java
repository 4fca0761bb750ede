package dev.jazero.internal.text;

import dev.jazero.internal.wasm.SourceLines;
import java.util.Arrays;
import java.util.List;

/**
 * Where each instruction of a module compiled from the text format stands in the text: its
 * offset in the binary the text became, and the line and column of its keyword. Stack traces and
 * validation errors show {@code name:line:column}, or {@code line:column} for a text without a
 * name.
 */
public final class TextPositions implements SourceLines {

    private final String name;
    private final int[] offsets;
    private final int[] lines;
    private final int[] columns;

    TextPositions(String name, int[] offsets, int[] lines, int[] columns) {
        this.name = name;
        this.offsets = offsets;
        this.lines = lines;
        this.columns = columns;
    }

    @Override
    public List<String> sourceLines(int moduleOffset) {
        int i = Arrays.binarySearch(offsets, moduleOffset);
        if (i < 0) {
            return List.of();
        }
        String position = lines[i] + ":" + columns[i];
        return List.of(name.isEmpty() ? position : name + ":" + position);
    }

    /** Offsets in a function body and in the text, gathered while its instructions are written. */
    static final class Marks {
        int[] bodyOffsets = new int[64];
        int[] textOffsets = new int[64];
        int count;

        void add(int bodyOffset, int textOffset) {
            if (count == bodyOffsets.length) {
                bodyOffsets = Arrays.copyOf(bodyOffsets, count * 2);
                textOffsets = Arrays.copyOf(textOffsets, count * 2);
            }
            bodyOffsets[count] = bodyOffset;
            textOffsets[count++] = textOffset;
        }
    }
}
