package dev.jazero.cli;

import dev.jazero.api.TrapException;
import dev.jazero.api.WasmException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class Main {

    /** The exit code of a failure that is not a usage error. */
    public static final int EXIT_FAILURE = 1;
    /** The exit code of a usage error. */
    static final int EXIT_USAGE = 2;

    /** The top level's own options, before a command: {@code --help} and {@code --version}. */
    private static final CommandSyntax SYNTAX = new CommandSyntax("jazero",
            List.of("A WebAssembly runtime for the JVM."), List.of(), List.of(), false);

    private Main() {
    }

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
        try {
            return dispatch(out, err, List.of(args));
        } catch (UsageException e) {
            return usageError(err, e);
        } catch (Exception e) {
            err.println("jazero: " + describe(e));
            if (e instanceof TrapException) {
                lines(e).skip(1).forEach(err::println);
            }
            return EXIT_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The commands, by name; a new instance of each for each run. */
    private static Map<String, Subcommand> subcommands() {
        Map<String, Subcommand> commands = new LinkedHashMap<>();
        commands.put("run", new RunSubcommand());
        commands.put("wast", new WastSubcommand());
        commands.put("compile", new CompileSubcommand());
        commands.put("version", new VersionSubcommand());
        return commands;
    }

    private static int dispatch(PrintWriter out, PrintWriter err, List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException(SYNTAX.command(), "missing command: run, wast, compile or version");
        }
        if (args.get(0).startsWith("-")) {
            Arguments top = SYNTAX.parse(args);
            if (top.has(CommandSyntax.HELP.name())) {
                out.print(help());
                return 0;
            }
            if (top.has(CommandSyntax.VERSION.name())) {
                out.println(versionLine());
                return 0;
            }
            throw new UsageException(SYNTAX.command(), "missing command: run, wast, compile or version");
        }
        Map<String, Subcommand> commands = subcommands();
        String name = args.get(0);
        if (name.equals("help")) {
            // `jazero help COMMAND` is `jazero COMMAND --help`; `jazero help`, the commands.
            Subcommand about = args.size() > 1 ? commands.get(args.get(1)) : null;
            if (args.size() > 1 && about == null) {
                throw new UsageException(SYNTAX.command(), "no command '" + args.get(1) + "'");
            }
            out.print(about == null ? help() : about.syntax().help());
            return 0;
        }
        Subcommand command = commands.get(name);
        if (command == null) {
            throw new UsageException(SYNTAX.command(), "no command '" + name + "': run, wast, compile or version");
        }
        Arguments arguments = command.syntax().parse(args.subList(1, args.size()));
        if (arguments.has(CommandSyntax.HELP.name())) {
            out.print(command.syntax().help());
            return 0;
        }
        if (arguments.has(CommandSyntax.VERSION.name())) {
            out.println(versionLine());
            return 0;
        }
        return command.run(arguments, out, err);
    }

    /** The top level's help: the commands and the exit codes. */
    private static String help() {
        StringBuilder out = new StringBuilder();
        out.append("Usage: jazero [-hV] COMMAND [ARGS...]\n");
        out.append("A WebAssembly runtime for the JVM.\n");
        CommandSyntax.column(out, "  -h, --help", CommandSyntax.HELP.description());
        CommandSyntax.column(out, "  -V, --version", CommandSyntax.VERSION.description());
        out.append("Commands:\n");
        subcommands().forEach((name, command) -> CommandSyntax.column(out, "  " + name,
                command.syntax().description().get(0)));
        CommandSyntax.column(out, "  help", "Show the help of a command: jazero help COMMAND.");
        out.append("\nExit codes:\n");
        CommandSyntax.column(out, "  0", "success");
        CommandSyntax.column(out, "  1", "the module or program failed: it does not compile, link or instantiate,"
                + " it traps, a WAST script has failures, a file is missing");
        CommandSyntax.column(out, "  2", "usage error");
        CommandSyntax.column(out, "  124", "`run --timeout` stopped the program");
        CommandSyntax.column(out, "  other", "the WASI program's own exit code");
        return out.toString();
    }

    /** What {@code --version} and {@code jazero version} print. */
    static String versionLine() {
        return "jazero " + Version.get();
    }

    /**
     * A usage error: one line that says what is wrong, one that says where help is, exit code 2.
     * The usage itself is for {@code --help}: printed here, it would bury the line that matters.
     */
    private static int usageError(PrintWriter err, UsageException e) {
        err.println("jazero: " + e.getMessage());
        err.println("see '" + e.command() + " --help'");
        return EXIT_USAGE;
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
}
