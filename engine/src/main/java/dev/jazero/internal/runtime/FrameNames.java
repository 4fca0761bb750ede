package dev.jazero.internal.runtime;

import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.FuncType;
import java.util.List;

/**
 * How functions are named in messages and WebAssembly stack traces, the same in both tiers:
 * {@code module.function(params) results}, as wazero prints them, then the code offset.
 */
public final class FrameNames {

    private FrameNames() {
    }

    /**
     * {@code module.function}: the function as the name section names it, else by its first
     * export name, else as {@code $index}; without the module part when the module has no name.
     */
    public static String debugName(String moduleName, String name, String exportName, int index) {
        String function = name != null ? name : exportName != null ? exportName : "$" + index;
        return moduleName == null ? function : moduleName + "." + function;
    }

    /** {@code debugName(i32,i64) f32}, a frame of a stack trace before its offset. */
    public static String frame(String debugName, FuncType type) {
        StringBuilder sb = new StringBuilder(debugName).append('(');
        append(sb, type.params());
        sb.append(')');
        if (type.results().length > 0) {
            sb.append(' ');
            append(sb, type.results());
        }
        return sb.toString();
    }

    /** A frame with the code offset of its instruction, when known (not negative). */
    public static String frame(String frame, int offset) {
        return offset < 0 ? frame : frame + ", offset 0x" + Integer.toHexString(offset);
    }

    /**
     * A frame with the code offset of its instruction and, when the module has DWARF line tables
     * (null if not) that cover it, the instruction's source positions.
     */
    public static WasmFrame frame(String frame, int offset, dev.jazero.internal.wasm.SourceLines lines) {
        List<String> sources = offset < 0 || lines == null ? List.of() : lines.sourceLines(offset);
        return new WasmFrame(frame(frame, offset), sources);
    }

    private static void append(StringBuilder sb, ValueType[] types) {
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(types[i]);
        }
    }
}
