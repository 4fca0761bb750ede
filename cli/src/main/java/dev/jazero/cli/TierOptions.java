package dev.jazero.cli;

import dev.jazero.cli.CommandSyntax.Option;
import java.util.List;

/**
 * The options that choose how code is made: the execution {@link Tier}, and canonical NaNs.
 * Shared by every command that compiles or runs code.
 */
final class TierOptions {

    /** The options, as commands that compile or run code list them. */
    static final List<Option> OPTIONS = List.of(
            Option.flag("--canonical-nans", "Every NaN that floating-point arithmetic makes is the canonical NaN, so"
                    + " that results are the same bits in every tier and on every machine (costs a compare per"
                    + " instruction)."),
            Option.flag("--interpreter", "Run with the interpreter."),
            Option.flag("--compiler", "Run with the compiler to JVM bytecode (the default)."),
            Option.value("--wasm", "VERSION", "The WebAssembly version whose rules apply: 1.0, 2.0 or 3.0 (the"
                    + " default)."),
            Option.value("--max-memory", "SIZE", "How large a memory may grow, such as 512MiB or 8GiB (default 4GiB;"
                    + " past it only 64-bit memories)."),
            Option.value("--feature", "NAME", "Enables a core feature beyond the version, such as extended-const,"
                    + " multi-memory, memory64, relaxed-simd, tail-call or function-references with --wasm 2.0."
                    + " Repeatable.").asRepeatable());

    private final Arguments args;

    /** The options among a command's arguments. */
    TierOptions(Arguments args) {
        this.args = args;
    }

    /** Returns the runtime configuration these options choose. */
    dev.jazero.RuntimeConfig runtimeConfig() {
        dev.jazero.RuntimeConfig config = tier().runtimeConfig().withCanonicalNaNs(args.has("--canonical-nans"));
        String version = args.value("--wasm");
        dev.jazero.api.CoreFeatures enabled = version == null ? config.coreFeatures() : switch (version) {
            case "1.0" -> dev.jazero.api.CoreFeatures.V1;
            case "2.0" -> dev.jazero.api.CoreFeatures.V2;
            case "3.0" -> dev.jazero.api.CoreFeatures.V3;
            default -> throw new UsageException(args.command(), "--wasm: expected 1.0, 2.0 or 3.0, got '" + version + "'");
        };
        for (String name : args.values("--feature")) {
            try {
                enabled = enabled.with(dev.jazero.api.CoreFeatures.named(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException(args.command(), "--feature: " + e.getMessage());
            }
        }
        config = config.withCoreFeatures(enabled);
        Long maxMemory = args.value("--max-memory", SizeConverter::parse);
        if (maxMemory != null) {
            if (maxMemory % dev.jazero.api.Memory.PAGE_SIZE != 0) {
                throw new UsageException(args.command(),
                        "--max-memory: " + maxMemory + " bytes is not a whole number of 64KiB pages");
            }
            try {
                config = config.withMemoryLimitPages(maxMemory / dev.jazero.api.Memory.PAGE_SIZE);
            } catch (IllegalArgumentException e) {
                throw new UsageException(args.command(), "--max-memory: " + e.getMessage());
            }
        }
        return config;
    }

    /** Returns the chosen tier; both options at once are a usage error. */
    Tier tier() {
        boolean interpreter = args.has("--interpreter");
        boolean compiler = args.has("--compiler");
        if (interpreter && compiler) {
            throw new UsageException(args.command(), "--interpreter and --compiler exclude each other");
        }
        return interpreter ? Tier.INTERPRETER : compiler ? Tier.COMPILER : Tier.DEFAULT;
    }
}
