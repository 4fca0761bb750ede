package dev.jazero.processor;

import java.util.Locale;

/** Name conversions for exports and generated classes. */
final class Names {

    private Names() {
    }

    /**
     * The default export name of a method: {@code fdWrite} becomes {@code fd_write},
     * {@code getHTTPStatus} {@code get_http_status}, {@code utf8Len} {@code utf8_len}; names that
     * are already snake_case stay as they are.
     */
    static String snakeCase(String name) {
        StringBuilder s = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                char prev = i > 0 ? name.charAt(i - 1) : '_';
                boolean afterWord = Character.isLowerCase(prev) || Character.isDigit(prev);
                boolean endOfAcronym = Character.isUpperCase(prev) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if ((afterWord || endOfAcronym) && s.length() > 0 && s.charAt(s.length() - 1) != '_') {
                    s.append('_');
                }
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** {@code fdWrite} to {@code FdWrite}: the name of a method's adapter class. */
    static String upperCamel(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
