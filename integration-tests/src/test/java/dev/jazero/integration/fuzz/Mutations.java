package dev.jazero.integration.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Seeded mutations of modules in the binary and the text format. */
final class Mutations {

    private Mutations() {
    }

    // ---- the binary format ----

    /** One mutation mostly, so that many inputs get past the decoder; up to three. */
    private static int mutations(SplittableRandom random) {
        int r = random.nextInt(10);
        return r < 7 ? 1 : r < 9 ? 2 : 3;
    }

    static byte[] mutate(byte[] data, List<byte[]> corpus, SplittableRandom random) {
        int mutations = mutations(random);
        for (int m = 0; m < mutations; m++) {
            data = mutateOnce(data, corpus, random);
        }
        return data;
    }

    private static byte[] mutateOnce(byte[] data, List<byte[]> corpus, SplittableRandom random) {
        if (data.length == 0) {
            return data;
        }
        int at = random.nextInt(data.length);
        // Changes in place keep every section's size right, so that more inputs reach the
        // validator and the tiers: they are chosen half of the time.
        int kind = random.nextBoolean() ? new int[] {0, 1, 6}[random.nextInt(3)] : random.nextInt(8);
        switch (kind) {
            case 0 -> {
                byte[] out = data.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = data.clone();
                byte[] interesting = {0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 0x01, 0x40, 0x0B, 0x60};
                out[at] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
                return out;
            }
            case 2 -> {
                return Arrays.copyOf(data, at);
            }
            case 3 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = random.nextInt(other.length);
                byte[] out = Arrays.copyOf(data, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
            case 4 -> {
                // An overlong or huge LEB128: counts, sizes and indices that ask for everything.
                byte[] leb = switch (random.nextInt(3)) {
                    case 0 -> new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
                    case 1 -> new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};
                    default -> new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
                };
                return splice(data, at, random.nextBoolean() ? 0 : 1, leb);
            }
            case 5 -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(16));
                return splice(data, at, length, new byte[0]);
            }
            case 6 -> {
                // An instruction's opcode replaced by another, plain or prefixed.
                byte[] out = data.clone();
                out[at] = (byte) (random.nextBoolean() ? random.nextInt(0xC5) : 0xFC + random.nextInt(2));
                return out;
            }
            default -> {
                int length = Math.min(data.length - at, 1 + random.nextInt(16));
                return splice(data, at, 0, Arrays.copyOfRange(data, at, at + length));
            }
        }
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        remove = Math.min(remove, data.length - at);
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }

    // ---- the text format ----

    private static final Pattern TOKEN = Pattern.compile("\\(|\\)|\"(?:\\\\.|[^\"\\\\])*\"?|;;[^\\n]*|[^\\s()\"]+|\\s+");
    private static final String[] EXTREMES = {"0", "-1", "4294967295", "4294967296", "-2147483649", "18446744073709551616",
        "0x7fffffff", "0xffffffffffffffff", "1e400", "-0x1p-1075", "nan:0x7fffff", "nan:0x0", "inf", "-inf",
        "99999999999999999999999999999999999999", "0x", "1_", "_1", "$", "$x", "\"\\u{110000}\"", "\"\\ff\""};

    static String mutate(String text, List<String> corpus, SplittableRandom random) {
        List<String> tokens = tokens(text);
        int mutations = mutations(random);
        for (int m = 0; m < mutations && !tokens.isEmpty(); m++) {
            mutateOnce(tokens, corpus, random);
        }
        return String.join("", tokens);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                tokens.add(text.substring(end, m.start()));
            }
            tokens.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            tokens.add(text.substring(end));
        }
        return tokens;
    }

    private static void mutateOnce(List<String> tokens, List<String> corpus, SplittableRandom random) {
        int at = random.nextInt(tokens.size());
        switch (random.nextInt(8)) {
            case 0 -> tokens.remove(at);
            case 1 -> tokens.add(at, tokens.get(random.nextInt(tokens.size())));
            case 2 -> tokens.set(at, EXTREMES[random.nextInt(EXTREMES.length)]);
            case 3 -> tokens.add(at, random.nextBoolean() ? "(" : ")");
            case 4 -> {
                int other = random.nextInt(tokens.size());
                String t = tokens.get(at);
                tokens.set(at, tokens.get(other));
                tokens.set(other, t);
            }
            case 5 -> {
                List<String> donor = tokens(corpus.get(random.nextInt(corpus.size())));
                int from = random.nextInt(donor.size());
                int length = Math.min(donor.size() - from, 1 + random.nextInt(20));
                tokens.addAll(at, donor.subList(from, from + length));
            }
            case 6 -> {
                int length = Math.min(tokens.size() - at, 1 + random.nextInt(10));
                tokens.subList(at, at + length).clear();
            }
            default -> {
                // A character changed inside a token: names, numbers, keywords and strings one edit off.
                String t = tokens.get(at);
                if (!t.isEmpty()) {
                    StringBuilder sb = new StringBuilder(t);
                    sb.setCharAt(random.nextInt(t.length()), (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x800)));
                    tokens.set(at, sb.toString());
                }
            }
        }
    }
}
