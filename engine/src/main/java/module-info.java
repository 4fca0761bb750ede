/**
 * Jazero's engine: a WebAssembly runtime in pure Java with wazero's API.
 *
 * <p>Start with {@link dev.jazero.Runtime}. Everything under {@code dev.jazero.internal} is an
 * implementation detail: it is not exported, and may change in any release.
 */
module dev.jazero {
    requires org.objectweb.asm;
    // Reads HotSpot's DontCompileHugeMethods to decide which functions are worth compiling.
    requires static java.management;
    requires static jdk.management;

    exports dev.jazero;
    exports dev.jazero.api;
    exports dev.jazero.sys;
    exports dev.jazero.experimental;

    // The calling module's ModuleConfig, for wasi_snapshot_preview1.
    exports dev.jazero.internal.runtime to dev.jazero.wasi;
    // Whether bytes are the text format, the same answer as compileModule's; and for the CLI's
    // script runner, the parser of .wast scripts.
    exports dev.jazero.internal.text to dev.jazero.jsr223, dev.jazero.cli;
    // The CLI's script runner reports a binary module without the magic number as malformed in
    // the decoder's words, where compileModule would read such bytes as text.
    exports dev.jazero.internal.decoding to dev.jazero.cli;
}
