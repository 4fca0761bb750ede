package dev.jazero.benchmarks;

import dev.jazero.CompiledModule;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.HostFunction;
import dev.jazero.internal.compiler.CompiledClasses;
import dev.jazero.internal.compiler.ModuleCompiler;
import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import dev.jazero.internal.validation.InternalCodeMaker;
import dev.jazero.internal.validation.ModuleValidator;
import dev.jazero.internal.wasm.WasmModule;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code Runtime.compileModule} in its three steps (decode, validate, compile to JVM classes),
 * timed apart (the classes are defined later, when instantiation and the first calls need them), through the engine's internal classes: the same calls as
 * {@code RuntimeImpl.compileBinary}, which the benchmarks can make because they run on the class
 * path, where the engine's module does not hide its internals. If the engine changes those
 * internals, {@code --phases} fails and the plain measurement still works.
 */
final class JazeroPhases {

    private JazeroPhases() {
    }

    /** Compiles {@code bytes} (the binary format) as {@code Runtime.create(config)} would. */
    static CompiledModule compile(RuntimeConfig config, byte[] bytes, Consumer<String> phase) {
        WasmModule module = BinaryDecoder.decodeSections(bytes, dev.jazero.internal.wasm.Encoding.of(config.coreFeatures()), config.customSections(), config.debugInfoEnabled());
        phase.accept("decode");
        CodeOptions options = new CodeOptions(config.closeOnCancel(), config.functionListenerFactory() != null,
                config.canonicalNaNs());
        // The compiler tier keeps only each function's frame sizes, as the runtime does without a cache.
        IrFunction[] code = ModuleValidator.validate(module, config.coreFeatures(), options, !config.isCompiler());
        phase.accept("validate");
        CompiledClasses compiled = config.isCompiler() ? ModuleCompiler.compile(module, code, options, false) : null;
        phase.accept("compile");
        try {
            Constructor<CompiledModuleImpl> c = CompiledModuleImpl.class.getDeclaredConstructor(WasmModule.class,
                    IrFunction[].class, dev.jazero.internal.runtime.ModuleCode.class, InternalCodeMaker.class,
                    HostFunction[].class, String.class, List.class, List.class);
            c.setAccessible(true);
            return c.newInstance(module, code, compiled, new InternalCodeMaker(module, config.coreFeatures(), options),
                    null, module.names.moduleName(), null, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine's internals changed: --phases needs updating", e);
        }
    }

    /**
     * How much of the module the compiler tier compiled so far: "functions/defined functions
     * (percentage of the code bytes)", or "0" for the interpreter tier.
     */
    static String compiledCount(CompiledModule compiled) {
        if (!(compiled instanceof CompiledModuleImpl impl)) {
            return "?";
        }
        WasmModule module = impl.module();
        int imported = module.importedFunctionCount();
        int count = 0;
        long bytes = 0;
        long total = 0;
        for (int i = 0; i < module.codes.size(); i++) {
            int length = module.codes.get(i).code().length;
            total += length;
            // Without a cache, functions are compiled when first called: count those (asking
            // isCompiled would compile the rest).
            if (impl.moduleCode() instanceof CompiledClasses classes && classes.isLoaded(imported + i)) {
                count++;
                bytes += length;
            }
        }
        return String.format(Locale.ROOT, "%d/%d(%.0f%%bytes)", count, module.codes.size(),
                total == 0 ? 0.0 : 100.0 * bytes / total);
    }
}
