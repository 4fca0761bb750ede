package dev.jazero.internal.text;

import dev.jazero.internal.wasm.Encoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses one module of the text format and encodes it in the binary format.
 *
 * <p>Two passes over the module fields: the first assigns every index space (so that fields may
 * refer to later ones by name) and reads the explicit type definitions; the second encodes each
 * field into its section in text order. Implicit types from inline type uses are appended to the
 * type section as they are met, after all explicit ones, as the text format prescribes.
 */
final class ModuleParser {

    final Tokens t;
    final Cursor c;
    private final ExprParser expr;

    final IndexSpace types = new IndexSpace("type");
    final IndexSpace funcs = new IndexSpace("func");
    final IndexSpace tables = new IndexSpace("table");
    final IndexSpace memories = new IndexSpace("memory");
    final IndexSpace globals = new IndexSpace("global");
    final IndexSpace elems = new IndexSpace("elem");
    final IndexSpace datas = new IndexSpace("data");
    final IndexSpace tags = new IndexSpace("tag");
    /** The names of struct types' fields, by type index. */
    final Map<Integer, Map<String, Integer>> fieldNames = new HashMap<>();

    /**
     * Function types by type index, null for a struct or array type: explicit definitions, then
     * implicit ones.
     */
    private final List<FuncType> typeDefs = new ArrayList<>();
    /** Each type's encoding in the type section, by type index. */
    private final List<byte[]> typeBytes = new ArrayList<>();
    /** The type section's entries: the first type index and size of each explicit {@code rec}, or -1 and the index of a type alone. */
    private final List<int[]> typeEntries = new ArrayList<>();
    /** Of the function types alone in their group, the first index of each: implicit type uses name them. */
    private final Map<FuncType, Integer> firstTypeIndex = new HashMap<>();

    /** Set when code uses memory.init or data.drop, which need the data count section. */
    boolean usesDataCount;

    private String moduleName;
    private final Map<Integer, Map<Integer, String>> localNames = new TreeMap<>();

    private final ByteWriter importSec = new ByteWriter();
    private final ByteWriter funcSec = new ByteWriter();
    private final ByteWriter tableSec = new ByteWriter();
    private final ByteWriter memSec = new ByteWriter();
    private final ByteWriter globalSec = new ByteWriter();
    private final ByteWriter tagSec = new ByteWriter();
    private final ByteWriter exportSec = new ByteWriter();
    private final ByteWriter elemSec = new ByteWriter();
    private final ByteWriter codeSec = new ByteWriter(1024);
    /** Where instructions start in the code section's contents after its count, and their tokens. */
    private final TextPositions.Marks codeMarks = new TextPositions.Marks();
    private TextPositions positions;
    private final ByteWriter dataSec = new ByteWriter();
    private int importCount;
    private int funcCount;
    private int tableCount;
    private int memCount;
    private int globalCount;
    private int tagCount;
    private int exportCount;
    private int elemCount;
    private int dataCount;
    private long startFunc = -1;

    // Running indices during the second pass, matching the assignment of the first.
    private int nextFunc;
    private int nextTable;
    private int nextMemory;
    private int nextGlobal;
    private int nextTag;

    /** The rules the text is read by: 2.0's, or 3.0's as far as the runtime's features go. */
    final Encoding encoding;

    ModuleParser(Tokens t, Encoding encoding) {
        this.encoding = encoding;
        this.t = t;
        this.c = new Cursor(t);
        this.expr = new ExprParser(c, this);
    }

    /** Parses the whole token stream as a module and returns the binary encoding. */
    byte[] parse() {
        int fieldsStart;
        boolean wrapped = t.isForm(0, "module");
        if (wrapped) {
            c.pos = 2;
            String id = c.acceptId();
            if (id != null) {
                moduleName = id;
            }
            fieldsStart = c.pos;
        } else {
            fieldsStart = 0;
        }
        List<Integer> fields = new ArrayList<>();
        c.pos = fieldsStart;
        while (c.at(Tokens.LPAREN)) {
            fields.add(c.pos);
            c.skipForm();
        }
        // Errors after the last field are reported after those inside the fields, as a
        // left-to-right parser would.
        int trailer = c.pos;
        declareTypes(fields);
        declare(fields);
        for (int f : fields) {
            c.pos = f;
            encodeField();
        }
        c.pos = trailer;
        if (wrapped) {
            c.expectRParen();
        }
        if (!c.at(Tokens.EOF)) {
            throw c.unexpected();
        }
        return assemble();
    }

