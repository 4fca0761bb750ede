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

    @Option(names = "--feature", paramLabel = "NAME",
            description = "Enables a core feature beyond WebAssembly 2.0, such as extended-const, multi-memory, memory64, relaxed-simd, tail-call or function-references. Repeatable.")
    private java.util.List<String> features = new java.util.ArrayList<>();

    /** Returns the runtime configuration these options choose. */
    public dev.jazero.RuntimeConfig runtimeConfig() {
        dev.jazero.RuntimeConfig config = tier().runtimeConfig().withCanonicalNaNs(canonicalNaNs);
        dev.jazero.api.CoreFeatures enabled = config.coreFeatures();
        for (String name : features) {
            try {
                enabled = enabled.with(dev.jazero.api.CoreFeatures.named(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--feature: " + e.getMessage());
            }
        }
        return config.withCoreFeatures(enabled);
    }

    /** Returns the chosen tier; both options at once are a usage error. */
    public Tier tier() {
        if (interpreter && compiler) {
            throw new ParameterException(spec.commandLine(), "--interpreter and --compiler exclude each other");
        }
        return interpreter ? Tier.INTERPRETER : compiler ? Tier.COMPILER : Tier.DEFAULT;
    }
}
