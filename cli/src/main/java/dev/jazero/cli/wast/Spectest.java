package dev.jazero.cli.wast;

import dev.jazero.HostModuleBuilder;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code spectest} module that the specification's scripts import, as the reference
 * interpreter's README defines it: {@code print*} functions, the globals {@code global_i32} and
 * {@code global_i64} = 666, {@code global_f32} and {@code global_f64} = 666.6, a funcref
 * {@code table} of 10..20 elements and a {@code memory} of 1..2 pages; with 64-bit tables
 * ({@code CoreFeatures.MEMORY64}) also {@code table64}, a 64-bit one of 10..20 elements.
 *
 * <p>A host module can only hold functions, so the print functions live in a host module named
 * {@value #HOST_NAME}, and a WebAssembly module named {@value #NAME} imports and re-exports them
 * next to the globals, table and memory it defines.
 */
public final class Spectest {

    /** The name the scripts import from. */
    public static final String NAME = "spectest";

    /** The name of the host module with the print functions. */
    public static final String HOST_NAME = "spectest_host";

    private static final String MODULE_TEXT = """
            (module
              (import "spectest_host" "print" (func $print))
              (import "spectest_host" "print_i32" (func $print_i32 (param i32)))
              (import "spectest_host" "print_i64" (func $print_i64 (param i64)))
              (import "spectest_host" "print_f32" (func $print_f32 (param f32)))
              (import "spectest_host" "print_f64" (func $print_f64 (param f64)))
              (import "spectest_host" "print_i32_f32" (func $print_i32_f32 (param i32 f32)))
              (import "spectest_host" "print_f64_f64" (func $print_f64_f64 (param f64 f64)))
              (export "print" (func $print))
              (export "print_i32" (func $print_i32))
              (export "print_i64" (func $print_i64))
              (export "print_f32" (func $print_f32))
              (export "print_f64" (func $print_f64))
              (export "print_i32_f32" (func $print_i32_f32))
              (export "print_f64_f64" (func $print_f64_f64))
              (global (export "global_i32") i32 (i32.const 666))
              (global (export "global_i64") i64 (i64.const 666))
              (global (export "global_f32") f32 (f32.const 666.6))
              (global (export "global_f64") f64 (f64.const 666.6))
              (table (export "table") 10 20 funcref)
              (memory (export "memory") 1 2)
              %s)
            """;

    private static final String TABLE64 = "(table (export \"table64\") i64 10 20 funcref)";

    private Spectest() {
    }

    /**
     * Instantiates {@code spectest} in the runtime.
     *
     * @param out where the print functions print, as the reference interpreter does
     *     ({@code 42 : i32}); {@code null} to print nothing
     */
    public static Module instantiate(Runtime runtime, PrintStream out) {
        HostModuleBuilder host = runtime.newHostModuleBuilder(HOST_NAME);
        printer(host, out, "print");
        printer(host, out, "print_i32", ValueType.I32);
        printer(host, out, "print_i64", ValueType.I64);
        printer(host, out, "print_f32", ValueType.F32);
        printer(host, out, "print_f64", ValueType.F64);
        printer(host, out, "print_i32_f32", ValueType.I32, ValueType.F32);
        printer(host, out, "print_f64_f64", ValueType.F64, ValueType.F64);
        host.instantiate();
        boolean table64 = runtime.config().coreFeatures().isEnabled(CoreFeatures.MEMORY64);
        return runtime.instantiate(runtime.compileModule(MODULE_TEXT.formatted(table64 ? TABLE64 : "")),
                ModuleConfig.defaults().withName(NAME).withStartFunctions());
    }

    private static void printer(HostModuleBuilder host, PrintStream out, String name, ValueType... params) {
        host.newFunctionBuilder()
                .withStackFunction(stack -> print(out, stack, params), List.of(params), List.of())
                .export(name);
    }

    private static void print(PrintStream out, long[] stack, ValueType[] params) {
        if (out == null) {
            return;
        }
        if (params.length == 0) {
            out.println();
            return;
        }
        for (int i = 0; i < params.length; i++) {
            out.println(format(params[i], stack[i]) + " : " + params[i]);
        }
    }

    private static String format(ValueType type, long slot) {
        return switch (type.kind()) {
            case I32 -> Integer.toString(ValueType.decodeI32(slot));
            case F32 -> Float.toString(ValueType.decodeF32(slot));
            case F64 -> Double.toString(ValueType.decodeF64(slot));
            default -> Long.toString(slot);
        };
    }
}