    // ------------------------------------------------------------------ pass 1

    private String fieldKeyword(int at) {
        if (t.kind[at + 1] != Tokens.ATOM) {
            throw t.unexpected(at + 1);
        }
        return t.text(at + 1);
    }

    /**
     * Names every type first, so that types may refer to later ones (which validation allows
     * within a recursive group), then reads them: {@code (type ...)} alone, or a group
     * {@code (rec (type ...)*)}.
     */
    private void declareTypes(List<Integer> fields) {
        List<Integer> typeFields = new ArrayList<>();
        for (int f : fields) {
            if (t.isAtom(f + 1, "type")) {
                c.pos = f + 2;
                types.add(c.acceptId(), t, f + 2);
                typeFields.add(f);
            } else if (t.isAtom(f + 1, "rec")) {
                if (!encoding.gc()) {
                    throw t.error(f + 1, "recursive type groups need the gc feature, which is disabled");
                }
                c.pos = f + 2;
                while (c.atForm("type")) {
                    int at = c.pos;
                    c.pos += 2;
                    types.add(c.acceptId(), t, at + 2);
                    c.pos = at;
                    c.skipForm();
                }
                c.expectRParen();
                typeFields.add(f);
            }
        }
        for (int f : typeFields) {
            c.pos = f;
            if (t.isAtom(f + 1, "type")) {
                typeEntries.add(new int[] {-1, typeDefs.size()});
                typeDefinition(true);
            } else {
                c.pos = f + 2;
                int members = 0;
                while (c.atForm("type")) {
                    members++;
                    c.skipForm();
                }
                c.pos = f + 2;
                int start = typeDefs.size();
                while (c.atForm("type")) {
                    // A group of one is the same type as that type alone.
                    typeDefinition(members == 1);
                }
                typeEntries.add(new int[] {start, typeDefs.size() - start});
            }
        }
    }

    /**
     * {@code (type $id? subtype)}, at the cursor, where a subtype is a composite type or
     * {@code (sub final? supertype* comptype)}; {@code alone} when it is its group's only type.
     */
    private void typeDefinition(boolean alone) {
        c.expectLParen();
        c.pos++;
        c.acceptId();
        ByteWriter w = new ByteWriter();
        boolean sub = encoding.gc() && c.atForm("sub");
        boolean plain = !sub;
        if (sub) {
            c.pos += 2;
            boolean isFinal = c.atAtom("final");
            if (isFinal) {
                c.pos++;
            }
            List<Long> supertypes = new ArrayList<>();
            while (c.atIndex()) {
                supertypes.add(types.resolve(c));
            }
            w.u8(isFinal ? 0x4F : 0x50).u32(supertypes.size());
            for (long s : supertypes) {
                w.u32(s);
            }
            plain = isFinal && supertypes.isEmpty();
        }
        FuncType ft = compositeType(w, alone && plain);
        if (sub) {
            c.expectRParen();
        }
        c.expectRParen();
        typeDefs.add(ft);
        typeBytes.add(w.toByteArray());
    }

    /**
     * A composite type, written to {@code w}: returns the function type it is, or null for a
     * struct or array; {@code implicitUse} when inline type uses may name it.
     */
    private FuncType compositeType(ByteWriter w, boolean implicitUse) {
        FuncType ft = null;
        if (c.atForm("func")) {
            c.pos += 2;
            TypeUse sig = params(true);
            c.expectRParen();
            ft = new FuncType(sig.params, sig.results);
            ft.encode(w);
            if (implicitUse) {
                firstTypeIndex.putIfAbsent(ft, typeDefs.size());
            }
        } else if (encoding.gc() && c.atForm("struct")) {
            c.pos += 2;
            List<ByteWriter> fields = new ArrayList<>();
            Map<String, Integer> names = new HashMap<>();
            while (c.atForm("field")) {
                c.pos += 2;
                String name = c.acceptId();
                if (name != null) {
                    if (names.put(name, fields.size()) != null) {
                        throw c.error("duplicate field $" + name);
                    }
                    fields.add(fieldType());
                } else {
                    while (!c.at(Tokens.RPAREN)) {
                        fields.add(fieldType());
                    }
                }
                c.expectRParen();
            }
            c.expectRParen();
            fieldNames.put(typeDefs.size(), names);
            w.u8(0x5F).u32(fields.size());
            for (ByteWriter field : fields) {
                w.bytes(field);
            }
        } else if (encoding.gc() && c.atForm("array")) {
            c.pos += 2;
            ByteWriter field = fieldType();
            c.expectRParen();
            w.u8(0x5E).bytes(field);
        } else {
            throw c.at(Tokens.LPAREN) ? t.unexpected(c.pos + 1) : c.unexpected();
        }
        return ft;
    }

