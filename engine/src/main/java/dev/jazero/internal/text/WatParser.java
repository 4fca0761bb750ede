package dev.jazero.internal.text;

import dev.jazero.internal.wasm.Encoding;
import dev.jazero.api.MalformedModuleException;

/**
 * Translates a module in the WebAssembly text format (WAT) to the binary format.
 *
 * <p>Accepts the whole WebAssembly 2.0 text format, including SIMD: either one
 * {@code (module $id? ...)} form or the bare module fields that the format allows as an
 * abbreviation. The result has the sections in canonical order and, when the text names the
 * module, functions or locals with {@code $ids}, a {@code name} custom section at the end.
 *
 * <p>Only the text format is checked here: a module that is well formed but breaks a validation
 * rule (a type mismatch, an index out of range given as a number) still encodes, and the
 * validator reports it. Text errors throw {@link MalformedModuleException} with a message
 * {@code line:column: reason}, where the reason uses the wording of the specification's test
 * suite ("unexpected token", "unknown operator", "constant out of range", ...).
 */
public final class WatParser {

    private WatParser() {}

    /**
     * Whether {@code wasmOrWat} is the text format: text starts, after white space, with a
     * parenthesis or a comment. Anything else is taken as the binary format, so that a binary
     * without its magic number is reported as malformed rather than parsed as text.
     */
    public static boolean looksLikeText(byte[] wasmOrWat) {
        for (byte b : wasmOrWat) {
            switch (b) {
                case ' ', '\t', '\n', '\r' -> { }
                case '(', ';' -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Parses a module named {@code name} (a file name, or empty) and returns its binary encoding
     * and where its instructions are in the text; errors say {@code name:line:column: reason}.
     * The text is read by the rules that go with {@code encoding}'s (3.0's text format writes
     * 64-bit address types, and bounds, offsets and alignments as u64s, where 2.0's has u32s).
     */
    public static TextModule parse(String source, String name, Encoding encoding) {
        Tokens tokens = Lexer.lex(source, name, 1, 1);
        ModuleParser parser = new ModuleParser(tokens, encoding);
        byte[] binary = parser.parse();
        return new TextModule(binary, parser.positions());
    }

    /** Parses a module given as UTF-8 bytes, as {@link #parse(String, String, Encoding)} does. */
    public static TextModule parse(byte[] utf8Source, String name, Encoding encoding) {
        String source = StringLiterals.decodeUtf8(utf8Source);
        if (source == null) {
            throw new MalformedModuleException((name.isEmpty() ? "" : name + ":") + utf8ErrorPosition(utf8Source)
                    + ": malformed UTF-8 encoding");
        }
        return parse(source, name, encoding);
    }

    /** Parses a module by 2.0's rules and returns its binary encoding. */
    public static byte[] parseModule(String source) {
        return parseModule(source, 1, 1);
    }

    /**
     * Parses a module that starts at the given line and column of a larger text (such as a
     * script), so that error positions refer to that text.
     */
    public static byte[] parseModule(String source, int firstLine, int firstColumn) {
        Tokens tokens = Lexer.lex(source, "", firstLine, firstColumn);
        return new ModuleParser(tokens, Encoding.V2).parse();
    }

    /**
     * Parses a module given as UTF-8 bytes; bytes that are not valid UTF-8 are a malformed
     * module.
     */
    public static byte[] parseModule(byte[] utf8Source) {
        return parse(utf8Source, "", Encoding.V2).binary();
    }

    private static String utf8ErrorPosition(byte[] b) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xFF;
            int len = v < 0x80 ? 1 : v >= 0xC2 && v < 0xE0 ? 2 : v >= 0xE0 && v < 0xF0 ? 3 : v >= 0xF0 && v < 0xF5 ? 4 : 0;
            if (len == 0 || i + len > b.length
                    || StringLiterals.decodeUtf8(java.util.Arrays.copyOfRange(b, i, i + len)) == null) {
                return line + ":" + col;
            }
            if (v == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i += len - 1;
        }
        return line + ":" + col;
    }
}
