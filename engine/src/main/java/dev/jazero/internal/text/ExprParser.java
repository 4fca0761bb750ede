package dev.jazero.internal.text;

import dev.jazero.internal.text.InstructionTable.Imm;
import dev.jazero.internal.text.InstructionTable.Instr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses instruction sequences (function bodies and constant expressions), plain and folded, and
 * writes their binary encoding.
 *
 * <p>Nesting is handled with explicit stacks instead of recursion, so arbitrarily deep blocks and
 * folded expressions cannot overflow the Java stack: a folded instruction's own bytes are held
 * back until its operands have been written, and a folded {@code if}'s header until its
 * condition has.
 */
final class ExprParser {

    private final Cursor c;
    private final ModuleParser m;

    /** Locals of the function being parsed; empty for constant expressions. */
    private IndexSpace locals;
    private final List<Label> labels = new ArrayList<>();

    ExprParser(Cursor c, ModuleParser m) {
        this.c = c;
        this.m = m;
    }

    private static final class Label {
        final String name;
        /** Opened by a plain {@code block}/{@code loop}/{@code if}, closed by {@code end}. */
        final boolean plain;
        final boolean isIf;
        /** Opened by a plain legacy {@code try}, which {@code catch}, {@code catch_all} and {@code delegate} continue. */
        boolean isTry;
        /** Number of open folded frames when a plain label was opened. */
        final int frameDepth;
        boolean sawElse;

        Label(String name, boolean plain, boolean isIf, int frameDepth) {
            this.name = name;
            this.plain = plain;
            this.isIf = isIf;
            this.frameDepth = frameDepth;
        }
    }

    /**
     * What an open folded instruction waits for. A legacy {@code (try bt (do ...) (catch $t ...)*
     * (catch_all ...)? )} or {@code (try bt (do ...) (delegate $l))} goes TRY (before its
     * {@code do}), then TRY_BODY inside each part, TRY_AFTER between them, and DELEGATED once its
     * {@code delegate} has ended it.
     */
    private enum FrameKind { PLAIN, BLOCK, IF_COND, THEN, AFTER_THEN, ELSE, AFTER_ELSE, TRY, TRY_BODY, TRY_AFTER, DELEGATED }

    /** An open folded instruction, waiting for its closing parenthesis. */
    private static final class Frame {
        FrameKind kind;
        /** PLAIN: the instruction; IF_COND: the if header. Written when due. */
        byte[] pending;
        String label;
        /** Labels open when the frame's own content started. */
        int labelMark;
        /** The token of the instruction, for its position. */
        int token = -1;

        Frame(FrameKind kind, byte[] pending, String label, int labelMark) {
            this.kind = kind;
            this.pending = pending;
            this.label = label;
            this.labelMark = labelMark;
        }
    }

    /**
     * Parses a function body (up to, not including, the closing parenthesis of the function) and
     * writes it followed by {@code end}.
     */
    void functionBody(ByteWriter out, IndexSpace locals, TextPositions.Marks marks) {
        this.locals = locals;
        this.marks = marks;
        labels.clear();
        try {
            instructions(out, false);
        } finally {
            this.marks = null;
        }
        out.u8(0x0B);
    }

    /** Where a function body's instructions start, and their tokens; null outside function bodies. */
    private TextPositions.Marks marks;

    /** The instruction at {@code token} starts here in {@code out}. */
    private void mark(ByteWriter out, int token) {
        if (marks != null && token >= 0) {
            marks.add(out.size(), c.t.start[token]);
        }
    }

    /** Parses a constant expression up to the closing parenthesis and writes it with {@code end}. */
    void constExpr(ByteWriter out) {
        this.locals = new IndexSpace("local");
        labels.clear();
        instructions(out, false);
        out.u8(0x0B);
    }

