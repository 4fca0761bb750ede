package dev.jazero.internal.decoding;

import dev.jazero.internal.wasm.Opcode;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.Encoding;
import dev.jazero.internal.wasm.ArrayType;
import dev.jazero.internal.wasm.CompositeType;
import dev.jazero.internal.wasm.ConstExpr;
import dev.jazero.internal.wasm.DefinedType;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.StructType;
import dev.jazero.internal.dwarf.DwarfLines;
import dev.jazero.internal.wasm.CustomSectionData;
import dev.jazero.internal.wasm.DataSegment;
import dev.jazero.internal.wasm.ElementSegment;
import dev.jazero.internal.wasm.Export;
import dev.jazero.internal.wasm.ExternKind;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.FunctionCode;
import dev.jazero.internal.wasm.Global;
import dev.jazero.internal.wasm.GlobalType;
import dev.jazero.internal.wasm.Import;
import dev.jazero.internal.wasm.MemoryType;
import dev.jazero.internal.wasm.SegmentMode;
import dev.jazero.internal.wasm.Table;
import dev.jazero.internal.wasm.TableType;
import dev.jazero.internal.wasm.ValueTypes;
import dev.jazero.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the binary format into a {@link WasmModule}. It checks everything the binary format
 * itself requires, including that every function body is a well-formed instruction sequence;
 * typing rules are the validator's.
 */
public final class BinaryDecoder {

    /** Locals per function beyond which we refuse a module, to bound the memory a frame needs. */
    public static final int MAX_LOCALS = 50_000;

    private static final int CUSTOM = 0, TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5,
            GLOBAL = 6, EXPORT = 7, START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12, TAG = 13;
    private static final String[] SECTION_NAMES = {"custom section", "type section", "import section",
        "function section", "table section", "memory section", "global section", "export section",
        "start section", "element section", "code section", "data section", "data count section", "tag section"};

    private final ByteReader in;
    private final WasmModule module = new WasmModule();
    private final boolean keepCustomSections;
    private final boolean keepDebugInfo;
    private final boolean checkCode;
    /** The sections DWARF line tables need, when kept: .debug_line, .debug_line_str, .debug_str. */
    private byte[] debugLine;
    private byte[] debugLineStr;
    private byte[] debugStr;

    private final Encoding encoding;

    private BinaryDecoder(byte[] bytes, Encoding encoding, boolean keepCustomSections, boolean keepDebugInfo,
            boolean checkCode) {
        this.in = new ByteReader(bytes);
        this.encoding = encoding;
        module.encoding = encoding;
        this.keepCustomSections = keepCustomSections;
        this.keepDebugInfo = keepDebugInfo;
        this.checkCode = checkCode;
    }

    /** Decodes a module by 2.0's rules; custom sections other than "name" are kept only when asked. */
    public static WasmModule decode(byte[] bytes, boolean keepCustomSections) {
        return decode(bytes, Encoding.V2, keepCustomSections, false);
    }

    /**
     * Decodes a module by the rules of {@code encoding}; custom sections other than "name" are kept
     * only when asked, and with {@code keepDebugInfo} the DWARF sections that give source lines
     * ({@link WasmModule#dwarfLines}).
     */
    public static WasmModule decode(byte[] bytes, Encoding encoding, boolean keepCustomSections, boolean keepDebugInfo) {
        return new BinaryDecoder(bytes, encoding, keepCustomSections, keepDebugInfo, true).decode();
    }

    /**
     * Decodes a module without walking its function bodies, which is most of decoding's time:
     * for bytes that a compilation cache has validated before, or for
     * {@code ModuleValidator.validate}, which reads every body anyway and has
     * {@link #checkCodeSyntax} find a malformed one only when validation fails.
     */
    public static WasmModule decodeSections(byte[] bytes, Encoding encoding, boolean keepCustomSections,
            boolean keepDebugInfo) {
        return new BinaryDecoder(bytes, encoding, keepCustomSections, keepDebugInfo, false).decode();
    }

