package dev.jazero.cli;

import dev.jazero.CompiledModule;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.sys.ExitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jazero run [--invoke NAME] FILE [ARGS...]}: instantiates a module and calls one exported
 * function with arguments parsed by its parameter types, printing each result on its own line.
 */
@Command(name = "run",
        description = {
            "Instantiates a module (.wasm or .wat) and calls an exported function, printing each result on its own line.",
            "Arguments follow the parameter types: i32/i64 decimal or 0x hex, signed or unsigned; f32/f64 as float text, also inf, nan, nan:0xPAYLOAD."
        })
final class RunSubcommand implements Callable<Integer> {

    /** The export called when {@code --invoke} is not given, as in WASI commands. */
    static final String DEFAULT_EXPORT = "_start";

    @Spec
    private CommandSpec spec;

    @Mixin
    private TierOptions tierOptions;

    @Option(names = "--invoke", paramLabel = "NAME",
            description = "The exported function to call (default: " + DEFAULT_EXPORT + ").")
    private String invoke;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module, in the binary or the text format.")
    private Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The function's arguments.")
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try (Runtime runtime = Runtime.create(tierOptions.tier().runtimeConfig());
                Worker worker = new Worker("jazero-run")) {
            return worker.call(() -> run(runtime), null);
        }
    }

    private int run(Runtime runtime) {
        CompiledModule compiled = ModuleFiles.compile(runtime, file);
        // No start functions here: the export to call is chosen below and called once.
        Module module = runtime.instantiate(compiled, ModuleConfig.defaults().withStartFunctions());
        Function function = chooseFunction(module);
        FunctionDefinition definition = function.definition();
        long[] params;
        try {
            params = ArgumentParser.parse(definition.paramTypes(), args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("function \"" + invokedName() + "\": " + e.getMessage(), e);
        }
        long[] results;
        try {
            results = function.call(params);
        } catch (ExitException e) {
            return e.exitCode();
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String value : ValueFormatter.format(definition.resultTypes(), results)) {
            out.println(value);
        }
        return 0;
    }

    private String invokedName() {
        return invoke != null ? invoke : DEFAULT_EXPORT;
    }

    private Function chooseFunction(Module module) {
        String name = invokedName();
        Function function = module.exportedFunction(name);
        if (function != null) {
            return function;
        }
        Map<String, FunctionDefinition> exports = module.exportedFunctionDefinitions();
        String which = invoke != null ? "no exported function \"" + name + "\""
                : "no exported function \"" + DEFAULT_EXPORT + "\" (choose one with --invoke NAME)";
        String available = exports.isEmpty() ? "it exports no functions"
                : "exported functions: " + String.join(", ", new TreeSet<>(exports.keySet()));
        throw new IllegalArgumentException(file + " has " + which + "; " + available);
    }
}
