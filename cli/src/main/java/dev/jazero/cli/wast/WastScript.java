package dev.jazero.cli.wast;

import dev.jazero.RuntimeConfig;
import dev.jazero.cli.Worker;
import dev.jazero.internal.text.WastCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One parsed script, ready to run command by command: {@link #commands()} lists them, and
 * {@link #run(ScriptCommand)} runs one and returns its result, so that a test framework can make
 * each command a test. Commands run in script order; running one runs any earlier ones not yet
 * run first (their results are dropped), as the later ones depend on them.
 *
 * <p>The script's runtime is created with the first command, on a {@link Worker} thread that each
 * command runs on with a time limit. A command that overruns fails, and so do all the commands
 * after it, since the abandoned one may still be using the runtime. The script closes itself
 * once its last command has run; {@link #close()} does it earlier.
 */
public final class WastScript implements AutoCloseable {

    private final Path path;
    private final String fileName;
    private final List<WastCommand> parsed;
    private final List<ScriptCommand> commands;
    private final String parseError;
    private final RuntimeConfig config;
    private final PrintStream spectestOutput;
    private final Duration timeout;

    private Worker worker;
    private ScriptState state;
    private Throwable setupFailure;
    private String brokenBy;
    private int next;
    private boolean closed;

    WastScript(Path path, List<WastCommand> parsed, String parseError, int parseErrorLine, RuntimeConfig config,
            PrintStream spectestOutput, Duration timeout) {
        this.path = path;
        this.fileName = path.getFileName().toString();
        this.parsed = parsed;
        this.parseError = parseError;
        this.config = config;
        this.spectestOutput = spectestOutput;
        this.timeout = timeout;
        List<ScriptCommand> list = new ArrayList<>();
        if (parseError != null) {
            list.add(new ScriptCommand(fileName, parseErrorLine, 0, "script"));
        } else {
            for (int i = 0; i < parsed.size(); i++) {
                WastCommand command = parsed.get(i);
                list.add(new ScriptCommand(fileName, command.line(), i, CommandExecutor.describe(command)));
            }
        }
        this.commands = List.copyOf(list);
    }

    /** Returns the script's path. */
    public Path path() {
        return path;
    }

    /** Returns the script's file name, as results name it. */
    public String fileName() {
        return fileName;
    }

    /**
     * Returns the top-level commands in script order. A script that does not parse has one
     * command, which fails with the parser's message.
     */
    public List<ScriptCommand> commands() {
        return commands;
    }

    /**
     * Runs one command of this script (and any earlier ones not yet run) and returns its result.
     * Never throws for what the command does: every exception and error becomes a failure.
     *
     * @throws IllegalStateException when the command already ran or is not of this script
     */
    public synchronized CommandResult run(ScriptCommand command) {
        if (command.index() >= commands.size() || commands.get(command.index()) != command) {
            throw new IllegalStateException("not a command of " + fileName + ": " + command);
        }
        if (command.index() < next) {
            throw new IllegalStateException(command.location() + " has already run");
        }
        CommandResult result = null;
        while (next <= command.index()) {
            result = runNext();
        }
        if (next == commands.size()) {
            close();
        }
        return result;
    }

    /** Runs every command and returns the results in order. */
    public List<CommandResult> runAll(Consumer<CommandResult> listener) {
        List<CommandResult> results = new ArrayList<>(commands.size());
        for (ScriptCommand command : commands) {
            CommandResult result = run(command);
            listener.accept(result);
            results.add(result);
        }
        return results;
    }

    private CommandResult runNext() {
        ScriptCommand command = commands.get(next++);
        if (parseError != null) {
            return CommandResult.fail(command, "the script does not parse: " + parseError, null);
        }
        if (closed) {
            return CommandResult.fail(command, "not run: the script was closed", null);
        }
        if (brokenBy != null) {
            return CommandResult.fail(command, "not run: " + brokenBy, null);
        }
        WastCommand wast = parsed.get(command.index());
        try {
            String detail = worker().call(() -> execute(wast), timeout);
            return CommandResult.pass(command, detail);
        } catch (CommandFailure e) {
            return CommandResult.fail(command, e.getMessage(), e.getCause());
        } catch (TimeoutException e) {
            brokenBy = "the command of line " + command.line() + " ran out of time and may still use the runtime";
            return CommandResult.fail(command, "did not finish within " + timeout.toSeconds() + " s", e);
        } catch (Throwable e) {
            // A bug of the runner or a failure outside the engine's own exceptions.
            return CommandResult.fail(command, "unexpected " + Failures.describe(e), e);
        }
    }

    /** Runs on the worker thread. */
    private String execute(WastCommand command) {
        if (setupFailure != null) {
            throw new CommandFailure("the script's runtime with spectest could not be set up: "
                    + Failures.describe(setupFailure), setupFailure);
        }
        if (state == null) {
            try {
                state = new ScriptState(config, spectestOutput);
            } catch (Throwable e) {
                setupFailure = e;
                return execute(command);
            }
        }
        return new CommandExecutor(state).execute(command);
    }

    private Worker worker() {
        if (worker == null) {
            worker = new Worker("jazero-wast-" + fileName);
        }
        return worker;
    }

    /** Closes the script's runtime and thread, unless a command still holds them. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // An abandoned command may still run in the runtime: leave it to the garbage collector.
        if (state != null && (worker == null || !worker.isAbandoned())) {
            try {
                state.close();
            } catch (RuntimeException e) {
                // Best effort: the results are in.
            }
        }
        if (worker != null) {
            worker.close();
        }
    }
}
