package dev.jazero.api;

/**
 * A host function that also receives the calling module, to reach its memory or exports:
 * wazero's {@code api.GoModuleFunction}. The stack works as in {@link StackFunction}.
 */
@FunctionalInterface
public interface HostFunction {

    /**
     * Runs the function. {@code caller} is the module instance whose code called it. A thrown
     * {@link WasmException} passes through as it is; any other exception becomes a trap of kind
     * {@link TrapKind#HOST_FUNCTION_FAILED} with the exception as its cause.
     */
    void call(Module caller, long[] stack);
}
