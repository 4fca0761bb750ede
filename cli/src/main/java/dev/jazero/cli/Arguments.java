package dev.jazero.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A command's arguments as {@link CommandSyntax#parse} read them: the options given, by long
 * name, and the parameters, in order.
 */
final class Arguments {

    private final String command;
    private final Map<String, List<String>> options;
    private final List<String> parameters;

    Arguments(String command, Map<String, List<String>> options, List<String> parameters) {
        this.command = command;
        Map<String, List<String>> copy = new java.util.HashMap<>();
        options.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.options = Map.copyOf(copy);
        this.parameters = List.copyOf(parameters);
    }

    /** The command, such as {@code jazero run}: what a usage error names. */
    String command() {
        return command;
    }

    /** Whether the option was given. */
    boolean has(String option) {
        return options.containsKey(option);
    }

    /** The option's value, the last one when given more than once; null when not given. */
    String value(String option) {
        List<String> values = options.get(option);
        return values == null ? null : values.get(values.size() - 1);
    }

    /** The option's value read by {@code parse}, or null; what it throws is a usage error of the option. */
    <T> T value(String option, Function<String, T> parse) {
        String text = value(option);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command, option + ": " + e.getMessage());
        }
    }

    /** Every value of a repeatable option, in order; empty when not given. */
    List<String> values(String option) {
        return options.getOrDefault(option, List.of());
    }

    /** The parameters, in order. */
    List<String> parameters() {
        return parameters;
    }
}
