package dev.jazero.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that choose how code is made: the execution {@link Tier}, and canonical NaNs.
 * Shared by every command that compiles or runs code.
 */
public final class TierOptions {

    @Option(names = "--canonical-nans",
            description = "Every NaN that floating-point arithmetic makes is the canonical NaN, so that results are"
                    + " the same bits in every tier and on every machine (costs a compare per instruction).")
    private boolean canonicalNaNs;

    // Two options rather than an exclusive ArgGroup, which picocli's help lists twice in a mixin.
    @Option(names = "--interpreter", description = "Run with the interpreter.")
    private boolean interpreter;

    @Option(names = "--compiler", description = "Run with the compiler to JVM bytecode (the default).")
    private boolean compiler;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--wasm", paramLabel = "VERSION",
            description = "The WebAssembly version whose rules apply: 1.0, 2.0 or 3.0 (the default; garbage collection's instructions and throwing exceptions are still to come).")
    private String version;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "How large a memory may grow, such as 512MiB or 8GiB (default 4GiB; past it only 64-bit memories).")
    private Long maxMemory;

    @Option(names = "--feature", paramLabel = "NAME",
            description = "Enables a core feature beyond the version, such as extended-const, multi-memory, memory64, relaxed-simd, tail-call or function-references with --wasm 2.0. Repeatable.")
    private java.util.List<String> features = new java.util.ArrayList<>();

    /** Returns the runtime configuration these options choose. */
    public dev.jazero.RuntimeConfig runtimeConfig() {
        dev.jazero.RuntimeConfig config = tier().runtimeConfig().withCanonicalNaNs(canonicalNaNs);
        dev.jazero.api.CoreFeatures enabled = version == null ? config.coreFeatures() : switch (version) {
            case "1.0" -> dev.jazero.api.CoreFeatures.V1;
            case "2.0" -> dev.jazero.api.CoreFeatures.V2;
            case "3.0" -> dev.jazero.api.CoreFeatures.V3;
            default -> throw new ParameterException(spec.commandLine(),
                    "--wasm: expected 1.0, 2.0 or 3.0, got '" + version + "'");
        };
        for (String name : features) {
            try {
                enabled = enabled.with(dev.jazero.api.CoreFeatures.named(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--feature: " + e.getMessage());
            }
        }
        config = config.withCoreFeatures(enabled);
        if (maxMemory != null) {
            if (maxMemory % dev.jazero.api.Memory.PAGE_SIZE != 0) {
                throw new ParameterException(spec.commandLine(),
                        "--max-memory: " + maxMemory + " bytes is not a whole number of 64KiB pages");
            }
            try {
                config = config.withMemoryLimitPages(maxMemory / dev.jazero.api.Memory.PAGE_SIZE);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--max-memory: " + e.getMessage());
            }
        }
        return config;
    }

    /** Returns the chosen tier; both options at once are a usage error. */
    public Tier tier() {
        if (interpreter && compiler) {
            throw new ParameterException(spec.commandLine(), "--interpreter and --compiler exclude each other");
        }
        return interpreter ? Tier.INTERPRETER : compiler ? Tier.COMPILER : Tier.DEFAULT;
    }
}
