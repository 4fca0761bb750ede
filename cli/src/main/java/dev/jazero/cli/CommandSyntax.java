package dev.jazero.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one command takes, as its help shows it and its parser reads it: options (flags, and
 * options with a value, {@code --name VALUE} or {@code --name=VALUE}), then parameters. Every
 * command has {@code -h}/{@code --help} and {@code -V}/{@code --version}. docs/launcher.md says
 * why the CLI parses its own arguments.
 *
 * @param command the command's name as a user types it, such as {@code jazero run}
 * @param description the paragraphs of its help, below the usage line
 * @param options its options, in the order its help lists them
 * @param parameters its parameters, in order; only the last may take more than one argument
 * @param optionsEndAtFirstParameter whether everything after the first parameter is a parameter,
 *     even what looks like an option (the arguments of a program or function)
 */
record CommandSyntax(String command, List<String> description, List<Option> options, List<Parameter> parameters,
        boolean optionsEndAtFirstParameter) {

    static final Option HELP = Option.flag("-h", "--help", "Show this help message and exit.");
    static final Option VERSION = Option.flag("-V", "--version", "Print version information and exit.");

    /** The widths of the help's columns: where descriptions start, and the whole line. */
    private static final int DESCRIPTION_COLUMN = 29;
    private static final int WIDTH = 80;

    CommandSyntax {
        List<Option> all = new ArrayList<>(options);
        all.add(HELP);
        all.add(VERSION);
        all.sort((a, b) -> a.sortKey().compareTo(b.sortKey()));
        options = List.copyOf(all);
        description = List.copyOf(description);
        parameters = List.copyOf(parameters);
    }

    /**
     * An option.
     *
     * @param shortName its one-letter name ({@code -h}), or null
     * @param name its long name ({@code --help}), by which {@link Arguments} finds it
     * @param label what its value is called in help, or null for a flag, which takes none
     * @param description what it does
     * @param repeatable whether it may be given more than once, each value kept
     */
    record Option(String shortName, String name, String label, String description, boolean repeatable) {

        static Option flag(String name, String description) {
            return new Option(null, name, null, description, false);
        }

        static Option flag(String shortName, String name, String description) {
            return new Option(shortName, name, null, description, false);
        }

        static Option value(String name, String label, String description) {
            return new Option(null, name, label, description, false);
        }

        /** The same option, which may be given more than once. */
        Option asRepeatable() {
            return new Option(shortName, name, label, description, true);
        }

        boolean isFlag() {
            return label == null;
        }

        /** How help lists it: {@code -h, --help} or {@code     --dir=DIR}. */
        String synopsis() {
            return (shortName == null ? "    " : shortName + ", ") + name + (isFlag() ? "" : "=" + label);
        }

        /** Help lists options by name, without their dashes. */
        private String sortKey() {
            String key = (shortName != null ? shortName : name).replaceFirst("^-+", "");
            return key.toLowerCase(java.util.Locale.ROOT) + key;
        }
    }

    /**
     * A parameter.
     *
     * @param label its name in help, such as {@code FILE}
     * @param description what it is
     * @param count how many arguments it takes
     */
    record Parameter(String label, String description, Count count) {

        /** How many arguments a parameter takes: one, or all that are left, none or more or at least one. */
        enum Count { ONE, ANY, SOME }

        /** Whether it takes every argument left. */
        boolean rest() {
            return count != Count.ONE;
        }

        /** How the usage line writes it: {@code FILE}, {@code [ARGS...]}, {@code FILE...}. */
        String synopsis() {
            return switch (count) {
                case ONE -> label;
                case ANY -> "[" + label + "...]";
                case SOME -> label + "...";
            };
        }
    }

    /** Reads {@code args}; a usage error when they do not fit. */
    Arguments parse(List<String> args) {
        Map<String, Option> byName = new LinkedHashMap<>();
        for (Option o : options) {
            byName.put(o.name(), o);
            if (o.shortName() != null) {
                byName.put(o.shortName(), o);
            }
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                optionsEnded |= optionsEndAtFirstParameter;
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (!arg.startsWith("--") && arg.length() > 2 && flags(arg, byName)) {
                // Short flags together: -hV.
                for (int k = 1; k < arg.length(); k++) {
                    values.putIfAbsent(byName.get("-" + arg.charAt(k)).name(), new ArrayList<>(List.of("")));
                }
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            Option option = byName.get(name);
            if (option == null) {
                throw new UsageException(command, "unknown option: '" + name + "'");
            }
            String value;
            if (option.isFlag()) {
                if (eq > 0) {
                    throw new UsageException(command, "option '" + name + "' takes no value");
                }
                value = "";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(command, "option '" + name + "' needs a value: " + option.label());
            }
            List<String> given = values.computeIfAbsent(option.name(), k -> new ArrayList<>());
            if (!given.isEmpty() && !option.repeatable() && !option.isFlag()) {
                throw new UsageException(command, "option '" + option.name() + "' given more than once");
            }
            given.add(value);
        }
        if (values.containsKey(HELP.name()) || values.containsKey(VERSION.name())) {
            return new Arguments(command, values, positional);
        }
        int required = (int) parameters.stream().filter(p -> p.count() != Parameter.Count.ANY).count();
        if (positional.size() < required) {
            throw new UsageException(command, "missing " + parameters.get(positional.size()).label());
        }
        boolean takesRest = !parameters.isEmpty() && parameters.get(parameters.size() - 1).rest();
        if (!takesRest && positional.size() > parameters.size()) {
            throw new UsageException(command, "unexpected argument: '" + positional.get(parameters.size()) + "'");
        }
        return new Arguments(command, values, positional);
    }

    /** Whether {@code arg} is short flags written together, such as {@code -hV}. */
    private static boolean flags(String arg, Map<String, Option> byName) {
        for (int k = 1; k < arg.length(); k++) {
            Option o = byName.get("-" + arg.charAt(k));
            if (o == null || !o.isFlag()) {
                return false;
            }
        }
        return true;
    }

    /** The command's help: the usage line, the description, the parameters and the options. */
    String help() {
        StringBuilder usage = new StringBuilder("Usage: ").append(command).append(" [-hV]");
        for (Option o : options) {
            if (o != HELP && o != VERSION) {
                usage.append(" [").append(o.name()).append(o.isFlag() ? "" : "=" + o.label()).append("]");
            }
        }
        for (Parameter p : parameters) {
            usage.append(' ').append(p.synopsis());
        }
        StringBuilder out = new StringBuilder();
        wrap(out, usage.toString(), "Usage: ".length() + command.length() + 1, 0);
        for (String paragraph : description) {
            wrap(out, paragraph, 0, 0);
        }
        for (Parameter p : parameters) {
            column(out, "      " + p.synopsis(), p.description());
        }
        for (Option o : options) {
            column(out, "  " + o.synopsis(), o.description());
        }
        return out.toString();
    }

    /** A line of help's two columns: the term, then its description from {@link #DESCRIPTION_COLUMN} on. */
    static void column(StringBuilder out, String term, String description) {
        StringBuilder line = new StringBuilder(term);
        if (line.length() + 2 > DESCRIPTION_COLUMN) {
            out.append(line).append('\n');
            line.setLength(0);
        }
        line.append(" ".repeat(DESCRIPTION_COLUMN - line.length()));
        wrap(out, line + description, DESCRIPTION_COLUMN + 2, DESCRIPTION_COLUMN);
    }

    /**
     * {@code text} broken at spaces into lines of at most {@link #WIDTH} characters, lines after
     * the first indented by {@code indent}; the first {@code keep} characters are never broken.
     */
    static void wrap(StringBuilder out, String text, int indent, int keep) {
        String rest = text;
        boolean first = true;
        while (true) {
            String line = first ? rest : " ".repeat(indent) + rest;
            if (line.length() <= WIDTH) {
                out.append(line).append('\n');
                return;
            }
            int cut = line.lastIndexOf(' ', WIDTH);
            int floor = first ? keep : indent;
            if (cut <= floor) {
                cut = line.indexOf(' ', WIDTH);
                if (cut < 0) {
                    out.append(line).append('\n');
                    return;
                }
            }
            out.append(line, 0, cut).append('\n');
            rest = line.substring(cut + 1).stripLeading();
            first = false;
        }
    }
}