    /** Returns true when the bytes start with the binary format's magic number. */
    public static boolean hasMagic(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    private WasmModule decode() {
        in.setContext("header");
        if (in.remaining() < 4 || !hasMagic(in.bytes())) {
            throw in.error("magic header not detected", 0);
        }
        in.skip(4);
        if (in.remaining() < 4 || in.fixed32() != 1) {
            throw in.error("unknown binary version", 4);
        }
        int lastId = 0;
        int functionCount = -1;
        boolean sawCode = false;
        while (in.hasMore()) {
            int sectionStart = in.position();
            int id = in.u8();
            if (id > (encoding.exceptions() ? TAG : DATA_COUNT)) {
                throw in.error("malformed section id " + id, sectionStart);
            }
            in.setContext(SECTION_NAMES[id]);
            long size = in.u32();
            if (size > in.remaining()) {
                throw in.error("unexpected end: section size " + size + " past the end of the module", sectionStart);
            }
            int end = in.position() + (int) size;
            if (id != CUSTOM) {
                if (order(id) <= order(lastId)) {
                    throw in.error("unexpected content after last section", sectionStart);
                }
                lastId = id;
            }
            int outer = in.setLimit(end);
            switch (id) {
                case CUSTOM -> readCustom(end);
                case TYPE -> readTypes();
                case IMPORT -> readImports();
                case FUNCTION -> functionCount = readFunctions();
                case TABLE -> readTables();
                case MEMORY -> readMemories();
                case GLOBAL -> readGlobals();
                case TAG -> readTags();
                case EXPORT -> readExports();
                case START -> module.startFunction = in.u32Index();
                case ELEMENT -> readElements();
                case DATA_COUNT -> module.dataCount = in.u32Index();
                case CODE -> {
                    module.codeSectionStart = in.position();
                    readCode(functionCount);
                    sawCode = true;
                }
                case DATA -> readData();
                default -> throw new AssertionError(id);
            }
            if (in.position() != end) {
                throw in.error("section size mismatch", in.position());
            }
            in.setLimit(outer);
        }
        if (!sawCode && functionCount > 0) {
            in.setContext("module");
            throw in.error("function and code section have inconsistent lengths");
        }
        if (module.dataCount >= 0 && module.dataCount != module.datas.size()) {
            in.setContext("module");
            throw in.error("data count and data section have inconsistent lengths");
        }
        module.finishIndexSpaces();
        if (checkCode) {
            checkCodeSyntax(module);
        }
        if (debugLine != null) {
            module.dwarfLines = DwarfLines.of(debugLine, debugLineStr, debugStr, module.codeSectionStart);
        }
        return module;
    }

    /** The position of a section id in the required order; the data count comes before code. */
    private static int order(int id) {
        return switch (id) {
            case DATA_COUNT -> ELEMENT * 2 + 1;
            case TAG -> MEMORY * 2 + 1;
            case CUSTOM -> 0;
            default -> id * 2;
        };
    }

    private void readCustom(int end) {
        String name = in.name();
        int payloadStart = in.position();
        boolean debug = keepDebugInfo && (name.equals(".debug_line") || name.equals(".debug_line_str")
                || name.equals(".debug_str"));
        if (!keepCustomSections && !debug && !name.equals("name")) {
            in.skip(end - payloadStart); // Not copied: debug information can be most of a module.
            return;
        }
        byte[] data = in.readBytes(end - payloadStart);
        if (name.equals("name")) {
            NameSectionReader.read(data, module.names);
        }
        if (keepCustomSections) {
            module.customSections.add(new CustomSectionData(name, data));
        }
        if (debug) {
            // The first of each, as DWARF consumers do; the rest of DWARF is not needed for lines.
            switch (name) {
                case ".debug_line" -> debugLine = debugLine != null ? debugLine : data;
                case ".debug_line_str" -> debugLineStr = debugLineStr != null ? debugLineStr : data;
                case ".debug_str" -> debugStr = debugStr != null ? debugStr : data;
                default -> { }
            }
        }
    }

    /**
     * The type section: a vector of recursive groups, each {@code 0x4E} and its types, or one type
     * alone (by garbage collection's rules; by 2.0's, function types only).
     */
    private void readTypes() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            int start = module.types.size();
            if (encoding.gc() && in.peekU8() == 0x4E) {
                in.u8();
                int size = in.count(1);
                for (int k = 0; k < size; k++) {
                    module.types.add(subType(start, size));
                }
            } else {
                module.types.add(subType(start, 1));
            }
        }
    }

    /** A type of the group at {@code groupStart}: {@code 0x50} or {@code 0x4F} and its supertypes, then what it is. */
    private DefinedType subType(int groupStart, int groupSize) {
        boolean isFinal = true;
        int supertype = -1;
        int code = in.peekU8();
        if (encoding.gc() && (code == 0x50 || code == 0x4F)) {
            in.u8();
            isFinal = code == 0x4F;
            int count = in.count(1);
            for (int k = 0; k < count; k++) {
                int index = in.u32Index();
                // More than one supertype is invalid, which validation says; the first stands for them.
                supertype = k == 0 ? index : supertype;
            }
            if (count > 1) {
                supertype = -2;
            }
        }
        int at = in.position();
        int kind = in.u8();
        CompositeType composite;
        if (kind == 0x60) {
            ValueType[] params = valueTypes();
            ValueType[] results = valueTypes();
            composite = new FuncType(params, results);
        } else if (encoding.gc() && kind == 0x5F) {
            int fields = in.count(2);
            List<FieldType> list = new ArrayList<>(fields);
            for (int k = 0; k < fields; k++) {
                list.add(fieldType());
            }
            composite = new StructType(list);
        } else if (encoding.gc() && kind == 0x5E) {
            composite = new ArrayType(fieldType());
        } else {
            throw in.error(encoding.gc() ? "malformed composite type" : "malformed function type", at);
        }
        return new DefinedType(composite, groupStart, groupSize, isFinal, supertype);
    }

    /** A field's storage type ({@code i8}, {@code i16} or a value type) and its mutability. */
    private FieldType fieldType() {
        int code = in.peekU8();
        int packedBits = 0;
        ValueType type;
        if (code == 0x78 || code == 0x77) {
            in.u8();
            packedBits = code == 0x78 ? 8 : 16;
            type = ValueType.I32;
        } else {
            type = InstructionReader.valueType(in, encoding);
        }
        int at = in.position();
        int mut = in.u8();
        if (mut > 1) {
            throw in.error("malformed mutability", at);
        }
        return new FieldType(type, packedBits, mut == 1);
    }

    private ValueType[] valueTypes() {
        int n = in.count(1);
        ValueType[] types = new ValueType[n];
        for (int i = 0; i < n; i++) {
            types[i] = InstructionReader.valueType(in, encoding);
        }
        return types;
    }

    private void readImports() {
        int n = in.count(4);
        for (int i = 0; i < n; i++) {
            String moduleName = in.name();
            String name = in.name();
            int at = in.position();
            int kind = in.u8();
            Import imp = switch (kind) {
                case 0 -> new Import(moduleName, name, ExternKind.FUNC, in.u32Index(), null, null, null);
                case 1 -> new Import(moduleName, name, ExternKind.TABLE, -1, tableType(), null, null);
                case 2 -> new Import(moduleName, name, ExternKind.MEMORY, -1, null, memoryType(), null);
                case 3 -> new Import(moduleName, name, ExternKind.GLOBAL, -1, null, null, globalType());
                case 4 -> {
                    if (!encoding.exceptions()) {
                        throw in.error("malformed import kind 4: tags need the exceptions feature, which is disabled", at);
                    }
                    yield new Import(moduleName, name, ExternKind.TAG, tagType(), null, null, null);
                }
                default -> throw in.error("malformed import kind " + kind, at);
            };
            module.imports.add(imp);
        }
    }

    private int readFunctions() {
        int n = in.count(1);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = in.u32Index();
        }
        module.functionTypeIndices = types;
        return n;
    }

    /** Tables, each with an initialiser after {@code 0x40 0x00} by typed references' rules. */
    private void readTables() {
        int n = in.count(3);
        for (int i = 0; i < n; i++) {
            if (encoding.functionReferences() && in.peekU8() == 0x40) {
                int at = in.position();
                in.u8();
                if (in.u8() != 0x00) {
                    throw in.error("malformed table", at);
                }
                TableType type = tableType();
                module.tables.add(new Table(type, constExpr()));
            } else {
                module.tables.add(new Table(tableType(), null));
            }
        }
    }

    private void readMemories() {
        int n = in.count(2);
        for (int i = 0; i < n; i++) {
            module.memories.add(memoryType());
        }
    }

    private TableType tableType() {
        ValueType type = referenceType();
        long[] limits = limits();
        return new TableType(type, limits[0], limits[1], limits[3] != 0, limits[2] != 0);
    }

    /** A reference type: {@code funcref} or {@code externref}, or by typed references' rules any. */
    private ValueType referenceType() {
        int at = in.position();
        int code = in.peekU8();
        if (!encoding.functionReferences() && code != 0x70 && code != 0x6F) {
            throw in.error("malformed reference type", at);
        }
        ValueType type = InstructionReader.valueType(in, encoding);
        if (!type.isReference()) {
            throw in.error("malformed reference type", at);
        }
        return type;
    }

    private MemoryType memoryType() {
        long[] limits = limits();
        return new MemoryType(limits[0], limits[1], limits[3] != 0, limits[2] != 0);
    }

    /**
     * Limits: the minimum, the maximum or -1, 1 for a 64-bit address type (flags 4 and 5), and 1
     * when there is a maximum (a u64 maximum of 2^64 - 1 is -1 too). By 3.0's rules every bound is
     * a u64, which validation then bounds by the address type; by 2.0's, bounds are u32s and flags
     * 4 and 5 do not exist.
     */
    private long[] limits() {
        int at = in.position();
        int flag = in.u8();
        if (encoding.memory64() && flag >= 0 && flag <= 5 && flag != 2 && flag != 3) {
            long min = in.u64();
            return new long[] {min, (flag & 1) != 0 ? in.u64() : -1, flag >> 2, flag & 1};
        }
        return switch (flag) {
            case 0 -> new long[] {in.u32(), -1, 0, 0};
            case 1 -> new long[] {in.u32(), in.u32(), 0, 1};
            case 4, 5 -> throw in.error("integer too large: malformed limits flag " + flag
                    + " (64-bit limits need the memory64 feature, which is disabled)", at);
            default -> throw in.error("integer too large: malformed limits flag " + flag, at);
        };
    }

    private GlobalType globalType() {
        ValueType type = InstructionReader.valueType(in, encoding);
        int at = in.position();
        int mut = in.u8();
        if (mut > 1) {
            throw in.error("malformed mutability", at);
        }
        return new GlobalType(type, mut == 1);
    }

    private void readTags() {
        int n = in.count(2);
        for (int i = 0; i < n; i++) {
            module.tags.add(tagType());
        }
    }

    /** A tag's type: the attribute 0 (an exception), then the index of its function type. */
    private int tagType() {
        int at = in.position();
        if (in.u8() != 0) {
            throw in.error("malformed tag attribute", at);
        }
        return in.u32Index();
    }

    private void readGlobals() {
        int n = in.count(3);
        for (int i = 0; i < n; i++) {
            GlobalType type = globalType();
            module.globals.add(new Global(type, constExpr()));
        }
    }

    private void readExports() {
        int n = in.count(3);
        for (int i = 0; i < n; i++) {
            String name = in.name();
            int at = in.position();
            int kind = in.u8();
            if (kind > (encoding.exceptions() ? 4 : 3)) {
                throw in.error("malformed export kind " + kind, at);
            }
            module.exports.add(new Export(name, ExternKind.values()[kind], in.u32Index()));
        }
    }

    /** Reads a constant expression up to its end, checking only that it is well formed. */
    private ConstExpr constExpr() {
        int start = in.position();
        InstructionReader reader = new InstructionReader(in, encoding);
        int depth = 0;
        while (true) {
            int op = reader.next();
            if (op == 0x0B) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (Opcode.opensBlock(op)) {
                depth++;
            }
        }
        byte[] code = new byte[in.position() - start];
        System.arraycopy(in.bytes(), start, code, 0, code.length);
        return new ConstExpr(code, start);
    }

    private void readElements() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            int at = in.position();
            long flags = in.u32();
            if (flags > 7) {
                throw in.error("malformed elements segment kind " + flags, at);
            }
            int f = (int) flags;
            SegmentMode mode = (f & 1) == 0 ? SegmentMode.ACTIVE : (f & 2) == 0 ? SegmentMode.PASSIVE : SegmentMode.DECLARATIVE;
            int table = 0;
            ConstExpr offset = null;
            if (mode == SegmentMode.ACTIVE) {
                if ((f & 2) != 0) {
                    table = in.u32Index();
                }
                offset = constExpr();
            }
            boolean usesExpressions = (f & 4) != 0;
            // Function indexes are never null: with typed references their type says so.
            ValueType type = usesExpressions || !encoding.functionReferences() ? ValueType.FUNCREF
                    : ValueType.ref(dev.jazero.api.HeapType.FUNC, false);
            if ((f & 3) != 0) {
                int kindAt = in.position();
                int k = in.u8();
                if (usesExpressions) {
                    in.setPosition(kindAt);
                    type = referenceType();
                } else if (k != 0) {
                    throw in.error("malformed element kind", kindAt);
                }
            }
            int count = in.count(1);
            if (usesExpressions) {
                ConstExpr[] items = new ConstExpr[count];
                for (int j = 0; j < count; j++) {
                    items[j] = constExpr();
                }
                module.elements.add(new ElementSegment(mode, table, offset, type, null, items));
            } else {
                int[] funcs = new int[count];
                for (int j = 0; j < count; j++) {
                    funcs[j] = in.u32Index();
                }
                module.elements.add(new ElementSegment(mode, table, offset, type, funcs, null));
            }
        }
    }

    private void readCode(int functionCount) {
        int n = in.count(2);
        if (n != Math.max(functionCount, 0)) {
            throw in.error("function and code section have inconsistent lengths");
        }
        for (int i = 0; i < n; i++) {
            int size = in.count(1);
            int bodyEnd = in.position() + size;
            int outer = in.setLimit(bodyEnd);
            int groups = in.count(2);
            long total = 0;
            ValueType[][] groupTypes = new ValueType[groups][];
            long[] groupCounts = new long[groups];
            for (int g = 0; g < groups; g++) {
                long count = in.u32();
                total += count;
                if (total > 0xFFFF_FFFFL) {
                    throw in.error("too many locals");
                }
                groupCounts[g] = count;
                groupTypes[g] = new ValueType[] {InstructionReader.valueType(in, encoding)};
            }
            if (total > MAX_LOCALS) {
                throw in.error("too many locals: " + total + " (this implementation allows " + MAX_LOCALS + ")");
            }
            ValueType[] locals = new ValueType[(int) total];
            int k = 0;
            for (int g = 0; g < groups; g++) {
                for (long c = 0; c < groupCounts[g]; c++) {
                    locals[k++] = groupTypes[g][0];
                }
            }
            int codeStart = in.position();
            byte[] code = in.readBytes(bodyEnd - codeStart);
            module.codes.add(new FunctionCode(locals, code, codeStart));
            in.setLimit(outer);
        }
    }

    private void readData() {
        int n = in.count(1);
        for (int i = 0; i < n; i++) {
            int at = in.position();
            long flags = in.u32();
            DataSegment segment = switch ((int) Math.min(flags, 3)) {
                case 0 -> new DataSegment(SegmentMode.ACTIVE, 0, constExpr(), dataBytes());
                case 1 -> new DataSegment(SegmentMode.PASSIVE, 0, null, dataBytes());
                case 2 -> {
                    int memory = in.u32Index();
                    yield new DataSegment(SegmentMode.ACTIVE, memory, constExpr(), dataBytes());
                }
                default -> throw in.error("malformed data segment kind " + flags, at);
            };
            module.datas.add(segment);
        }
    }

    private byte[] dataBytes() {
        int len = in.count(1);
        return in.readBytes(len);
    }

    /**
     * Walks every body of a decoded module once with the instruction reader: every opcode must
     * exist, every immediate must be well formed, blocks must nest, and the body must end with its
     * final {@code end} exactly at its last byte.
     *
     * @throws MalformedModuleException for the first body that breaks the binary format
     */
    public static void checkCodeSyntax(WasmModule module) {
        Encoding encoding = module.encoding;
        for (int i = 0; i < module.codes.size(); i++) {
            FunctionCode fc = module.codes.get(i);
            ByteReader body = new ByteReader(fc.code());
            body.setContext("code of function " + (module.importedFunctionCount() + i) + " at module offset 0x"
                    + Integer.toHexString(fc.codeOffset()));
            InstructionReader reader = new InstructionReader(body, encoding);
            int depth = 0;
            while (true) {
                if (!body.hasMore()) {
                    throw body.error("unexpected end of section or function: END opcode expected");
                }
                int op = reader.next();
                if (Opcode.opensBlock(op)) {
                    depth++;
                } else if (op == 0x0B || op == Opcode.DELEGATE && depth > 0) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (usesDataIndex(op) && module.dataCount < 0) {
                    throw body.error("data count section required", reader.start);
                }
            }
            if (body.hasMore()) {
                throw body.error("section size mismatch: bytes after the function's final end");
            }
        }
    }

    /**
     * Whether an instruction names a data segment, which the binary format allows only after a
     * data count section: the code section comes before the data section.
     */
    private static boolean usesDataIndex(int op) {
        return op == Opcode.MEMORY_INIT_PACKED || op == Opcode.DATA_DROP_PACKED || op == Opcode.ARRAY_NEW_DATA_PACKED
                || op == Opcode.ARRAY_INIT_DATA_PACKED;
    }
}