    /** A field type: {@code i8}, {@code i16} or a value type, or {@code (mut ...)} of one, encoded. */
    private ByteWriter fieldType() {
        boolean mutable = c.atForm("mut");
        if (mutable) {
            c.pos += 2;
        }
        ByteWriter w = new ByteWriter();
        if (c.atAtom("i8")) {
            c.pos++;
            w.u8(0x78);
        } else if (c.atAtom("i16")) {
            c.pos++;
            w.u8(0x77);
        } else {
            ValTypes.write(w, ValTypes.valType(c, types));
        }
        if (mutable) {
            c.expectRParen();
        }
        return w.u8(mutable ? 1 : 0);
    }

    private void declare(List<Integer> fields) {
        String definedKind = null;
        for (int f : fields) {
            String kw = fieldKeyword(f);
            c.pos = f + 2;
            switch (kw) {
                case "type", "rec", "export", "start", "elem", "data" -> {
                    if (kw.equals("elem")) {
                        elems.add(c.acceptId(), t, c.pos);
                    } else if (kw.equals("data")) {
                        datas.add(c.acceptId(), t, c.pos);
                    }
                }
                case "import" -> {
                    c.name();
                    c.name();
                    if (!c.at(Tokens.LPAREN) || c.kind(1) != Tokens.ATOM) {
                        throw c.unexpected();
                    }
                    String kind = t.text(c.pos + 1);
                    IndexSpace space = spaceFor(kind);
                    if (space == null) {
                        throw t.unexpected(c.pos + 1);
                    }
                    if (definedKind != null) {
                        throw t.error(f, "import after " + definedKind);
                    }
                    c.pos += 2;
                    space.add(c.acceptId(), t, c.pos - 1);
                }
                case "func", "table", "memory", "global", "tag" -> {
                    if (kw.equals("tag") && !encoding.exceptions()) {
                        throw t.error(f + 1, "tags need the exceptions feature, which is disabled");
                    }
                    IndexSpace space = spaceFor(kw);
                    int at = c.pos;
                    space.add(c.acceptId(), t, at);
                    while (c.atForm("export")) {
                        c.skipForm();
                    }
                    if (c.atForm("import")) {
                        if (definedKind != null) {
                            throw t.error(f, "import after " + definedKind);
                        }
                    } else {
                        if (definedKind == null) {
                            definedKind = kw.equals("func") ? "function" : kw;
                        }
                        if (kw.equals("table")) {
                            if (ValTypes.atRefType(c)) {
                                skipValType();
                                if (c.atForm("elem")) {
                                    elems.add(null, t, c.pos);
                                }
                            }
                        } else if (kw.equals("memory") && c.atForm("data")) {
                            datas.add(null, t, c.pos);
                        }
                    }
                }
                default -> throw t.unexpected(f + 1);
            }
        }
    }

    private void skipValType() {
        if (c.at(Tokens.LPAREN)) {
            c.skipForm();
        } else {
            c.pos++;
        }
    }

    private IndexSpace spaceFor(String kind) {
        return switch (kind) {
            case "func" -> funcs;
            case "table" -> tables;
            case "memory" -> memories;
            case "global" -> globals;
            case "tag" -> tags;
            default -> null;
        };
    }

    // ------------------------------------------------------------------ type uses

    /**
     * A type use: an optional {@code (type x)} (index, or -1) and inline parameters and results.
     */
    record TypeUse(long typeIndex, long[] params, String[] paramNames, long[] results, boolean inline, int at) {}

    /**
     * Parses {@code (type x)? (param ...)* (result ...)*}. Parameter names are only allowed in
     * function definitions and imports.
     */
    TypeUse typeUse(boolean allowNames) {
        int at = c.pos;
        long index = -1;
        if (c.acceptForm("type")) {
            index = types.resolve(c);
            c.expectRParen();
        }
        TypeUse sig = params(allowNames);
        if (c.atForm("param") || c.atForm("result") || c.atForm("type")) {
            throw c.unexpected(); // out of order
        }
        return new TypeUse(index, sig.params, sig.paramNames, sig.results, sig.inline, at);
    }

