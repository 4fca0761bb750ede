package dev.jazero.internal.text;

/**
 * A module written in a script, not yet encoded.
 *
 * @param kind how it is written
 * @param name the script name of the module ({@code $id} as written, e.g. {@code "$M"}), or null
 * @param text {@link Kind#TEXT}: the source of the whole {@code (module ...)} form;
 *     {@link Kind#QUOTE}: the concatenated quoted text (decoded leniently, for display); else null
 * @param bytes {@link Kind#BINARY}: the concatenated module bytes; {@link Kind#QUOTE}: the exact
 *     bytes of the quoted text (which may be invalid UTF-8 on purpose); else null
 * @param line 1-based line of the module's opening parenthesis in the script
 * @param column 1-based column of that parenthesis
 */
public record WastModule(Kind kind, String name, String text, byte[] bytes, int line, int column) {

    /** The three ways a script writes a module. */
    public enum Kind {
        /** {@code (module ...)} in the text format. */
        TEXT,
        /** {@code (module binary "...")}. */
        BINARY,
        /** {@code (module quote "...")}: text format given as strings. */
        QUOTE
    }

    /**
     * Returns the binary encoding: the bytes of a binary module, or the result of
     * {@link WatParser} for text and quoted modules.
     *
     * @throws dev.jazero.api.MalformedModuleException if the text is malformed
     */
    public byte[] encode() {
        return switch (kind) {
            case BINARY -> bytes.clone();
            case TEXT -> WatParser.parseModule(text, line, column);
            case QUOTE -> WatParser.parseModule(bytes);
        };
    }
}
