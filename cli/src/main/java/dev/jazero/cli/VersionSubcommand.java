package dev.jazero.cli;

import java.io.PrintWriter;
import java.util.List;

/** {@code jazero version}: prints the version. */
final class VersionSubcommand implements Subcommand {

    private static final CommandSyntax SYNTAX = new CommandSyntax("jazero version",
            List.of("Prints the version of Jazero."), List.of(), List.of(), false);

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(Arguments args, PrintWriter out, PrintWriter err) {
        out.println(Main.versionLine());
        return 0;
    }
}
