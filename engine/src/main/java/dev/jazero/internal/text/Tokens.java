package dev.jazero.internal.text;

import dev.jazero.api.MalformedModuleException;

/**
 * The token stream of one source text, stored as parallel arrays (kind, start and end offsets)
 * rather than as objects so that multi-megabyte sources lex quickly and compactly. Produced by
 * {@link Lexer}; positions are turned into line and column numbers only when an error is reported.
 */
final class Tokens {

    static final int LPAREN = 0;
    static final int RPAREN = 1;
    /** A run of identifier characters not starting with {@code $}: keyword or number. */
    static final int ATOM = 2;
    /** {@code $name} or {@code $"name"}. */
    static final int ID = 3;
    static final int STRING = 4;
    /** Any other run of characters that is not a token (always an error where it is used). */
    static final int RESERVED = 5;
    static final int EOF = 6;

    final String src;
    /** Prefix for error messages, e.g. a file name; may be empty. */
    final String origin;
    private final int firstLine;
    private final int firstColumn;

    int[] kind = new int[256];
    int[] start = new int[256];
    int[] end = new int[256];
    int count;

    Tokens(String src, String origin, int firstLine, int firstColumn) {
        this.src = src;
        this.origin = origin;
        this.firstLine = firstLine;
        this.firstColumn = firstColumn;
    }

    void add(int k, int s, int e) {
        if (count == kind.length) {
            int n = count * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            start = java.util.Arrays.copyOf(start, n);
            end = java.util.Arrays.copyOf(end, n);
        }
        kind[count] = k;
        start[count] = s;
        end[count] = e;
        count++;
    }

    String text(int i) {
        return src.substring(start[i], end[i]);
    }

    /** Whether token {@code i} is an atom spelled exactly {@code word}. */
    boolean isAtom(int i, String word) {
        return kind[i] == ATOM
                && end[i] - start[i] == word.length()
                && src.startsWith(word, start[i]);
    }

    /** Whether tokens {@code i, i+1} are {@code (} followed by the atom {@code word}. */
    boolean isForm(int i, String word) {
        return kind[i] == LPAREN && i + 1 < count && isAtom(i + 1, word);
    }

    /** Builds a malformed-module error for the position of token {@code i}. */
    MalformedModuleException error(int i, String message) {
        return errorAt(i < count ? start[i] : src.length(), message);
    }

    MalformedModuleException errorAt(int offset, String message) {
        int line = lineOf(offset);
        int column = columnOf(offset);
        String where = line + ":" + column + ": ";
        return new MalformedModuleException(origin.isEmpty() ? where + message : origin + ":" + where + message);
    }

    private int[] lineStarts;

    /** Offsets where lines start, built on first use. */
    private int[] lineStarts() {
        if (lineStarts == null) {
            int n = 1;
            for (int k = 0; k < src.length(); k++) {
                if (src.charAt(k) == '\n') {
                    n++;
                }
            }
            int[] starts = new int[n];
            int j = 1;
            for (int k = 0; k < src.length(); k++) {
                if (src.charAt(k) == '\n') {
                    starts[j++] = k + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    private int lineIndex(int offset) {
        int[] starts = lineStarts();
        int i = java.util.Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** 1-based line of a source offset. */
    int lineOf(int offset) {
        return firstLine + lineIndex(offset);
    }

    /** 1-based column of a source offset. */
    int columnOf(int offset) {
        int li = lineIndex(offset);
        int column = offset - lineStarts()[li] + 1;
        return li == 0 ? column + firstColumn - 1 : column;
    }

    /** 1-based line of token {@code i}. */
    int line(int i) {
        return lineOf(start[i]);
    }

    /**
     * The error for an unexpected token: the spec's "unknown operator" when the token is not a
     * word of the language at all (a misspelt instruction or a malformed number), else
     * "unexpected token".
     */
    MalformedModuleException unexpected(int i) {
        if (i >= count) {
            return error(i, "unexpected end of text");
        }
        if (kind[i] == RESERVED || (kind[i] == ATOM && !Keywords.isKnownAtom(text(i)))) {
            return error(i, "unknown operator " + text(i));
        }
        String token = text(i);
        return error(i, "unexpected token (near '" + (token.length() > 40 ? token.substring(0, 37) + "..." : token) + "')");
    }
}