    /** Parses exactly one folded instruction {@code (...)} and writes it with {@code end}. */
    void foldedConstExpr(ByteWriter out) {
        this.locals = new IndexSpace("local");
        labels.clear();
        if (!c.at(Tokens.LPAREN)) {
            throw c.unexpected();
        }
        instructions(out, true);
        out.u8(0x0B);
    }

    private void instructions(ByteWriter out, boolean single) {
        int base = labels.size();
        List<Frame> frames = new ArrayList<>();
        while (true) {
            int k = c.kind();
            if (k == Tokens.RPAREN) {
                if (frames.isEmpty()) {
                    if (labels.size() > base) {
                        throw c.unexpected(); // a plain block is missing its end
                    }
                    return;
                }
                Frame f = frames.get(frames.size() - 1);
                if (labels.size() != f.labelMark) {
                    throw c.unexpected();
                }
                switch (f.kind) {
                    case PLAIN -> {
                        c.pos++;
                        mark(out, f.token);
                        out.bytes(f.pending);
                        frames.remove(frames.size() - 1);
                    }
                    case BLOCK, AFTER_THEN, AFTER_ELSE, TRY_AFTER -> {
                        c.pos++;
                        out.u8(0x0B);
                        labels.remove(labels.size() - 1);
                        frames.remove(frames.size() - 1);
                    }
                    case TRY_BODY -> {
                        c.pos++;
                        f.kind = FrameKind.TRY_AFTER;
                    }
                    case DELEGATED -> {
                        c.pos++;
                        frames.remove(frames.size() - 1);
                    }
                    case THEN -> {
                        c.pos++;
                        f.kind = FrameKind.AFTER_THEN;
                    }
                    case ELSE -> {
                        c.pos++;
                        f.kind = FrameKind.AFTER_ELSE;
                    }
                    case IF_COND, TRY -> throw c.unexpected(); // no (then ...), no (do ...)
                }
                if (single && frames.isEmpty()) {
                    return;
                }
                continue;
            }
            Frame top = frames.isEmpty() ? null : frames.get(frames.size() - 1);
            if (k == Tokens.LPAREN) {
                if (top != null) {
                    if (top.kind == FrameKind.IF_COND && c.atForm("then")) {
                        c.pos += 2;
                        mark(out, top.token);
                        out.bytes(top.pending);
                        labels.add(new Label(top.label, false, true, frames.size()));
                        top.kind = FrameKind.THEN;
                        top.labelMark = labels.size();
                        continue;
                    }
                    if (top.kind == FrameKind.AFTER_THEN) {
                        if (!c.atForm("else")) {
                            throw c.t.unexpected(c.pos + 1);
                        }
                        c.pos += 2;
                        out.u8(0x05);
                        top.kind = FrameKind.ELSE;
                        continue;
                    }
                    if (top.kind == FrameKind.AFTER_ELSE || top.kind == FrameKind.DELEGATED) {
                        throw c.unexpected();
                    }
                    if (top.kind == FrameKind.TRY || top.kind == FrameKind.TRY_AFTER) {
                        tryPart(top, out);
                        continue;
                    }
                }
                c.pos++;
                Instr ins = instrAt();
                int token = c.pos;
                c.pos++;
                switch (ins.imm()) {
                    case BLOCK, LOOP, TRY_TABLE -> {
                        String label = c.acceptId();
                        mark(out, token);
                        out.u8(ins.opcode());
                        blockType(out);
                        if (ins.imm() == Imm.TRY_TABLE) {
                            catchClauses(out);
                        }
                        labels.add(new Label(label, false, false, frames.size()));
                        frames.add(new Frame(FrameKind.BLOCK, null, label, labels.size()));
                    }
                    case IF -> {
                        String label = c.acceptId();
                        ByteWriter header = new ByteWriter(8);
                        header.u8(0x04);
                        blockType(header);
                        Frame f = new Frame(FrameKind.IF_COND, header.toByteArray(), label, labels.size());
                        f.token = token;
                        frames.add(f);
                    }
                    case ELSE, END, CATCH, CATCH_ALL, DELEGATE -> throw c.t.unexpected(c.pos - 1);
                    case TRY -> {
                        String label = c.acceptId();
                        mark(out, token);
                        out.u8(ins.opcode());
                        blockType(out);
                        labels.add(new Label(label, false, false, frames.size()));
                        frames.add(new Frame(FrameKind.TRY, null, label, labels.size()));
                    }
                    default -> {
                        ByteWriter w = new ByteWriter(16);
                        plain(ins, w);
                        Frame f = new Frame(FrameKind.PLAIN, w.toByteArray(), null, labels.size());
                        f.token = token;
                        frames.add(f);
                    }
                }
                continue;
            }
            if (k != Tokens.ATOM || single && frames.isEmpty()) {
                throw c.unexpected();
            }
            if (top != null && top.kind != FrameKind.PLAIN && top.kind != FrameKind.BLOCK
                    && top.kind != FrameKind.THEN && top.kind != FrameKind.ELSE && top.kind != FrameKind.TRY_BODY) {
                throw c.unexpected(); // an if condition must be folded
            }
            Instr ins = instrAt();
            int at = c.pos;
            c.pos++;
            switch (ins.imm()) {
                case BLOCK, LOOP, IF, TRY_TABLE, TRY -> {
                    String label = c.acceptId();
                    mark(out, at);
                    out.u8(ins.opcode());
                    blockType(out);
                    if (ins.imm() == Imm.TRY_TABLE) {
                        catchClauses(out);
                    }
                    Label l = new Label(label, true, ins.imm() == Imm.IF, frames.size());
                    l.isTry = ins.imm() == Imm.TRY;
                    labels.add(l);
                }
                case CATCH, CATCH_ALL, DELEGATE -> {
                    Label l = labels.size() > base ? labels.get(labels.size() - 1) : null;
                    if (l == null || !l.plain || !l.isTry || l.frameDepth != frames.size()) {
                        throw c.t.unexpected(at);
                    }
                    mark(out, at);
                    out.u8(ins.opcode());
                    if (ins.imm() == Imm.CATCH) {
                        out.u32(m.tags.resolve(c));
                    } else if (ins.imm() == Imm.DELEGATE) {
                        // The label is one of the blocks around the try, whose own is gone.
                        labels.remove(labels.size() - 1);
                        out.u32(label());
                    }
                }
                case ELSE -> {
                    Label l = labels.size() > base ? labels.get(labels.size() - 1) : null;
                    if (l == null || !l.plain || !l.isIf || l.sawElse || l.frameDepth != frames.size()) {
                        throw c.t.unexpected(at);
                    }
                    matchEndLabel(l);
                    l.sawElse = true;
                    out.u8(0x05);
                }
                case END -> {
                    Label l = labels.size() > base ? labels.get(labels.size() - 1) : null;
                    if (l == null || !l.plain || l.frameDepth != frames.size()) {
                        throw c.t.unexpected(at);
                    }
                    matchEndLabel(l);
                    labels.remove(labels.size() - 1);
                    out.u8(0x0B);
                }
                default -> {
                    mark(out, at);
                    plain(ins, out);
                }
            }
        }
    }

