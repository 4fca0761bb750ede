package dev.jazero.cli.wast;

import dev.jazero.RuntimeConfig;
import dev.jazero.internal.text.WastCommand;
import dev.jazero.internal.text.WastParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs WebAssembly specification scripts ({@code .wast}) the way the reference interpreter does,
 * each in a fresh runtime of the given configuration. Reusable: {@link #open} gives a
 * {@link WastScript} to run command by command (for test frameworks), {@link #run} runs a whole
 * script. Immutable; the {@code withX} methods return changed copies.
 */
public final class WastRunner {

    /** The default time limit of one command. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Finds {@code file:line:column} in the parser's messages. */
    private static final Pattern POSITION = Pattern.compile(":(\\d+):\\d+:");

    private final RuntimeConfig config;
    private final Duration timeout;
    private final PrintStream spectestOutput;

    /** Creates a runner whose scripts run in runtimes of this configuration. */
    public WastRunner(RuntimeConfig config) {
        this(config, DEFAULT_TIMEOUT, null);
    }

    private WastRunner(RuntimeConfig config, Duration timeout, PrintStream spectestOutput) {
        this.config = Objects.requireNonNull(config);
        this.timeout = Objects.requireNonNull(timeout);
        this.spectestOutput = spectestOutput;
    }

    /** Returns a copy with another time limit per command. */
    public WastRunner withTimeout(Duration timeout) {
        return new WastRunner(config, timeout, spectestOutput);
    }

    /** Returns a copy whose {@code spectest} print functions print to {@code out} (default: nothing). */
    public WastRunner withSpectestOutput(PrintStream out) {
        return new WastRunner(config, timeout, out);
    }

    /**
     * Reads and parses a script. A script that does not parse still opens, as a script of one
     * failing command, so that the failure shows up among the results.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public WastScript open(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        try {
            List<WastCommand> commands = WastParser.parse(text, fileName);
            return new WastScript(file, commands, null, 0, config, spectestOutput, timeout);
        } catch (RuntimeException | StackOverflowError e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new WastScript(file, List.of(), message, lineOf(message), config, spectestOutput, timeout);
        }
    }

    /**
     * Runs a whole script, handing each result to {@code listener} as soon as it is known, and
     * returns all results in order.
     */
    public List<CommandResult> run(Path file, Consumer<CommandResult> listener) {
        try (WastScript script = open(file)) {
            return script.runAll(listener);
        }
    }

    private static int lineOf(String message) {
        Matcher matcher = POSITION.matcher(message);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
