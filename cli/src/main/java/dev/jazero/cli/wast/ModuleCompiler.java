package dev.jazero.cli.wast;

import dev.jazero.CompiledModule;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.api.Module;
import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.text.WastModule;

/** Compiles and instantiates the modules a script writes, through the public {@link Runtime} API. */
final class ModuleCompiler {

    private final Runtime runtime;

    ModuleCompiler(Runtime runtime) {
        this.runtime = runtime;
    }

    /**
     * Compiles a script module: text from its source, a binary module from its bytes, a quoted
     * module from the exact bytes of its text (which may be invalid UTF-8 on purpose).
     */
    CompiledModule compile(WastModule module) {
        return switch (module.kind()) {
            case TEXT -> runtime.compileModule(module.text());
            case QUOTE -> runtime.compileModule(module.bytes());
            case BINARY -> {
                // Runtime.compileModule(byte[]) takes bytes without the magic number for text, but
                // a script's binary module is never text: such bytes are malformed, which the
                // engine's decoder reports in its words. (Wanted: a binary-only compile in the API.)
                if (!BinaryDecoder.hasMagic(module.bytes())) {
                    BinaryDecoder.decode(module.bytes(), false);
                }
                yield runtime.compileModule(module.bytes());
            }
        };
    }

    /**
     * Instantiates anonymously, so that any number of modules of one name can live in the
     * script's runtime (they become importable only through {@code register}), and without
     * start functions other than the module's own start section.
     */
    Module instantiate(CompiledModule compiled) {
        return runtime.instantiate(compiled, ModuleConfig.defaults().withName(null).withStartFunctions());
    }
}