    /**
     * The next part of a folded legacy {@code try}, at its opening parenthesis: {@code (do}
     * first, then {@code (catch $t}, {@code (catch_all} or {@code (delegate $l)}, which ends it.
     */
    private void tryPart(Frame f, ByteWriter out) {
        if (f.kind == FrameKind.TRY) {
            if (!c.atForm("do")) {
                throw c.t.unexpected(c.pos + 1);
            }
            c.pos += 2;
            f.kind = FrameKind.TRY_BODY;
        } else if (c.atForm("catch")) {
            c.pos += 2;
            out.u8(0x07).u32(m.tags.resolve(c));
            f.kind = FrameKind.TRY_BODY;
        } else if (c.atForm("catch_all")) {
            c.pos += 2;
            out.u8(0x19);
            f.kind = FrameKind.TRY_BODY;
        } else if (c.atForm("delegate")) {
            c.pos += 2;
            // The label is one of the blocks around the try, whose own is gone.
            labels.remove(labels.size() - 1);
            out.u8(0x18).u32(label());
            c.expectRParen();
            f.kind = FrameKind.DELEGATED;
            f.labelMark = labels.size();
        } else {
            throw c.t.unexpected(c.pos + 1);
        }
    }

    private Instr instrAt() {
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        Instr ins = InstructionTable.lookup(c.text());
        if (ins == null) {
            throw c.unexpected();
        }
        return ins;
    }

