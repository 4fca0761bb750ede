package dev.jazero.internal.text;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes string literals ({@code "..."} with the escapes {@code \t \n \r \" \' \\ \hh} and a backslash followed by {@code u{h+}})
 * to the bytes they denote, and checks names for valid UTF-8.
 */
final class StringLiterals {

    private StringLiterals() {}

    /** Thrown with a message for a bad escape; the caller adds the position. */
    static final class BadString extends RuntimeException {
        BadString(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes the literal {@code src[from, to)}, which includes both quotes. Characters other than
     * escapes are encoded as UTF-8.
     */
    static byte[] decode(String src, int from, int to) {
        // Most strings are plain ASCII without escapes: copy them directly.
        int last = to - 1;
        boolean simple = true;
        for (int i = from + 1; i < last; i++) {
            char c = src.charAt(i);
            if (c == '\\' || c >= 0x80) {
                simple = false;
                break;
            }
        }
        if (simple) {
            byte[] b = new byte[last - from - 1];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) src.charAt(from + 1 + i);
            }
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from + 1;
        while (i < last) {
            char c = src.charAt(i);
            if (c != '\\') {
                if (c < 0x80) {
                    out.write(c);
                    i++;
                } else {
                    int cp = src.codePointAt(i);
                    if (cp >= 0xD800 && cp <= 0xDFFF) { // unpaired surrogate
                        throw new BadString("malformed UTF-8 encoding");
                    }
                    writeUtf8(out, cp);
                    i += Character.charCount(cp);
                }
                continue;
            }
            if (i + 1 >= last) {
                throw new BadString("unknown escape");
            }
            char e = src.charAt(i + 1);
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case '\\' -> out.write('\\');
                case 'u' -> {
                    int close = src.indexOf('}', i);
                    if (i + 2 >= last || src.charAt(i + 2) != '{' || close < 0 || close >= last || close == i + 3) {
                        throw new BadString("malformed unicode escape");
                    }
                    String hex = src.substring(i + 3, close);
                    long cp;
                    try {
                        cp = NumberLiterals.parseUnsigned("0x" + hex, 32);
                    } catch (RuntimeException ex) {
                        throw new BadString("malformed unicode escape");
                    }
                    if (cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000)) {
                        throw new BadString("malformed unicode escape");
                    }
                    writeUtf8(out, (int) cp);
                    i = close + 1;
                    continue;
                }
                default -> {
                    int hi = Character.digit(e, 16);
                    int lo = i + 2 < last ? Character.digit(src.charAt(i + 2), 16) : -1;
                    if (hi < 0 || lo < 0 || src.charAt(i + 2) >= 0x80 || e >= 0x80) {
                        throw new BadString("unknown escape");
                    }
                    out.write(hi * 16 + lo);
                    i += 3;
                    continue;
                }
            }
            i += 2;
        }
        return out.toByteArray();
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
    }

    /** Whether {@code bytes} are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
    static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Decodes UTF-8 strictly, or returns null when the bytes are malformed. */
    static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
