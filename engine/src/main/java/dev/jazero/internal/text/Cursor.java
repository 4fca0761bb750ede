package dev.jazero.internal.text;

import dev.jazero.api.MalformedModuleException;
import java.nio.charset.StandardCharsets;

/** A read position in a {@link Tokens} stream with the small parsing steps shared by all parsers. */
final class Cursor {

    final Tokens t;
    int pos;

    Cursor(Tokens t) {
        this.t = t;
    }

    int kind() {
        return t.kind[pos];
    }

    int kind(int ahead) {
        int i = pos + ahead;
        return i < t.count ? t.kind[i] : Tokens.EOF;
    }

    boolean at(int kind) {
        return t.kind[pos] == kind;
    }

    boolean atAtom(String word) {
        return t.isAtom(pos, word);
    }

    /** At {@code (word}. */
    boolean atForm(String word) {
        return t.isForm(pos, word);
    }

    String text() {
        return t.text(pos);
    }

    MalformedModuleException unexpected() {
        return t.unexpected(pos);
    }

    MalformedModuleException error(String message) {
        return t.error(pos, message);
    }

    void expect(int kind) {
        if (t.kind[pos] != kind) {
            throw unexpected();
        }
        pos++;
    }

    void expectLParen() {
        expect(Tokens.LPAREN);
    }

    void expectRParen() {
        expect(Tokens.RPAREN);
    }

    void expectAtom(String word) {
        if (!atAtom(word)) {
            throw unexpected();
        }
        pos++;
    }

    /** Consumes {@code (word} if present. */
    boolean acceptForm(String word) {
        if (atForm(word)) {
            pos += 2;
            return true;
        }
        return false;
    }

    /** Consumes an identifier if present and returns its name (without {@code $}), else null. */
    String acceptId() {
        if (t.kind[pos] != Tokens.ID) {
            return null;
        }
        String name = idName(pos);
        pos++;
        return name;
    }

    /** The name of the identifier token {@code i}: {@code $abc} is "abc", {@code $"a b"} is "a b". */
    String idName(int i) {
        int s = t.start[i];
        int e = t.end[i];
        if (t.src.charAt(s + 1) != '"') {
            return t.src.substring(s + 1, e);
        }
        byte[] bytes = decodeString(i, s + 1, e);
        String name = StringLiterals.decodeUtf8(bytes);
        if (name == null) {
            throw t.error(i, "malformed UTF-8 encoding");
        }
        if (name.isEmpty()) {
            throw t.error(i, "empty identifier");
        }
        return name;
    }

    /** Whether the token is an index: a natural number or an identifier. */
    boolean atIndex() {
        return atIndex(0);
    }

    boolean atIndex(int ahead) {
        int k = kind(ahead);
        return k == Tokens.ID || (k == Tokens.ATOM && NumberLiterals.isNat(t.text(pos + ahead)));
    }

    /** Consumes a u32 literal. */
    long u32() {
        return unsigned(32);
    }

    long unsigned(int bits) {
        if (t.kind[pos] != Tokens.ATOM) {
            throw unexpected();
        }
        try {
            long v = NumberLiterals.parseUnsigned(text(), bits);
            pos++;
            return v;
        } catch (NumberLiterals.BadSyntax e) {
            throw unexpected();
        } catch (NumberLiterals.OutOfRange e) {
            throw error("i" + bits + " constant out of range");
        }
    }

    /** Consumes a string literal and returns its bytes. */
    byte[] string() {
        if (t.kind[pos] != Tokens.STRING) {
            throw unexpected();
        }
        byte[] b = decodeString(pos, t.start[pos], t.end[pos]);
        pos++;
        return b;
    }

    private byte[] decodeString(int tokenIndex, int from, int to) {
        try {
            return StringLiterals.decode(t.src, from, to);
        } catch (StringLiterals.BadString e) {
            throw t.error(tokenIndex, e.getMessage());
        }
    }

    /** Consumes a string that must be valid UTF-8 (import and export names). */
    byte[] name() {
        int at = pos;
        byte[] b = string();
        if (!StringLiterals.isValidUtf8(b)) {
            throw t.error(at, "malformed UTF-8 encoding");
        }
        return b;
    }

    /** Skips a balanced {@code ( ... )} form starting at the current {@code (}, iteratively. */
    void skipForm() {
        expectLParen();
        int depth = 1;
        while (depth > 0) {
            int k = t.kind[pos];
            if (k == Tokens.EOF) {
                throw unexpected();
            }
            if (k == Tokens.LPAREN) {
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            }
            pos++;
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