    /** An optional {@code $label} after {@code end} or {@code else} must repeat the block's label. */
    private void matchEndLabel(Label l) {
        if (c.at(Tokens.ID)) {
            String name = c.idName(c.pos);
            if (!name.equals(l.name)) {
                throw c.error("mismatching label");
            }
            c.pos++;
        }
    }

    private void blockType(ByteWriter out) {
        ModuleParser.TypeUse use = m.typeUse(false);
        if (use.typeIndex() < 0 && use.params().length == 0 && use.results().length <= 1) {
            if (use.results().length == 0) {
                out.u8(0x40);
            } else {
                ValTypes.write(out, use.results()[0]);
            }
            return;
        }
        out.s64(m.typeIndexOf(use));
    }

    /**
     * A {@code try_table}'s catch clauses, {@code (catch tag label)}, {@code (catch_ref tag label)},
     * {@code (catch_all label)} and {@code (catch_all_ref label)}: their labels are those of the
     * blocks around the {@code try_table}, whose own label is not bound yet.
     */
    private void catchClauses(ByteWriter out) {
        ByteWriter clauses = new ByteWriter(16);
        int n = 0;
        while (c.at(Tokens.LPAREN)) {
            int kind = c.atForm("catch") ? 0 : c.atForm("catch_ref") ? 1 : c.atForm("catch_all") ? 2
                    : c.atForm("catch_all_ref") ? 3 : -1;
            if (kind < 0) {
                break;
            }
            c.pos += 2;
            clauses.u8(kind);
            if (kind < 2) {
                clauses.u32(m.tags.resolve(c));
            }
            clauses.u32(label());
            c.expectRParen();
            n++;
        }
        out.u32(n);
        out.bytes(clauses.toByteArray());
    }

    private void requireGc(Instr ins) {
        if (!m.encoding.gc()) {
            throw c.error(ins.name() + " needs the gc feature, which is disabled");
        }
    }

    /** Whether a reference type as {@link ValTypes#refType} gives it is nullable: an abbreviation (funcref) or 0x63 (ref null ht). */
    private static boolean isNullable(long type) {
        return type < 0x100 || (type >>> 32) == 0x63;
    }

    /** The heap type of a reference type as {@link ValTypes#refType} gives it, for {@link ValTypes#writeHeapType}. */
    private static long heapOf(long type) {
        return type < 0x100 ? ValTypes.ABSTRACT | type : type & (ValTypes.ABSTRACT | 0xFFFFFFFFL);
    }

    private static void opcode(ByteWriter w, Instr ins) {
        if (ins.prefix() == 0) {
            w.u8(ins.opcode());
        } else {
            w.u8(ins.prefix()).u32(ins.opcode());
        }
    }

