package dev.jazero.cli;

import dev.jazero.CompilationCache;
import dev.jazero.CompiledModule;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.MemoryDefinition;
import dev.jazero.api.ValueType;
import dev.jazero.cli.CommandSyntax.Parameter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code jazero compile FILE}: decodes, validates and compiles a module without running it, and
 * prints its imports and exports.
 */
final class CompileSubcommand implements Subcommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("jazero compile",
            List.of("Decodes, validates and compiles a module and prints its imports and exports.",
                    "With --cache-dir, keeps the compiled module for later runs."),
            Stream.concat(TierOptions.OPTIONS.stream(), Stream.of(CacheOptions.CACHE_DIR)).toList(),
            List.of(new Parameter("FILE", "The module, in the binary or the text format.", Parameter.Count.ONE)), false);

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(Arguments args, PrintWriter out, PrintWriter err) {
        Path file = Path.of(args.parameters().get(0));
        // The options are checked before the cache's directory is made.
        RuntimeConfig config = new TierOptions(args).runtimeConfig();
        try (CompilationCache cache = new CacheOptions(args).open();
                Runtime runtime = Runtime.create(config.withCompilationCache(cache));
                CompiledModule module = ModuleFiles.compile(runtime, file)) {
            print(file, module, out);
        }
        return 0;
    }

    private static void print(Path file, CompiledModule module, PrintWriter out) {
        out.println(file.getFileName() + ": valid module" + (module.name() == null ? "" : " $" + module.name()));
        List<FunctionDefinition> importedFunctions = module.importedFunctions();
        List<MemoryDefinition> importedMemories = module.importedMemories();
        out.println("imports:" + (importedFunctions.isEmpty() && importedMemories.isEmpty() ? " none" : ""));
        for (FunctionDefinition function : importedFunctions) {
            out.println("  func " + qualified(function.importedAs()) + " " + signature(function));
        }
        for (MemoryDefinition memory : importedMemories) {
            out.println("  memory " + qualified(memory.importedAs()) + " " + limits(memory));
        }
        Map<String, FunctionDefinition> functions = new TreeMap<>(module.exportedFunctions());
        Map<String, MemoryDefinition> memories = new TreeMap<>(module.exportedMemories());
        out.println("exports:" + (functions.isEmpty() && memories.isEmpty() ? " none" : ""));
        functions.forEach((name, function) -> out.println("  func " + name + " " + signature(function)));
        memories.forEach((name, memory) -> out.println("  memory " + name + " " + limits(memory)));
    }

    private static String qualified(String[] importedAs) {
        return importedAs == null ? "?" : importedAs[0] + "." + importedAs[1];
    }

    private static String signature(FunctionDefinition function) {
        return ValueFormatter.signature(function.paramTypes()) + " -> " + ValueFormatter.signature(function.resultTypes());
    }

    /** A memory's limits, after its address type when it is a 64-bit one: {@code i64 1..2 pages}. */
    private static String limits(MemoryDefinition memory) {
        String address = memory.addressType() == ValueType.I64 ? "i64 " : "";
        return address + memory.minPages() + ".." + (memory.maxPages() < 0 ? "" : memory.maxPages()) + " pages";
    }
}
