package dev.jazero.cli;

import dev.jazero.api.TrapException;
import dev.jazero.api.WasmException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jazero} command line, in the manner of wazero's and wasmtime's: {@code run},
 * {@code wast}, {@code compile} and {@code version}.
 *
 * <p>{@link #execute} is the library entry: it returns the exit code and never exits, so tests
 * run the CLI in-process. Only {@link #main} ends the JVM.
 *
 * <p>Exit codes: 0 success; 1 a failure of the module or program (it does not compile, link or
 * instantiate, it traps, a WAST script has failures, a file is missing); 2 a usage error; a
 * guest's own exit code when it exits.
 */
@Command(name = "jazero",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "A WebAssembly runtime for the JVM.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the module or program failed: it does not compile, link or instantiate, it traps, a WAST script has"
                    + " failures, a file is missing",
            "2:usage error",
            "124:`run --timeout` stopped the program",
            "other:the WASI program's own exit code"
        },
        subcommands = {
            RunSubcommand.class,
            WastSubcommand.class,
            CompileSubcommand.class,
            VersionSubcommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    /** The exit code of a failure that is not a usage error. */
    public static final int EXIT_FAILURE = 1;

    @Spec
    private CommandSpec spec;

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs the CLI with the given arguments, writing to {@code out} and {@code err}, and returns
     * the exit code. Both writers are flushed before it returns.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(Main::handleException)
                .setParameterExceptionHandler((e, arguments) -> usageError(e));
        // `run FILE -1 nan`: everything after the module file is an argument of the function,
        // even when it looks like an option.
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a subcommand: a usage error. */
    @Override
    public Integer call() {
        return usageError(new CommandLine.ParameterException(spec.commandLine(),
                "missing command: run, wast, compile or version"));
    }

    /**
     * A usage error: one line that says what is wrong, one that says where help is, exit code 2.
     * The usage itself is for {@code --help}: printed here, it would bury the line that matters.
     */
    static int usageError(CommandLine.ParameterException e) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("jazero: " + e.getMessage());
        err.println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Turns an exception of a command into a line on stderr and exit code 1; a trap is followed
     * by its WebAssembly stack trace, one frame (and its source lines) per line, as wazero prints it.
     */
    private static int handleException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof CommandLine.ParameterException usage) {
            // Found while running, such as function arguments that do not fit the function.
            return usageError(usage);
        }
        commandLine.getErr().println("jazero: " + describe(e));
        if (e instanceof TrapException) {
            lines(e).skip(1).forEach(commandLine.getErr()::println);
        }
        return EXIT_FAILURE;
    }

    /** Returns a one-line description of a failure, for the user. */
    static String describe(Throwable e) {
        if (e instanceof TrapException) {
            // Its first line: the stack trace follows on lines of its own.
            return "wasm trap: " + lines(e).findFirst().orElse("");
        }
        // One line: engine messages may go on with a stack trace on further lines.
        String message = String.join(" ", lines(e).map(String::strip).filter(line -> !line.isEmpty()).toList());
        if (e instanceof WasmException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
            return message.isEmpty() ? e.getClass().getSimpleName() : message;
        }
        // Anything else is a bug of Jazero rather than of the module: say what it was.
        return "internal error: " + e;
    }

    private static java.util.stream.Stream<String> lines(Throwable e) {
        return e.getMessage() == null ? java.util.stream.Stream.empty() : e.getMessage().strip().lines();
    }

    /** Supplies {@code --version}. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jazero " + Version.get()};
        }
    }
}
