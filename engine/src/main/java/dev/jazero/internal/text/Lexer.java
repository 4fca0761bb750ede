package dev.jazero.internal.text;

/**
 * Splits source text into {@link Tokens}. Whitespace and comments ({@code ;; ...} and nested
 * {@code (; ... ;)}) are dropped, and so are annotations {@code (@id ...)}, which the annotations
 * proposal allows anywhere whitespace is and which Jazero does not interpret.
 *
 * <p>As in the specification, a token is a maximal run of identifier characters, strings and
 * reserved characters; a run that is not exactly one keyword/number, identifier or string (for
 * example {@code $l"a"} or {@code 0$x}) becomes a {@link Tokens#RESERVED} token, reported as an
 * unknown operator when the parser meets it.
 */
final class Lexer {

    private final String src;
    private final Tokens out;
    private int annotationDepth;
    private int annotationStartCount;
    private int annotationStartOffset;

    private Lexer(String src, Tokens out) {
        this.src = src;
        this.out = out;
    }

    /** Lexes {@code src}; errors name {@code origin} and positions counted from the given line/column. */
    static Tokens lex(String src, String origin, int firstLine, int firstColumn) {
        Tokens tokens = new Tokens(src, origin, firstLine, firstColumn);
        new Lexer(src, tokens).run();
        return tokens;
    }

    static Tokens lex(String src) {
        return lex(src, "", 1, 1);
    }

    private static final boolean[] ID_CHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ID_CHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ID_CHAR[c] = true;
            ID_CHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) {
            ID_CHAR[c] = true;
        }
    }

    static boolean isIdChar(char c) {
        return c < 128 && ID_CHAR[c];
    }

    private static boolean isReservedChar(char c) {
        return c == ',' || c == ';' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    private void run() {
        String s = src;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\r' -> i++;
                case '(' -> {
                    if (i + 1 < n && s.charAt(i + 1) == ';') {
                        i = skipBlockComment(i);
                    } else if (i + 1 < n && s.charAt(i + 1) == '@' && annotationDepth == 0) {
                        i = openAnnotation(i);
                    } else {
                        if (annotationDepth > 0) {
                            annotationDepth++;
                        }
                        out.add(Tokens.LPAREN, i, i + 1);
                        i++;
                    }
                }
                case ')' -> {
                    out.add(Tokens.RPAREN, i, i + 1);
                    i++;
                    if (annotationDepth > 0 && --annotationDepth == 0) {
                        out.count = annotationStartCount; // drop the whole annotation
                    }
                }
                default -> {
                    if (c == ';' && i + 1 < n && s.charAt(i + 1) == ';') {
                        i = skipLineComment(i);
                    } else if (c == '"' || isIdChar(c) || isReservedChar(c)) {
                        i = run(i);
                    } else {
                        throw out.errorAt(i, "illegal character");
                    }
                }
            }
        }
        if (annotationDepth > 0) {
            throw out.errorAt(annotationStartOffset, "unclosed annotation");
        }
        out.add(Tokens.EOF, n, n);
    }

    /** A line comment ends at a line feed or a carriage return, as the text format's newline. */
    private int skipLineComment(int i) {
        for (int n = src.length(); i < n; i++) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
        }
        return src.length();
    }

    private int skipBlockComment(int from) {
        int depth = 0;
        int i = from;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '(' && i + 1 < n && src.charAt(i + 1) == ';') {
                depth++;
                i += 2;
            } else if (c == ';' && i + 1 < n && src.charAt(i + 1) == ')') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw out.errorAt(from, "unclosed comment");
    }

    private int openAnnotation(int i) {
        annotationStartCount = out.count;
        annotationStartOffset = i;
        annotationDepth = 1;
        out.add(Tokens.LPAREN, i, i + 1);
        // The annotation id follows "@" directly: identifier characters or a string.
        int j = i + 2;
        if (j < src.length() && src.charAt(j) == '"') {
            int e = skipString(j);
            if (e - j <= 2) {
                throw out.errorAt(i, "empty annotation id");
            }
            byte[] id;
            try {
                id = StringLiterals.decode(src, j, e);
            } catch (StringLiterals.BadString bad) {
                throw out.errorAt(j, bad.getMessage());
            }
            if (!StringLiterals.isValidUtf8(id)) {
                throw out.errorAt(j, "malformed UTF-8 encoding");
            }
            return e;
        }
        while (j < src.length() && isIdChar(src.charAt(j))) {
            j++;
        }
        if (j == i + 2) {
            throw out.errorAt(i, "empty annotation id");
        }
        return j;
    }

    /** Returns the offset after the closing quote of the string starting at {@code i}. */
    private int skipString(int i) {
        int n = src.length();
        int j = i + 1;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '"') {
                return j + 1;
            }
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c < 0x20 || c == 0x7f) {
                if (c == '\n') {
                    break;
                }
                throw out.errorAt(j, "illegal character");
            }
            j++;
        }
        throw out.errorAt(i, "unclosed string");
    }

    /** Lexes a maximal run of identifier characters, strings and reserved characters. */
    private int run(int from) {
        String s = src;
        int n = s.length();
        int i = from;
        int strings = 0;
        boolean reservedChars = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                i = skipString(i);
                strings++;
            } else if (isIdChar(c)) {
                i++;
            } else if (isReservedChar(c)) {
                if (c == ';' && i + 1 < n && s.charAt(i + 1) == ';') {
                    break; // a line comment ends the token
                }
                reservedChars = true;
                i++;
            } else {
                break;
            }
        }
        int kind;
        char first = s.charAt(from);
        if (reservedChars) {
            kind = Tokens.RESERVED;
        } else if (strings == 0) {
            kind = first == '$' ? (i - from > 1 ? Tokens.ID : Tokens.RESERVED) : Tokens.ATOM;
        } else if (strings == 1 && first == '"' && s.charAt(i - 1) == '"' && stringSpansRun(from, i)) {
            kind = Tokens.STRING;
        } else if (strings == 1 && first == '$' && from + 1 < i && s.charAt(from + 1) == '"'
                && stringSpansRun(from + 1, i)) {
            kind = Tokens.ID; // $"..." (WebAssembly 3.0)
        } else {
            kind = Tokens.RESERVED;
        }
        out.add(kind, from, i);
        return i;
    }

    /** Whether the single string starting at {@code from} ends exactly at {@code to}. */
    private boolean stringSpansRun(int from, int to) {
        return src.charAt(from) == '"' && skipString(from) == to;
    }
}
