package dev.jazero.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jazero version}: prints the version. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class, description = "Prints the version of Jazero.")
final class VersionSubcommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("jazero " + Version.get());
        return 0;
    }
}
