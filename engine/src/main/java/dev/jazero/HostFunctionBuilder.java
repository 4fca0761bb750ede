package dev.jazero;

import dev.jazero.api.HostFunction;
import dev.jazero.api.StackFunction;
import dev.jazero.api.ValueType;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Defines one function of a host module. Like wazero's {@code HostFunctionBuilder}. Functions get
 * indices in the order they are defined, that is, exported.
 *
 * <p>Three ways to give the implementation, from fastest to most convenient to write:
 * {@link #withStackFunction} and {@link #withHostFunction} take code that works on the stack
 * directly, with the signature given beside it; {@link #withFunc(Class, Object)} takes any Java
 * lambda or method reference and derives the signature from its Java types. Classes annotated
 * {@code @HostModule} (module {@code jazero-annotations}) get generated stack functions, as fast
 * as hand-written ones, with the same type rules as {@code withFunc}.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface HostFunctionBuilder {

    /** Uses a function of the stack only, with the given signature. */
    HostFunctionBuilder withStackFunction(StackFunction function, List<ValueType> params, List<ValueType> results);

    /** Uses a function of the calling module and the stack, with the given signature. */
    HostFunctionBuilder withHostFunction(HostFunction function, List<ValueType> params, List<ValueType> results);

    /**
     * Uses {@code function}, whose reference parameters and results are objects, with the signature
     * given beside it: the way to take and return structs, arrays, {@code i31} references,
     * exceptions and external references of any class.
     */
    HostFunctionBuilder withReferenceFunction(dev.jazero.api.ReferenceHostFunction function, List<ValueType> params,
            List<ValueType> results);

    /**
     * Uses a Java function, whose Wasm signature comes from its Java one: the lambda or method
     * reference {@code function}, implementing {@code functionalInterface}, any interface with a
     * single abstract method. The compiler checks that they fit, and with an interface of its own
     * the caller names the parameters and takes the calling module:
     *
     * <pre>{@code
     * interface Clamp { int clamp(int value, int max); }
     * interface Fill { void fill(Memory memory, int ptr, int len, int value); }
     *
     * builder.newFunctionBuilder().withFunc(IntBinaryOperator.class, Math::max).export("max")
     *        .newFunctionBuilder().withFunc(Clamp.class, (v, max) -> Math.min(v, max)).export("clamp")
     *        .newFunctionBuilder().withFunc(Fill.class, (memory, ptr, len, value) -> {
     *             for (int i = 0; i < len; i++) memory.writeByte(Integer.toUnsignedLong(ptr + i), (byte) value);
     *         }).export("fill");
     * }</pre>
     *
     * <p>The rules are those of {@code @WasmExport} methods: parameters {@code int},
     * {@code long}, {@code float}, {@code double}, {@code boolean} (i32), or the injected
     * {@code api.Module} (the caller) and {@code api.Memory} (its memory); results {@code void},
     * one of the five value types, or a record of them (one result per component, named after
     * it); no checked exceptions. Strings need the {@code @PtrLen}/{@code @CString} annotations
     * of a {@code @HostModule} class; here, take the pointer and length as {@code int}s and the
     * {@code Memory}. Parameter names come from the interface method when it was compiled with
     * {@code -parameters}; {@link #withParameterNames} overrides them.
     *
     * <p>The signature is checked, and a {@link java.lang.invoke.MethodHandle} tree that decodes
     * the stack, calls the function and encodes the results is composed, once, here. A call
     * involves no reflection, boxing or allocation, though it goes through a method handle: a
     * generated or hand-written stack function is faster still.
     *
     * @throws IllegalArgumentException when {@code functionalInterface} is not a functional
     *     interface or its method breaks the rules above, with the same message as the annotation
     *     processor gives for a {@code @WasmExport} method
     */
    <F> HostFunctionBuilder withFunc(Class<F> functionalInterface, F function);

    /**
     * Uses a method handle, whose {@linkplain MethodHandle#type() type} gives the Wasm signature
     * by the rules of {@link #withFunc(Class, Object)}: for functions found at run time, such as
     * {@code lookup.findVirtual(Host.class, "add", methodType(int.class, int.class, int.class)).bindTo(host)}.
     *
     * @throws IllegalArgumentException when the type breaks the rules
     */
    HostFunctionBuilder withFunc(MethodHandle handle);

    /** Sets the function's name for the name section and stack traces (default: the export name). */
    HostFunctionBuilder withName(String name);

    /** Sets the parameter names, one per Wasm parameter (injected Java parameters have none). */
    HostFunctionBuilder withParameterNames(String... names);

    /** Sets the result names. */
    HostFunctionBuilder withResultNames(String... names);

    /** Exports the function under {@code name} and returns to the module builder. */
    HostModuleBuilder export(String name);
}
