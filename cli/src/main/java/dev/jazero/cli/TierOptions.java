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

    /** Returns the runtime configuration these options choose. */
    public dev.jazero.RuntimeConfig runtimeConfig() {
        return tier().runtimeConfig().withCanonicalNaNs(canonicalNaNs);
    }

    /** Returns the chosen tier; both options at once are a usage error. */
    public Tier tier() {
        if (interpreter && compiler) {
            throw new ParameterException(spec.commandLine(), "--interpreter and --compiler exclude each other");
        }
        return interpreter ? Tier.INTERPRETER : compiler ? Tier.COMPILER : Tier.DEFAULT;
    }
}
