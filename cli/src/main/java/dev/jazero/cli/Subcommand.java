package dev.jazero.cli;

import java.io.PrintWriter;

/** One of the CLI's commands: what it takes, and what it does with it. */
interface Subcommand {

    /** Its name, options and parameters. */
    CommandSyntax syntax();

    /**
     * Runs it and returns the exit code.
     *
     * @throws UsageException when its arguments do not fit, found while running
     */
    int run(Arguments args, PrintWriter out, PrintWriter err) throws Exception;
}
