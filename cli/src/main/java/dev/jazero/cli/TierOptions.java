package dev.jazero.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that choose an execution {@link Tier}, shared by every command that runs code. */
public final class TierOptions {

    @ArgGroup(exclusive = true)
    private Choice choice;

    private static final class Choice {
        @Option(names = "--interpreter", description = "Run with the interpreter.")
        private boolean interpreter;

        @Option(names = "--compiler", description = "Run with the compiler to JVM bytecode.")
        private boolean compiler;
    }

    /** Returns the chosen tier. */
    public Tier tier() {
        if (choice == null) {
            return Tier.DEFAULT;
        }
        return choice.interpreter ? Tier.INTERPRETER : choice.compiler ? Tier.COMPILER : Tier.DEFAULT;
    }
}
