package dev.jazero.internal.text;

import dev.jazero.api.MalformedModuleException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code .wast} scripts of the WebAssembly specification test suite (2.0 and 3.0) into
 * {@link WastCommand}s. Modules are not encoded here: each is kept as a {@link WastModule} whose
 * {@link WastModule#encode()} does it, so that an expected text error surfaces where the script
 * expects it.
 *
 * <p>Errors in the script itself throw {@link MalformedModuleException} with a message
 * {@code file:line:column: reason}.
 */
public final class WastParser {

    private final Cursor c;
    private final Tokens t;

    private WastParser(Tokens t) {
        this.t = t;
        this.c = new Cursor(t);
    }

    /**
     * Parses a whole script.
     *
     * @param script the script text
     * @param fileName used in error messages
     */
    public static List<WastCommand> parse(String script, String fileName) {
        Tokens tokens = Lexer.lex(script, fileName == null ? "" : fileName, 1, 1);
        return new WastParser(tokens).commands();
    }

    private static final java.util.Set<String> MODULE_FIELDS = java.util.Set.of(
            "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data");

    private List<WastCommand> commands() {
        List<WastCommand> out = new ArrayList<>();
        if (c.at(Tokens.LPAREN) && c.kind(1) == Tokens.ATOM && MODULE_FIELDS.contains(t.text(1))) {
            // A script may consist of the fields of a single module, without the wrapper.
            int line = t.line(0);
            int column = t.columnOf(t.start[0]);
            String text = t.src.substring(t.start[0]);
            out.add(new WastCommand.Module(line, new WastModule(WastModule.Kind.TEXT, null, text, null, line, column), false));
            return out;
        }
        while (!c.at(Tokens.EOF)) {
            out.add(command());
        }
        return out;
    }

    private WastCommand command() {
        if (!c.at(Tokens.LPAREN) || c.kind(1) != Tokens.ATOM) {
            throw c.unexpected();
        }
        int open = c.pos;
        int line = t.line(open);
        String word = t.text(open + 1);
        switch (word) {
            case "module" -> {
                if (t.isAtom(open + 2, "instance")) {
                    c.pos = open + 3;
                    String instance = acceptName();
                    String definition = acceptName();
                    c.expectRParen();
                    return new WastCommand.ModuleInstance(line, instance, definition);
                }
                boolean definition = t.isAtom(open + 2, "definition");
                return new WastCommand.Module(line, module(), definition);
            }
            case "register" -> {
                c.pos = open + 2;
                String as = utf8String();
                String module = acceptName();
                c.expectRParen();
                return new WastCommand.Register(line, as, module);
            }
            case "invoke", "get" -> {
                return new WastCommand.Action(line, action());
            }
            case "assert_return" -> {
                c.pos = open + 2;
                WastAction action = action();
                List<WastResult> results = new ArrayList<>();
                while (!c.at(Tokens.RPAREN)) {
                    results.add(result());
                }
                c.pos++;
                return new WastCommand.AssertReturn(line, action, results);
            }
            case "assert_trap" -> {
                c.pos = open + 2;
                if (c.atForm("module")) {
                    WastModule m = module();
                    String message = utf8String();
                    c.expectRParen();
                    return new WastCommand.AssertModuleTrap(line, m, message);
                }
                WastAction action = action();
                String message = utf8String();
                c.expectRParen();
                return new WastCommand.AssertTrap(line, action, message);
            }
            case "assert_exhaustion" -> {
                c.pos = open + 2;
                WastAction action = action();
                String message = utf8String();
                c.expectRParen();
                return new WastCommand.AssertExhaustion(line, action, message);
            }
            case "assert_exception" -> {
                c.pos = open + 2;
                WastAction action = action();
                c.expectRParen();
                return new WastCommand.AssertException(line, action);
            }
            case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable" -> {
                c.pos = open + 2;
                if (!c.atForm("module")) {
                    throw c.unexpected();
                }
                WastModule m = module();
                String message = utf8String();
                c.expectRParen();
                return switch (word) {
                    case "assert_malformed" -> new WastCommand.AssertMalformed(line, m, message);
                    case "assert_invalid" -> new WastCommand.AssertInvalid(line, m, message);
                    case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(line, m, message);
                    default -> new WastCommand.AssertUninstantiable(line, m, message);
                };
            }
            default -> throw t.unexpected(open + 1);
        }
    }

    /** A script name ({@code $M}) if present, else null. */
    private String acceptName() {
        if (!c.at(Tokens.ID)) {
            return null;
        }
        String name = "$" + c.idName(c.pos);
        c.pos++;
        return name;
    }

    private String utf8String() {
        return new String(c.string(), StandardCharsets.UTF_8);
    }

    /** {@code (module definition? $id? ...)} at the cursor, in any of the three forms. */
    private WastModule module() {
        int open = c.pos;
        c.expectLParen();
        c.expectAtom("module");
        int definitionAt = -1;
        if (c.atAtom("definition")) {
            definitionAt = c.pos;
            c.pos++;
        }
        String name = acceptName();
        int line = t.line(open);
        int column = t.columnOf(t.start[open]);
        if (c.atAtom("binary") || c.atAtom("quote")) {
            boolean binary = c.atAtom("binary");
            c.pos++;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (c.at(Tokens.STRING)) {
                bytes.writeBytes(c.string());
            }
            c.expectRParen();
            byte[] b = bytes.toByteArray();
            if (binary) {
                return new WastModule(WastModule.Kind.BINARY, name, null, b, line, column);
            }
            return new WastModule(WastModule.Kind.QUOTE, name, new String(b, StandardCharsets.UTF_8), b, line, column);
        }
        c.pos = open;
        c.skipForm();
        String text = t.src.substring(t.start[open], t.end[c.pos - 1]);
        if (definitionAt >= 0) {
            // Blank out the script-only keyword, keeping every position in the text intact.
            int from = t.start[definitionAt] - t.start[open];
            int to = t.end[definitionAt] - t.start[open];
            text = text.substring(0, from) + " ".repeat(to - from) + text.substring(to);
        }
        return new WastModule(WastModule.Kind.TEXT, name, text, null, line, column);
    }

    private WastAction action() {
        c.expectLParen();
        WastAction.Kind kind;
        if (c.atAtom("invoke")) {
            kind = WastAction.Kind.INVOKE;
        } else if (c.atAtom("get")) {
            kind = WastAction.Kind.GET;
        } else {
            throw c.unexpected();
        }
        c.pos++;
        String module = acceptName();
        String name = utf8String();
        List<WastValue> args = new ArrayList<>();
        while (!c.at(Tokens.RPAREN)) {
            args.add(constant());
        }
        c.pos++;
        return new WastAction(kind, module, name, List.copyOf(args));
    }

    private WastValue constant() {
        c.expectLParen();
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        String op = c.text();
        c.pos++;
        WastValue v = switch (op) {
            case "i32.const" -> new WastValue.I32((int) number(() -> NumberLiterals.parseInt(c.text(), 32)));
            case "i64.const" -> new WastValue.I64(number(() -> NumberLiterals.parseInt(c.text(), 64)));
            case "f32.const" -> new WastValue.F32((int) number(() -> NumberLiterals.parseF32(c.text())));
            case "f64.const" -> new WastValue.F64(number(() -> NumberLiterals.parseF64(c.text())));
            case "v128.const" -> {
                WastResult.V128 lanes = v128(false);
                long low = 0;
                long high = 0;
                int bits = lanes.shape().laneBits;
                for (int i = 0; i < lanes.shape().lanes; i++) {
                    long lane = lanes.lanes()[i];
                    int at = i * bits;
                    if (at < 64) {
                        low |= lane << at;
                    } else {
                        high |= lane << (at - 64);
                    }
                }
                yield new WastValue.V128(low, high);
            }
            case "ref.null" -> new WastValue.RefNull(heapType());
            case "ref.extern" -> new WastValue.RefExtern(number(() -> NumberLiterals.parseUnsigned(c.text(), 64)));
            case "ref.host" -> new WastValue.RefHost(number(() -> NumberLiterals.parseUnsigned(c.text(), 64)));
            default -> throw t.unexpected(c.pos - 1);
        };
        c.expectRParen();
        return v;
    }

    private String heapType() {
        if (c.at(Tokens.ATOM) || c.at(Tokens.ID)) {
            String s = c.text();
            c.pos++;
            return s;
        }
        throw c.unexpected();
    }

    private WastResult result() {
        if (!c.at(Tokens.LPAREN) || c.kind(1) != Tokens.ATOM) {
            throw c.unexpected();
        }
        String op = t.text(c.pos + 1);
        switch (op) {
            case "f32.const", "f64.const" -> {
                boolean f64 = op.startsWith("f64");
                if (t.isAtom(c.pos + 2, "nan:canonical") || t.isAtom(c.pos + 2, "nan:arithmetic")) {
                    WastResult.NanKind kind = t.isAtom(c.pos + 2, "nan:canonical")
                            ? WastResult.NanKind.CANONICAL : WastResult.NanKind.ARITHMETIC;
                    c.pos += 3;
                    c.expectRParen();
                    return new WastResult.NaN(f64, kind);
                }
                return new WastResult.Value(constant());
            }
            case "v128.const" -> {
                c.pos += 2;
                WastResult.V128 v = v128(true);
                c.expectRParen();
                return v;
            }
            case "either" -> {
                c.pos += 2;
                List<WastResult> alternatives = new ArrayList<>();
                while (!c.at(Tokens.RPAREN)) {
                    alternatives.add(result());
                }
                c.pos++;
                return new WastResult.Either(List.copyOf(alternatives));
            }
            case "ref.null" -> {
                c.pos += 2;
                String heap = c.at(Tokens.RPAREN) ? null : heapType();
                c.expectRParen();
                return new WastResult.Value(new WastValue.RefNull(heap));
            }
            case "ref.extern", "ref.host" -> {
                if (c.kind(2) == Tokens.RPAREN) {
                    c.pos += 3;
                    return new WastResult.NonNullRef(op.substring(4));
                }
                return new WastResult.Value(constant());
            }
            case "i32.const", "i64.const" -> {
                return new WastResult.Value(constant());
            }
            default -> {
                if (op.startsWith("ref.")) {
                    // (ref.func), (ref.i31), (ref.struct), ...: any non-null reference of a kind.
                    c.pos += 2;
                    while (!c.at(Tokens.RPAREN)) {
                        if (c.at(Tokens.EOF) || c.at(Tokens.LPAREN)) {
                            throw c.unexpected();
                        }
                        c.pos++;
                    }
                    c.pos++;
                    return new WastResult.NonNullRef(op.substring(4));
                }
                throw t.unexpected(c.pos + 1);
            }
        }
    }

    /** Shape and lanes after {@code v128.const}; NaN patterns only in results. */
    private WastResult.V128 v128(boolean patterns) {
        if (!c.at(Tokens.ATOM) || WastResult.Shape.of(c.text()) == null) {
            throw c.unexpected();
        }
        WastResult.Shape shape = WastResult.Shape.of(c.text());
        c.pos++;
        long[] lanes = new long[shape.lanes];
        WastResult.NanKind[] nans = new WastResult.NanKind[shape.lanes];
        for (int i = 0; i < shape.lanes; i++) {
            if (!c.at(Tokens.ATOM)) {
                throw c.error("wrong number of lane literals");
            }
            if (patterns && shape.isFloat() && (c.atAtom("nan:canonical") || c.atAtom("nan:arithmetic"))) {
                nans[i] = c.atAtom("nan:canonical") ? WastResult.NanKind.CANONICAL : WastResult.NanKind.ARITHMETIC;
                c.pos++;
                continue;
            }
            int bits = shape.laneBits;
            long v = switch (shape) {
                case F32X4 -> number(() -> NumberLiterals.parseF32(c.text())) & 0xFFFFFFFFL;
                case F64X2 -> number(() -> NumberLiterals.parseF64(c.text()));
                default -> number(() -> NumberLiterals.parseInt(c.text(), bits));
            };
            lanes[i] = bits == 64 ? v : v & ((1L << bits) - 1);
        }
        return new WastResult.V128(shape, lanes, nans);
    }

    private interface LiteralParser {
        long parse();
    }

    /** Parses the literal at the cursor with {@code p}, mapping failures to script errors. */
    private long number(LiteralParser p) {
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        try {
            long v = p.parse();
            c.pos++;
            return v;
        } catch (NumberLiterals.BadSyntax e) {
            throw c.unexpected();
        } catch (NumberLiterals.OutOfRange e) {
            throw c.error("constant out of range");
        }
    }
}