    /** Parses the immediates of a non-structured instruction and writes the instruction. */
    private void plain(Instr ins, ByteWriter w) {
        switch (ins.imm()) {
            case NONE -> opcode(w, ins);
            case LABEL -> {
                opcode(w, ins);
                w.u32(label());
            }
            case TAG -> {
                opcode(w, ins);
                w.u32(m.tags.resolve(c));
            }
            case BR_TABLE -> {
                opcode(w, ins);
                List<Long> targets = new ArrayList<>();
                while (c.atIndex()) {
                    targets.add(label());
                }
                if (targets.isEmpty()) {
                    throw c.unexpected();
                }
                w.u32(targets.size() - 1);
                for (long l : targets) {
                    w.u32(l);
                }
            }
            case FUNC -> {
                opcode(w, ins);
                w.u32(m.funcs.resolve(c));
            }
            case CALL_INDIRECT -> {
                long table = c.atIndex() ? m.tables.resolve(c) : 0;
                ModuleParser.TypeUse use = m.typeUse(false);
                opcode(w, ins);
                w.u32(m.typeIndexOf(use));
                w.u32(table);
            }
            case LOCAL -> {
                opcode(w, ins);
                w.u32(locals.resolve(c));
            }
            case GLOBAL -> {
                opcode(w, ins);
                w.u32(m.globals.resolve(c));
            }
            case TABLE -> {
                long table = c.atIndex() ? m.tables.resolve(c) : 0;
                opcode(w, ins);
                w.u32(table);
            }
            case TABLE_COPY -> {
                long dst = 0;
                long src = 0;
                if (c.atIndex()) {
                    dst = m.tables.resolve(c);
                    src = m.tables.resolve(c);
                }
                opcode(w, ins);
                w.u32(dst).u32(src);
            }
            case TABLE_INIT -> {
                long table = 0;
                if (c.atIndex() && c.atIndex(1)) {
                    table = m.tables.resolve(c);
                }
                long elem = m.elems.resolve(c);
                opcode(w, ins);
                w.u32(elem).u32(table);
            }
            case ELEM -> {
                opcode(w, ins);
                w.u32(m.elems.resolve(c));
            }
            case MEMARG -> {
                long memory = c.atIndex() ? m.memories.resolve(c) : 0;
                opcode(w, ins);
                memarg(w, ins, memory);
            }
            case MEMORY -> {
                long memory = c.atIndex() ? m.memories.resolve(c) : 0;
                opcode(w, ins);
                w.u32(memory);
            }
            case MEMORY_COPY -> {
                long dst = 0;
                long src = 0;
                if (c.atIndex()) {
                    dst = m.memories.resolve(c);
                    src = m.memories.resolve(c);
                }
                opcode(w, ins);
                w.u32(dst).u32(src);
            }
            case MEMORY_INIT -> {
                long memory = 0;
                if (c.atIndex() && c.atIndex(1)) {
                    memory = m.memories.resolve(c);
                }
                long data = m.datas.resolve(c);
                m.usesDataCount = true;
                opcode(w, ins);
                w.u32(data).u32(memory);
            }
            case DATA -> {
                long data = m.datas.resolve(c);
                m.usesDataCount = true;
                opcode(w, ins);
                w.u32(data);
            }
            case I32 -> {
                opcode(w, ins);
                w.s64((int) intLiteral(32));
            }
            case I64 -> {
                opcode(w, ins);
                w.s64(intLiteral(64));
            }
            case F32 -> {
                opcode(w, ins);
                w.i32LE(f32Literal());
            }
            case F64 -> {
                opcode(w, ins);
                w.i64LE(f64Literal());
            }
            case V128 -> {
                opcode(w, ins);
                v128Const(w);
            }
            case SHUFFLE -> {
                opcode(w, ins);
                shuffle(w);
            }
            case LANE -> {
                opcode(w, ins);
                w.u8(laneIndex());
            }
            case MEMARG_LANE -> {
                long memory = 0;
                if (c.atIndex() && (c.atIndex(1) || isMemargKey(1))) {
                    memory = m.memories.resolve(c);
                }
                opcode(w, ins);
                memarg(w, ins, memory);
                w.u8(laneIndex());
            }
            case REF_NULL -> {
                long heap = ValTypes.heapType(c, m.types);
                opcode(w, ins);
                ValTypes.writeHeapType(w, heap);
            }
            case REF_FUNC -> {
                opcode(w, ins);
                w.u32(m.funcs.resolve(c));
            }
            case TYPE -> {
                opcode(w, ins);
                w.u32(m.types.resolve(c));
            }
            case CAST -> {
                requireGc(ins);
                long type = ValTypes.refType(c, m.types);
                boolean nullable = isNullable(type);
                w.u8(ins.prefix()).u32(ins.opcode() + (nullable ? 1 : 0));
                ValTypes.writeHeapType(w, heapOf(type));
            }
            case FIELD -> {
                requireGc(ins);
                opcode(w, ins);
                long type = m.types.resolve(c);
                w.u32(type);
                if (c.at(Tokens.ID)) {
                    Map<String, Integer> names = m.fieldNames.get((int) type);
                    Integer field = names == null ? null : names.get(c.idName(c.pos));
                    if (field == null) {
                        throw c.error("unknown field " + c.text());
                    }
                    c.pos++;
                    w.u32(field);
                } else {
                    w.u32(c.u32());
                }
            }
            case TYPE_TYPE, TYPE_DATA, TYPE_ELEM -> {
                requireGc(ins);
                opcode(w, ins);
                w.u32(m.types.resolve(c));
                IndexSpace second = ins.imm() == Imm.TYPE_TYPE ? m.types : ins.imm() == Imm.TYPE_DATA ? m.datas : m.elems;
                w.u32(second.resolve(c));
                m.usesDataCount |= ins.imm() == Imm.TYPE_DATA;
            }
            case TYPE_COUNT -> {
                requireGc(ins);
                opcode(w, ins);
                w.u32(m.types.resolve(c));
                w.u32(c.u32());
            }
            case BR_ON_CAST -> {
                requireGc(ins);
                opcode(w, ins);
                long l = label();
                long from = ValTypes.refType(c, m.types);
                long to = ValTypes.refType(c, m.types);
                w.u8((isNullable(from) ? 1 : 0) | (isNullable(to) ? 2 : 0));
                w.u32(l);
                ValTypes.writeHeapType(w, heapOf(from));
                ValTypes.writeHeapType(w, heapOf(to));
            }
            case SELECT -> {
                if (c.atForm("result")) {
                    List<Long> types = new ArrayList<>();
                    while (c.acceptForm("result")) {
                        while (!c.at(Tokens.RPAREN)) {
                            types.add(ValTypes.valType(c, m.types));
                        }
                        c.pos++;
                    }
                    w.u8(0x1C).u32(types.size());
                    for (long t : types) {
                        ValTypes.write(w, t);
                    }
                } else {
                    w.u8(0x1B);
                }
            }
            default -> throw new IllegalStateException(ins.name());
        }
    }

