package dev.jazero.experimental;

import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * A listener factory that logs every call of a host function, like wazero's host logging:
 * {@code ==> env.log(5)} before it, {@code <== ()} or {@code <== (3)} after it, and the exception
 * when it fails.
 */
public final class HostLogging {

    private HostLogging() {
    }

    /** Returns a factory whose listeners log host function calls to {@code out}. */
    public static FunctionListenerFactory factory(PrintStream out) {
        return factory(out::println);
    }

    /** Returns a factory whose listeners give each line of the log to {@code lines}. */
    public static FunctionListenerFactory factory(Consumer<String> lines) {
        return definition -> definition.hostFunction() == null ? null : new FunctionListener() {
            @Override
            public void before(Module module, FunctionDefinition d, long[] params, StackIterator stack) {
                lines.accept("==> " + d.debugName() + "(" + format(d.paramTypes(), params) + ")");
            }

            @Override
            public void after(Module module, FunctionDefinition d, long[] results) {
                lines.accept("<== (" + format(d.resultTypes(), results) + ")");
            }

            @Override
            public void abort(Module module, FunctionDefinition d, Throwable cause) {
                lines.accept("<== " + d.debugName() + " failed: " + cause);
            }
        };
    }

    private static String format(List<ValueType> types, long[] values) {
        StringBuilder sb = new StringBuilder();
        int slot = 0;
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            ValueType t = types.get(i);
            switch (t.kind()) {
                case I32 -> sb.append(ValueType.decodeI32(values[slot]));
                case F32 -> sb.append(ValueType.decodeF32(values[slot]));
                case F64 -> sb.append(ValueType.decodeF64(values[slot]));
                case V128 -> sb.append(String.format("0x%016x%016x", values[slot + 1], values[slot]));
                default -> sb.append(values[slot]);
            }
            slot += t.slots();
        }
        return sb.toString();
    }
}
