package dev.jazero.cli;

import dev.jazero.cli.wast.CommandResult;
import dev.jazero.cli.wast.WastFiles;
import dev.jazero.cli.wast.WastRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jazero wast [--interpreter] FILE-OR-DIR...}: runs WebAssembly spec scripts, prints one
 * line per failing command and the totals as {@code N passed, N failed}.
 */
@Command(name = "wast", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = {
            "Runs .wast scripts of the WebAssembly spec test suite (a directory means the .wast files directly in it).",
            "Prints one line per failing command, then 'N passed, N failed'; exits with 1 when a command failed."
        })
final class WastSubcommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TierOptions tierOptions;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "The time limit of one command, such as 500ms, 2s, 1m (a bare number is seconds); past it"
                    + " the command fails (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = {"-v", "--verbose"}, description = "Also print a line per script with its counts.")
    private boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "FILE-OR-DIR", description = "Scripts, or directories of scripts.")
    private List<Path> paths;

    @Override
    public Integer call() {
        List<Path> files = WastFiles.expand(paths);
        WastRunner runner = new WastRunner(tierOptions.runtimeConfig())
                .withTimeout(timeout);
        PrintWriter out = spec.commandLine().getOut();
        long passed = 0;
        long failed = 0;
        for (Path file : files) {
            List<CommandResult> results = runner.run(file, result -> {
                if (!result.passed()) {
                    out.println(result.describe());
                    out.flush();
                }
            });
            long filePassed = results.stream().filter(CommandResult::passed).count();
            long fileFailed = results.size() - filePassed;
            if (verbose) {
                // Not in the "N passed, N failed" form: that line is the run's total only.
                out.println("# " + file.getFileName() + ": " + filePassed + "/" + results.size() + " commands passed");
            }
            passed += filePassed;
            failed += fileFailed;
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : Main.EXIT_FAILURE;
    }
}