    private long label() {
        if (c.at(Tokens.ID)) {
            String name = c.idName(c.pos);
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (name.equals(labels.get(i).name)) {
                    c.pos++;
                    return labels.size() - 1 - i;
                }
            }
            throw c.error("unknown label $" + name);
        }
        return c.u32();
    }

    private boolean isMemargKey(int ahead) {
        if (c.kind(ahead) != Tokens.ATOM) {
            return false;
        }
        String s = c.t.text(c.pos + ahead);
        return s.startsWith("offset=") || s.startsWith("align=");
    }

    private void memarg(ByteWriter w, Instr ins, long memory) {
        long offset = 0;
        int align = ins.naturalAlign();
        if (c.at(Tokens.ATOM) && c.text().startsWith("offset=")) {
            offset = memargValue(7, m.encoding.memory64() ? 64 : 32);
        }
        if (c.at(Tokens.ATOM) && c.text().startsWith("align=")) {
            int at = c.pos;
            long a = memargValue(6, m.encoding.memory64() ? 64 : 32);
            if (a == 0 || (a & (a - 1)) != 0) {
                throw c.t.error(at, "alignment must be a power of two");
            }
            align = Long.numberOfTrailingZeros(a);
        }
        if (memory != 0) {
            w.u32(align | 0x40).u32(memory);
        } else {
            w.u32(align);
        }
        w.u32(offset);
    }

    private long memargValue(int prefix, int bits) {
        String s = c.text().substring(prefix);
        try {
            long v = NumberLiterals.parseUnsigned(s, bits);
            c.pos++;
            return v;
        } catch (NumberLiterals.BadSyntax e) {
            throw c.error("unknown operator " + c.text());
        } catch (NumberLiterals.OutOfRange e) {
            throw c.error("i" + bits + " constant out of range");
        }
    }

    private long intLiteral(int bits) {
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        try {
            long v = NumberLiterals.parseInt(c.text(), bits);
            c.pos++;
            return v;
        } catch (NumberLiterals.BadSyntax e) {
            throw c.unexpected();
        } catch (NumberLiterals.OutOfRange e) {
            throw c.error("constant out of range");
        }
    }

    private int f32Literal() {
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        try {
            int v = NumberLiterals.parseF32(c.text());
            c.pos++;
            return v;
        } catch (NumberLiterals.BadSyntax e) {
            throw c.unexpected();
        } catch (NumberLiterals.OutOfRange e) {
            throw c.error("constant out of range");
        }
    }

    private long f64Literal() {
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        try {
            long v = NumberLiterals.parseF64(c.text());
            c.pos++;
            return v;
        } catch (NumberLiterals.BadSyntax e) {
            throw c.unexpected();
        } catch (NumberLiterals.OutOfRange e) {
            throw c.error("constant out of range");
        }
    }

    /** Whether the cursor is at an atom that can be a lane literal (not an instruction). */
    private boolean atLaneLiteral() {
        return c.at(Tokens.ATOM) && !InstructionTable.contains(c.text());
    }

    private void v128Const(ByteWriter w) {
        if (!c.at(Tokens.ATOM)) {
            throw c.unexpected();
        }
        String shape = c.text();
        int lanes;
        switch (shape) {
            case "i8x16" -> lanes = 16;
            case "i16x8" -> lanes = 8;
            case "i32x4", "f32x4" -> lanes = 4;
            case "i64x2", "f64x2" -> lanes = 2;
            default -> throw c.unexpected();
        }
        c.pos++;
        int start = c.pos;
        int n = 0;
        while (n <= lanes && atLaneLiteral()) {
            c.pos++;
            n++;
        }
        if (n != lanes) {
            throw c.t.error(start, "wrong number of lane literals");
        }
        c.pos = start;
        for (int i = 0; i < lanes; i++) {
            switch (shape) {
                case "i8x16" -> w.u8((int) intLiteral(8));
                case "i16x8" -> {
                    int v = (int) intLiteral(16);
                    w.u8(v).u8(v >> 8);
                }
                case "i32x4" -> w.i32LE((int) intLiteral(32));
                case "i64x2" -> w.i64LE(intLiteral(64));
                case "f32x4" -> w.i32LE(f32Literal());
                default -> w.i64LE(f64Literal());
            }
        }
    }

    private void shuffle(ByteWriter w) {
        int start = c.pos;
        int n = 0;
        while (n < 17 && atLaneLiteral()) {
            c.pos++;
            n++;
        }
        if (n != 16) {
            throw c.t.error(start, "invalid lane length");
        }
        c.pos = start;
        for (int i = 0; i < 16; i++) {
            try {
                w.u8((int) NumberLiterals.parseUnsigned(c.text(), 8));
            } catch (NumberLiterals.BadSyntax | NumberLiterals.OutOfRange e) {
                throw c.error("malformed lane index");
            }
            c.pos++;
        }
    }

    private int laneIndex() {
        if (!c.at(Tokens.ATOM) || !NumberLiterals.isNat(c.text())) {
            throw c.unexpected();
        }
        try {
            int v = (int) NumberLiterals.parseUnsigned(c.text(), 8);
            c.pos++;
            return v;
        } catch (NumberLiterals.OutOfRange e) {
            throw c.error("malformed lane index");
        }
    }
}
