package dev.jazero.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every option that takes one: a positive number with a unit,
 * {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}, or a bare number of seconds.
 */
final class DurationConverter {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 2s, 1m or 5)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos = amount * switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        if (nanos < 1 || nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("not a duration from 1 ns to 292 years: '" + text + "'");
        }
        return Duration.ofNanos((long) nanos);
    }

    /** The duration as the syntax writes it: {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 1m}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000L != 0) {
            return nanos + "ns";
        }
        long millis = nanos / 1_000_000L;
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis < 1000 ? millis + "ms" : millis / 1000.0 + "s";
    }
}
