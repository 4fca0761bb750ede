package dev.jazero.cli;

import dev.jazero.RuntimeConfig;
import dev.jazero.cli.CommandSyntax.Option;
import dev.jazero.cli.CommandSyntax.Parameter;
import dev.jazero.cli.wast.CommandResult;
import dev.jazero.cli.wast.WastFiles;
import dev.jazero.cli.wast.WastRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jazero wast [--interpreter] FILE-OR-DIR...}: runs WebAssembly spec scripts, prints one
 * line per failing command and the totals as {@code N passed, N failed}.
 */
final class WastSubcommand implements Subcommand {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final CommandSyntax SYNTAX = new CommandSyntax("jazero wast",
            List.of("Runs .wast scripts of the WebAssembly spec test suite (a directory means the .wast files"
                    + " directly in it).",
                    "Prints one line per failing command, then 'N passed, N failed'; exits with 1 when a command"
                    + " failed."),
            Stream.concat(TierOptions.OPTIONS.stream(), Stream.of(
                    Option.value("--timeout", "DURATION", "The time limit of one command, such as 500ms, 2s, 1m (a"
                            + " bare number is seconds); past it the command fails (default: "
                            + DurationConverter.format(DEFAULT_TIMEOUT) + ")."),
                    Option.flag("-v", "--verbose", "Also print a line per script with its counts."))).toList(),
            List.of(new Parameter("FILE-OR-DIR", "Scripts, or directories of scripts.", Parameter.Count.SOME)),
            false);

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(Arguments args, PrintWriter out, PrintWriter err) {
        Duration timeout = args.value("--timeout", DurationConverter::parse);
        boolean verbose = args.has("--verbose");
        List<Path> paths = args.parameters().stream().map(Path::of).toList();
        // The options are checked before the files are looked for.
        RuntimeConfig config = new TierOptions(args).runtimeConfig();
        List<Path> files = WastFiles.expand(paths);
        WastRunner runner = new WastRunner(config)
                .withTimeout(timeout == null ? DEFAULT_TIMEOUT : timeout);
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
