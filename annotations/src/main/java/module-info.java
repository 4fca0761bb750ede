/**
 * Annotations that declare a WebAssembly host module as a Java class. The annotation processor
 * in {@code jazero-processor} turns each {@link dev.jazero.annotations.HostModule} class into
 * stack adapters at compile time; nothing here is needed at run time.
 */
module dev.jazero.annotations {
    exports dev.jazero.annotations;
}
