package dev.jazero.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of a size of memory: a whole number of bytes with a binary unit, {@code 64KiB},
 * {@code 512MiB}, {@code 8GiB}, {@code 1TiB} ({@code K}, {@code M}, {@code G}, {@code T} and
 * {@code k}... too), or a bare number of bytes.
 */
final class SizeConverter {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kKmMgGtT](?:iB|B)?)?");

    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 512MiB, 8GiB or a number of bytes)");
        }
        long amount = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (Character.toUpperCase(m.group(2).charAt(0))) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 40;
        };
        if (amount > Long.MAX_VALUE >>> shift) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return amount << shift;
    }
}
