package dev.jazero.api;

/**
 * A host function whose reference parameters and results are objects: an {@code externref} is
 * the embedder's object, whatever its class, and a {@link WasmStruct}, {@link WasmArray},
 * {@link I31}, function or {@link ThrownException} the guest's. The numbers are in the stack as
 * {@link HostFunction}'s are; a reference is the object in {@code references} at its slot's index,
 * in and out.
 */
@FunctionalInterface
public interface ReferenceHostFunction {

    /**
     * Runs the function. {@code caller} is the module instance whose code called it. Failures
     * are as {@link HostFunction#call} describes.
     */
    void call(Module caller, long[] stack, Object[] references);
}
