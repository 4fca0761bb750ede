package dev.jazero.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options that choose how code is made: the execution {@link Tier}, and canonical NaNs.
 * Shared by every command that compiles or runs code.
 */
public final class TierOptions {

    @Option(names = "--canonical-nans",
            description = "Every NaN that floating-point arithmetic makes is the canonical NaN, so that results are"
                    + " the same bits in every tier and on every machine (costs a compare per instruction).")
    private boolean canonicalNaNs;

    @ArgGroup(exclusive = true)
    private Choice choice;

    private static final class Choice {
        @Option(names = "--interpreter", description = "Run with the interpreter.")
        private boolean interpreter;

        @Option(names = "--compiler", description = "Run with the compiler to JVM bytecode.")
        private boolean compiler;
    }

    /** Returns the runtime configuration these options choose. */
    public dev.jazero.RuntimeConfig runtimeConfig() {
        return tier().runtimeConfig().withCanonicalNaNs(canonicalNaNs);
    }

    /** Returns the chosen tier. */
    public Tier tier() {
        if (choice == null) {
            return Tier.DEFAULT;
        }
        return choice.interpreter ? Tier.INTERPRETER : choice.compiler ? Tier.COMPILER : Tier.DEFAULT;
    }
}