    private TypeUse params(boolean allowNames) {
        List<Long> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> results = new ArrayList<>();
        boolean inline = false;
        while (c.atForm("param")) {
            inline = true;
            c.pos += 2;
            if (c.at(Tokens.ID)) {
                if (!allowNames) {
                    throw c.unexpected();
                }
                names.add(c.acceptId());
                params.add(ValTypes.valType(c, types));
            } else {
                while (!c.at(Tokens.RPAREN)) {
                    params.add(ValTypes.valType(c, types));
                    names.add(null);
                }
            }
            c.expectRParen();
        }
        while (c.atForm("result")) {
            inline = true;
            c.pos += 2;
            while (!c.at(Tokens.RPAREN)) {
                results.add(ValTypes.valType(c, types));
            }
            c.pos++;
        }
        return new TypeUse(-1, toArray(params), names.toArray(new String[0]), toArray(results), inline, c.pos);
    }

    private static long[] toArray(List<Long> list) {
        long[] a = new long[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /**
     * The type index a use denotes: its {@code (type x)}, checked against any inline signature,
     * or the first type equal to the inline signature, appended when there is none.
     */
    long typeIndexOf(TypeUse use) {
        if (use.typeIndex >= 0) {
            if (use.inline) {
                if (use.typeIndex >= typeDefs.size() || typeDefs.get((int) use.typeIndex) == null) {
                    throw t.error(use.at, "unknown type");
                }
                FuncType def = typeDefs.get((int) use.typeIndex);
                if (!def.equals(new FuncType(use.params, use.results))) {
                    throw t.error(use.at, "inline function type");
                }
            }
            return use.typeIndex;
        }
        FuncType ft = new FuncType(use.params, use.results);
        Integer found = firstTypeIndex.get(ft);
        if (found != null) {
            return found;
        }
        int index = typeDefs.size();
        typeDefs.add(ft);
        ByteWriter w = new ByteWriter();
        ft.encode(w);
        typeBytes.add(w.toByteArray());
        typeEntries.add(new int[] {-1, index});
        firstTypeIndex.put(ft, index);
        return index;
    }

    /** Number of parameters of the function a use denotes, for numbering locals. */
    private int paramCount(TypeUse use) {
        if (use.inline || use.typeIndex < 0) {
            return use.params.length;
        }
        if (use.typeIndex < typeDefs.size() && typeDefs.get((int) use.typeIndex) != null) {
            return typeDefs.get((int) use.typeIndex).params().length;
        }
        return 0;
    }

    // ------------------------------------------------------------------ pass 2

    private void encodeField() {
        int f = c.pos;
        String kw = fieldKeyword(f);
        c.pos = f + 2;
        switch (kw) {
            case "type", "rec" -> {
                // Already read by declareTypes; encoded from typeBytes.
                c.pos = f;
                c.skipForm();
                return;
            }
            case "import" -> importField();
            case "func" -> funcField();
            case "table" -> tableField();
            case "memory" -> memoryField();
            case "global" -> globalField();
            case "tag" -> tagField();
            case "export" -> exportField();
            case "start" -> startField(f);
            case "elem" -> elemField();
            case "data" -> dataField();
            default -> throw t.unexpected(f + 1);
        }
        c.expectRParen();
    }

    private void importField() {
        byte[] module = c.name();
        byte[] field = c.name();
        c.expectLParen();
        String kind = c.text();
        c.pos++;
        String id = c.acceptId();
        importHeader(module, field);
        switch (kind) {
            case "func" -> importFuncDesc(id);
            case "table" -> {
                importSec.u8(1);
                tableType(importSec);
                nextTable++;
            }
            case "memory" -> {
                importSec.u8(2);
                limits(importSec);
                nextMemory++;
            }
            case "global" -> {
                importSec.u8(3);
                globalType(importSec);
                nextGlobal++;
            }
            case "tag" -> {
                if (!encoding.exceptions()) {
                    throw c.error("tags need the exceptions feature, which is disabled");
                }
                tagType(importSec);
                nextTag++;
            }
            default -> throw c.unexpected();
        }
        c.expectRParen();
    }

    private void importHeader(byte[] module, byte[] field) {
        importSec.vec(module).vec(field);
        importCount++;
    }

    private void importFuncDesc(String id) {
        TypeUse use = typeUse(true);
        importSec.u8(0).u32(typeIndexOf(use));
        nextFunc++;
    }

    /** Inline {@code (export "name")*}, recorded for the definition with the given index. */
    private void inlineExports(int kind, int index) {
        while (c.acceptForm("export")) {
            byte[] name = c.name();
            c.expectRParen();
            exportSec.vec(name).u8(kind).u32(index);
            exportCount++;
        }
    }

    /** Inline {@code (import "m" "n")}: returns true after writing the import header. */
    private boolean inlineImport() {
        if (!c.acceptForm("import")) {
            return false;
        }
        byte[] module = c.name();
        byte[] field = c.name();
        c.expectRParen();
        importHeader(module, field);
        return true;
    }

    private void funcField() {
        int index = nextFunc;
        c.acceptId();
        inlineExports(0, index);
        if (inlineImport()) {
            importFuncDesc(null);
            return;
        }
        nextFunc++;
        TypeUse use = typeUse(true);
        funcSec.u32(typeIndexOf(use));
        funcCount++;

        IndexSpace locals = new IndexSpace("local");
        int params = paramCount(use);
        for (int i = 0; i < params; i++) {
            String name = i < use.paramNames.length ? use.paramNames[i] : null;
            locals.add(name, t, use.at);
        }
        List<Long> localTypes = new ArrayList<>();
        while (c.atForm("local")) {
            c.pos += 2;
            if (c.at(Tokens.ID)) {
                int at = c.pos;
                locals.add(c.acceptId(), t, at);
                localTypes.add(ValTypes.valType(c, types));
            } else {
                while (!c.at(Tokens.RPAREN)) {
                    locals.add(null, t, c.pos);
                    localTypes.add(ValTypes.valType(c, types));
                }
            }
            c.expectRParen();
        }
        ByteWriter body = new ByteWriter(64);
        int runs = 0;
        for (int i = 0; i < localTypes.size(); ) {
            int j = i;
            while (j < localTypes.size() && localTypes.get(j).equals(localTypes.get(i))) {
                j++;
            }
            runs++;
            i = j;
        }
        body.u32(runs);
        for (int i = 0; i < localTypes.size(); ) {
            int j = i;
            while (j < localTypes.size() && localTypes.get(j).equals(localTypes.get(i))) {
                j++;
            }
            body.u32(j - i);
            ValTypes.write(body, localTypes.get(i));
            i = j;
        }
        TextPositions.Marks marks = new TextPositions.Marks();
        expr.functionBody(body, locals, marks);
        int bodyStart = codeSec.size() + ByteWriter.uleb128Size(body.size());
        for (int i = 0; i < marks.count; i++) {
            codeMarks.add(bodyStart + marks.bodyOffsets[i], marks.textOffsets[i]);
        }
        codeSec.vec(body);

        Map<Integer, String> names = null;
        for (int i = 0; i < locals.size(); i++) {
            String name = locals.nameOf(i);
            if (name != null) {
                if (names == null) {
                    names = new TreeMap<>();
                    localNames.put(index, names);
                }
                names.put(i, name);
            }
        }
    }

    private void tableField() {
        int index = nextTable++;
        c.acceptId();
        inlineExports(1, index);
        if (inlineImport()) {
            importSec.u8(1);
            tableType(importSec);
            return;
        }
        tableCount++;
        int typeStart = c.pos;
        boolean address64 = addressType();
        if (ValTypes.atRefType(c)) {
            // (table reftype (elem ...)): the limits are the number of elements.
            long refType = ValTypes.refType(c, types);
            if (!c.acceptForm("elem")) {
                throw c.unexpected();
            }
            ByteWriter items = new ByteWriter();
            int n = 0;
            boolean exprs = c.at(Tokens.LPAREN);
            // Function indexes for a table of another type than funcref are ref.func items of its type.
            boolean indexesAsItems = !exprs && refType != ValTypes.FUNCREF;
            while (!c.at(Tokens.RPAREN)) {
                if (exprs) {
                    elemItem(items);
                } else if (indexesAsItems) {
                    items.u8(0xD2).u32(funcs.resolve(c)).u8(0x0B);
                } else {
                    items.u32(funcs.resolve(c));
                }
                n++;
            }
            exprs |= indexesAsItems;
            c.expectRParen();
            ValTypes.write(tableSec, refType);
            tableSec.u8(address64 ? 5 : 1).u32(n).u32(n);
            elemCount++;
            writeActiveElem(index, zeroOffset(address64), exprs, refType, n, items);
            return;
        }
        c.pos = typeStart;
        ByteWriter type = new ByteWriter();
        tableType(type);
        if (c.at(Tokens.LPAREN)) {
            // A table with an initializer expression (WebAssembly 3.0).
            tableSec.u8(0x40).u8(0x00).bytes(type);
            expr.constExpr(tableSec);
        } else {
            tableSec.bytes(type);
        }
    }

    private void memoryField() {
        int index = nextMemory++;
        c.acceptId();
        inlineExports(2, index);
        if (inlineImport()) {
            importSec.u8(2);
            limits(importSec);
            return;
        }
        memCount++;
        int typeStart = c.pos;
        boolean address64 = addressType();
        if (c.acceptForm("data")) {
            ByteWriter bytes = new ByteWriter();
            while (c.at(Tokens.STRING)) {
                bytes.bytes(c.string());
            }
            c.expectRParen();
            long pages = (bytes.size() + 65535L) / 65536L;
            memSec.u8(address64 ? 5 : 1).u32(pages).u32(pages);
            if (index == 0) {
                dataSec.u8(0);
            } else {
                dataSec.u8(2).u32(index);
            }
            dataSec.bytes(zeroOffset(address64)).vec(bytes);
            dataCount++;
            return;
        }
        c.pos = typeStart;
        limits(memSec);
    }

    private void globalField() {
        int index = nextGlobal++;
        c.acceptId();
        inlineExports(3, index);
        if (inlineImport()) {
            importSec.u8(3);
            globalType(importSec);
            return;
        }
        globalCount++;
        globalType(globalSec);
        expr.constExpr(globalSec);
    }

    private void exportField() {
        byte[] name = c.name();
        c.expectLParen();
        int kind;
        IndexSpace space;
        if (c.atAtom("func")) {
            kind = 0;
            space = funcs;
        } else if (c.atAtom("table")) {
            kind = 1;
            space = tables;
        } else if (c.atAtom("memory")) {
            kind = 2;
            space = memories;
        } else if (c.atAtom("global")) {
            kind = 3;
            space = globals;
        } else if (encoding.exceptions() && c.atAtom("tag")) {
            kind = 4;
            space = tags;
        } else {
            throw c.unexpected();
        }
        c.pos++;
        long index = space.resolve(c);
        c.expectRParen();
        exportSec.vec(name).u8(kind).u32(index);
        exportCount++;
    }

    /** {@code (tag $id? (export "n")* (import "m" "n")? typeuse)}. */
    private void tagField() {
        int index = nextTag++;
        c.acceptId();
        inlineExports(4, index);
        if (inlineImport()) {
            tagType(importSec);
            return;
        }
        tagSec.u8(0).u32(typeIndexOf(typeUse(true)));
        tagCount++;
    }

    /** An import's tag: kind 4, the attribute 0 (an exception) and its type. */
    private void tagType(ByteWriter w) {
        w.u8(4).u8(0).u32(typeIndexOf(typeUse(true)));
    }

    private void startField(int at) {
        long f = funcs.resolve(c);
        if (startFunc >= 0) {
            throw t.error(at, "multiple start sections");
        }
        startFunc = f;
    }

    private void elemField() {
        c.acceptId();
        int mode; // 0 active, 1 passive, 2 declarative
        long table = 0;
        ByteWriter offset = null;
        boolean legacyAllowed = false;
        if (c.atAtom("declare")) {
            c.pos++;
            mode = 2;
        } else if (c.atForm("table") || c.atForm("offset")
                || (c.at(Tokens.LPAREN) && !c.atForm("ref") && !c.atForm("item"))) {
            mode = 0;
            if (c.acceptForm("table")) {
                table = tables.resolve(c);
                c.expectRParen();
            } else {
                legacyAllowed = true;
            }
            offset = offsetExpr();
        } else {
            mode = 1;
        }
        // The element list: "func" x*, reftype item*, or (active, legacy) x*.
        boolean exprs;
        long refType = ValTypes.FUNCREF;
        if (c.atAtom("func")) {
            c.pos++;
            exprs = false;
        } else if (ValTypes.atRefType(c)) {
            refType = ValTypes.refType(c, types);
            exprs = true;
        } else if (legacyAllowed || mode == 0) {
            exprs = false;
        } else {
            throw c.unexpected();
        }
        ByteWriter items = new ByteWriter();
        int n = 0;
        while (!c.at(Tokens.RPAREN)) {
            if (exprs) {
                elemItem(items);
            } else {
                items.u32(funcs.resolve(c));
            }
            n++;
        }
        elemCount++;
        switch (mode) {
            case 0 -> writeActiveElem(table, offset.toByteArray(), exprs, refType, n, items);
            case 1 -> {
                elemSec.u8(exprs ? 5 : 1);
                if (exprs) {
                    ValTypes.write(elemSec, refType);
                } else {
                    elemSec.u8(0x00);
                }
                elemSec.u32(n).bytes(items);
            }
            default -> {
                elemSec.u8(exprs ? 7 : 3);
                if (exprs) {
                    ValTypes.write(elemSec, refType);
                } else {
                    elemSec.u8(0x00);
                }
                elemSec.u32(n).bytes(items);
            }
        }
    }

    private void writeActiveElem(long table, byte[] offset, boolean exprs, long refType, int n, ByteWriter items) {
        if (!exprs) {
            if (table == 0) {
                elemSec.u8(0).bytes(offset);
            } else {
                elemSec.u8(2).u32(table).bytes(offset).u8(0x00);
            }
        } else if (table == 0 && refType == ValTypes.FUNCREF) {
            elemSec.u8(4).bytes(offset);
        } else {
            elemSec.u8(6).u32(table).bytes(offset);
            ValTypes.write(elemSec, refType);
        }
        elemSec.u32(n).bytes(items);
    }

    /** {@code (item instr*)} or a single folded instruction. */
    private void elemItem(ByteWriter out) {
        if (c.acceptForm("item")) {
            expr.constExpr(out);
            c.expectRParen();
        } else {
            expr.foldedConstExpr(out);
        }
    }

    /** {@code (offset instr*)} or a single folded instruction; returns the encoded expression. */
    private ByteWriter offsetExpr() {
        ByteWriter out = new ByteWriter(8);
        if (c.acceptForm("offset")) {
            expr.constExpr(out);
            c.expectRParen();
        } else {
            expr.foldedConstExpr(out);
        }
        return out;
    }

    private void dataField() {
        c.acceptId();
        long memory = 0;
        ByteWriter offset = null;
        if (c.acceptForm("memory")) {
            memory = memories.resolve(c);
            c.expectRParen();
            offset = offsetExpr();
        } else if (c.at(Tokens.LPAREN)) {
            offset = offsetExpr();
        }
        ByteWriter bytes = new ByteWriter();
        while (c.at(Tokens.STRING)) {
            bytes.bytes(c.string());
        }
        if (offset == null) {
            dataSec.u8(1);
        } else if (memory == 0) {
            dataSec.u8(0).bytes(offset);
        } else {
            dataSec.u8(2).u32(memory).bytes(offset);
        }
        dataSec.vec(bytes);
        dataCount++;
    }

    // ------------------------------------------------------------------ types of definitions

    /** An optional address type, {@code i32} or {@code i64}: whether it is {@code i64}. */
    private boolean addressType() {
        if (!m64()) {
            if (c.atAtom("i64")) {
                throw c.error("64-bit memories and tables need the memory64 feature, which is disabled");
            }
            return false;
        }
        if (c.atAtom("i64")) {
            c.pos++;
            return true;
        }
        if (c.atAtom("i32")) {
            c.pos++;
        }
        return false;
    }

    /** Whether 64-bit memories and tables, and 3.0's u64 bounds, are read. */
    private boolean m64() {
        return encoding.memory64();
    }

    /** The offset expression of an abbreviated segment: {@code i32.const 0} or {@code i64.const 0}. */
    private static byte[] zeroOffset(boolean address64) {
        return new byte[] {(byte) (address64 ? 0x42 : 0x41), 0x00, 0x0B};
    }

    /**
     * An optional address type, then limits, written with the flags that say both. The bounds are
     * u64s, as 3.0's binary format writes them whatever the address type: a 32-bit type's bound
     * of 2^32 or more then fails validation, and fails to decode by 2.0's rules, whose bounds are
     * u32s.
     */
    private void limits(ByteWriter w) {
        boolean address64 = addressType();
        int bits = m64() ? 64 : 32;
        long min = c.unsigned(bits);
        boolean hasMax = c.at(Tokens.ATOM) && NumberLiterals.isNat(c.text());
        long max = hasMax ? c.unsigned(bits) : 0;
        w.u8((address64 ? 4 : 0) | (hasMax ? 1 : 0)).u32(min);
        if (hasMax) {
            w.u32(max);
        }
    }

    private void tableType(ByteWriter w) {
        ByteWriter lim = new ByteWriter(8);
        limits(lim);
        long ref = ValTypes.refType(c, types);
        ValTypes.write(w, ref);
        w.bytes(lim);
    }

    private void globalType(ByteWriter w) {
        if (c.acceptForm("mut")) {
            ValTypes.write(w, ValTypes.valType(c, types));
            c.expectRParen();
            w.u8(1);
        } else {
            ValTypes.write(w, ValTypes.valType(c, types));
            w.u8(0);
        }
    }

    // ------------------------------------------------------------------ assembly

    private byte[] assemble() {
        ByteWriter out = new ByteWriter(64 + codeSec.size() + dataSec.size());
        out.i32LE(0x6D736100).i32LE(1);
        if (!typeEntries.isEmpty()) {
            ByteWriter s = new ByteWriter();
            s.u32(typeEntries.size());
            for (int[] entry : typeEntries) {
                if (entry[0] < 0) {
                    s.bytes(typeBytes.get(entry[1]));
                } else {
                    s.u8(0x4E).u32(entry[1]);
                    for (int i = entry[0]; i < entry[0] + entry[1]; i++) {
                        s.bytes(typeBytes.get(i));
                    }
                }
            }
            section(out, 1, s);
        }
        section(out, 2, importCount, importSec);
        section(out, 3, funcCount, funcSec);
        section(out, 4, tableCount, tableSec);
        section(out, 5, memCount, memSec);
        section(out, 13, tagCount, tagSec);
        section(out, 6, globalCount, globalSec);
        section(out, 7, exportCount, exportSec);
        if (startFunc >= 0) {
            section(out, 8, new ByteWriter(8).u32(startFunc));
        }
        section(out, 9, elemCount, elemSec);
        if (dataCount > 0 || usesDataCount) {
            section(out, 12, new ByteWriter(8).u32(dataCount));
        }
        if (funcCount > 0) {
            // The code section: its id, its size, the function count, then codeSec.
            int contentSize = ByteWriter.uleb128Size(funcCount) + codeSec.size();
            int codeStart = out.size() + 1 + ByteWriter.uleb128Size(contentSize) + ByteWriter.uleb128Size(funcCount);
            positions = positions(codeStart);
        }
        section(out, 10, funcCount, codeSec);
        section(out, 11, dataCount, dataSec);
        nameSection(out);
        return out.toByteArray();
    }

    /** Where the instructions are in the text, with the code section's contents at {@code codeStart}. */
    private TextPositions positions(int codeStart) {
        int n = codeMarks.count;
        int[] offsets = new int[n];
        int[] lines = new int[n];
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = codeStart + codeMarks.bodyOffsets[i];
            lines[i] = t.lineOf(codeMarks.textOffsets[i]);
            columns[i] = t.columnOf(codeMarks.textOffsets[i]);
        }
        return new TextPositions(t.origin, offsets, lines, columns);
    }

    /** After {@link #parse()}: where the instructions are in the text; null for a module without code. */
    TextPositions positions() {
        return positions;
    }

    private static void section(ByteWriter out, int id, int count, ByteWriter content) {
        if (count == 0) {
            return;
        }
        ByteWriter s = new ByteWriter(content.size() + 8);
        s.u32(count).bytes(content);
        section(out, id, s);
    }

    private static void section(ByteWriter out, int id, ByteWriter content) {
        out.u8(id).vec(content);
    }

    private void nameSection(ByteWriter out) {
        ByteWriter s = new ByteWriter();
        s.vec(utf8("name"));
        if (moduleName != null) {
            s.u8(0).vec(new ByteWriter().vec(utf8(moduleName)));
        }
        ByteWriter fn = new ByteWriter();
        int named = 0;
        for (int i = 0; i < funcs.size(); i++) {
            String name = funcs.nameOf(i);
            if (name != null) {
                fn.u32(i).vec(utf8(name));
                named++;
            }
        }
        if (named > 0) {
            s.u8(1).vec(new ByteWriter().u32(named).bytes(fn));
        }
        if (!localNames.isEmpty()) {
            ByteWriter ln = new ByteWriter();
            ln.u32(localNames.size());
            for (Map.Entry<Integer, Map<Integer, String>> e : localNames.entrySet()) {
                ln.u32(e.getKey()).u32(e.getValue().size());
                for (Map.Entry<Integer, String> l : e.getValue().entrySet()) {
                    ln.u32(l.getKey()).vec(utf8(l.getValue()));
                }
            }
            s.u8(2).vec(ln);
        }
        if (moduleName == null && named == 0 && localNames.isEmpty()) {
            return;
        }
        section(out, 0, s);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
