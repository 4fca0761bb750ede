package dev.jazero.internal.decoding;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.Encoding;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.WasmModule;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.ValueTypes;

/**
 * Decodes one instruction at a time from a function body or constant expression: the opcode and
 * its immediates, with the binary format's rules. The decoder uses it to check that code is well
 * formed before validation starts (so that a malformed body is reported as malformed even when it
 * is also invalid), and the validator uses it again to walk the code.
 *
 * <p>Opcodes of the prefixed families are returned packed ({@link Opcode#prefixed}), e.g.
 * {@link Opcode#MEMORY_INIT_PACKED} for {@code memory.init}. The fields hold the immediates of the last instruction
 * read; they are overwritten by the next.
 */
public final class InstructionReader {

    private final ByteReader in;
    private final Encoding encoding;

    /** The opcode of the last instruction. */
    public int opcode;
    /** Where the last instruction started. */
    public int start;
    /** First immediate: index, label, block type (s33), constant, or memarg alignment. */
    public long a;
    /** Second immediate: memarg offset, table index, or the high half of a v128 constant. */
    public long b;
    /** Third immediate: lane index of lane memory instructions. */
    public int lane;
    /** The memory of a memory instruction; of {@code memory.copy}, the destination's. */
    public int memory;
    /** {@code ref.null}'s heap type; {@link #a} is its code when it is abstract, else -1. */
    public HeapType heapType;
    /** The target heap type of {@code br_on_cast} and {@code br_on_cast_fail}. */
    public HeapType heapType2;
    /** {@code br_on_cast}'s flags: bit 0, the source type is nullable; bit 1, the target type. */
    public int castFlags;
    /** The result type of a block that writes it as {@code (ref null? ht)}, else null (see {@link #blockType}). */
    public ValueType blockResult;
    /** The source memory of {@code memory.copy}. */
    public int sourceMemory;
    /** Labels of br_table, {@link #tableSize} of them plus the default at the end. */
    public int[] table = new int[8];
    public int tableSize;
    /** Types of a typed select. */
    public ValueType[] selectTypes;
    /** The catch clauses of a {@code try_table}, {@link #catchCount} of them: kind (0 to 3, as encoded), tag, label. */
    public int[] catchKinds = new int[4];
    public int[] catchTags = new int[4];
    public int[] catchLabels = new int[4];
    public int catchCount;

    /** Reads code by the rules of {@code encoding}. */
    public InstructionReader(ByteReader in, Encoding encoding) {
        this.in = in;
        this.encoding = encoding;
    }

    public ByteReader input() {
        return in;
    }

    /** Reads the next instruction and returns its opcode. */
    public int next() {
        start = in.position();
        int op = in.u8();
        switch (op) {
            case Opcode.BLOCK, Opcode.LOOP, Opcode.IF -> readBlockType();
            case Opcode.TRY_TABLE, Opcode.TRY, Opcode.THROW, Opcode.CATCH, Opcode.RETHROW, Opcode.DELEGATE,
                    Opcode.THROW_REF, Opcode.CATCH_ALL -> readException(op);
            case Opcode.BR, Opcode.BR_IF, Opcode.CALL, Opcode.RETURN_CALL, Opcode.CALL_REF, Opcode.RETURN_CALL_REF,
                    Opcode.BR_ON_NULL, Opcode.BR_ON_NON_NULL, Opcode.LOCAL_GET,
                    Opcode.LOCAL_SET, Opcode.LOCAL_TEE, Opcode.GLOBAL_GET, Opcode.GLOBAL_SET,
                    Opcode.TABLE_GET, Opcode.TABLE_SET, Opcode.REF_FUNC -> a = in.u32();
            case Opcode.BR_TABLE -> readBrTable();
            case Opcode.CALL_INDIRECT, Opcode.RETURN_CALL_INDIRECT -> {
                a = in.u32();
                b = in.u32();
            }
            case Opcode.SELECT_T -> readSelectTypes();
            case Opcode.I32_LOAD, Opcode.I64_LOAD, Opcode.F32_LOAD, Opcode.F64_LOAD, Opcode.I32_LOAD8_S,
                    Opcode.I32_LOAD8_U, Opcode.I32_LOAD16_S, Opcode.I32_LOAD16_U, Opcode.I64_LOAD8_S,
                    Opcode.I64_LOAD8_U, Opcode.I64_LOAD16_S, Opcode.I64_LOAD16_U, Opcode.I64_LOAD32_S,
                    Opcode.I64_LOAD32_U, Opcode.I32_STORE, Opcode.I64_STORE, Opcode.F32_STORE,
                    Opcode.F64_STORE, Opcode.I32_STORE8, Opcode.I32_STORE16, Opcode.I64_STORE8,
                    Opcode.I64_STORE16, Opcode.I64_STORE32 -> readMemarg();
            case Opcode.MEMORY_SIZE, Opcode.MEMORY_GROW -> memory = memoryIndex();
            case Opcode.I32_CONST -> a = in.s32();
            case Opcode.I64_CONST -> a = in.s64();
            case Opcode.F32_CONST -> a = in.fixed32() & 0xFFFF_FFFFL;
            case Opcode.F64_CONST -> a = in.fixed64();
            case Opcode.REF_NULL -> {
                if (encoding.functionReferences()) {
                    heapType = heapType(in);
                    a = heapType.code();
                } else {
                    int t = in.u8();
                    if (t != 0x70 && t != 0x6F) {
                        throw in.error("malformed reference type", in.position() - 1);
                    }
                    a = t;
                    heapType = HeapType.fromCode(t);
                }
            }
            case Opcode.REF_EQ -> {
                if (!encoding.gc()) {
                    throw in.error("illegal opcode d3", start);
                }
            }
            case Opcode.PREFIX_FC -> op = readFc();
            case Opcode.PREFIX_FB -> {
                if (!encoding.gc()) {
                    throw in.error("illegal opcode fb", start);
                }
                op = readFb();
            }
            case Opcode.PREFIX_FD -> op = readFd();
            default -> {
                if (!isPlainOpcode(op)) {
                    throw in.error("illegal opcode " + Integer.toHexString(op), start);
                }
            }
        }
        opcode = op;
        return op;
    }

    private void readBlockType() {
        a = in.s33();
        // 0x63 and 0x64 read as s33s: a reference type whose heap type follows.
        boolean typedReference = encoding.functionReferences() && (a == -29 || a == -28);
        blockResult = typedReference ? ValueType.ref(heapType(in), a == -29) : null;
    }

    /** The instructions of exception handling, with the exceptions feature; the legacy ones too. */
    private void readException(int op) {
        if (!encoding.exceptions()) {
            throw in.error("illegal opcode " + Integer.toHexString(op), start);
        }
        switch (op) {
            case Opcode.TRY_TABLE -> {
                readBlockType();
                int n = in.count(2);
                if (catchKinds.length < n) {
                    catchKinds = new int[n];
                    catchTags = new int[n];
                    catchLabels = new int[n];
                }
                for (int i = 0; i < n; i++) {
                    int at = in.position();
                    int kind = in.u8();
                    if (kind > 3) {
                        throw in.error("malformed catch clause", at);
                    }
                    catchKinds[i] = kind;
                    catchTags[i] = kind < 2 ? in.u32Index() : -1;
                    catchLabels[i] = in.u32Index();
                }
                catchCount = n;
            }
            case Opcode.TRY -> readBlockType();
            case Opcode.THROW, Opcode.CATCH, Opcode.RETHROW, Opcode.DELEGATE -> a = in.u32();
            default -> { }
        }
    }

    private static boolean isPlainOpcode(int op) {
        return op <= 0x01 || op == 0x05 || op == 0x0B || op == 0x0F || op == 0x1A || op == 0x1B
                || (op >= 0x45 && op <= 0xC4) || op == 0xD1 || op == Opcode.REF_AS_NON_NULL;
    }

    private void readBrTable() {
        int n = in.count(1);
        if (table.length < n + 1) {
            table = new int[n + 1];
        }
        for (int i = 0; i <= n; i++) {
            table[i] = in.u32Index();
        }
        tableSize = n;
    }

    private void readSelectTypes() {
        int n = in.count(1);
        ValueType[] types = new ValueType[n];
        for (int i = 0; i < n; i++) {
            types[i] = valueType(in, encoding);
        }
        selectTypes = types;
    }

    /**
     * A memarg: alignment flags, the memory index when bit 6 of the flags says so (in 3.0), and
     * the offset. 2.0 has no use for the flags' high bits; 3.0 takes bit 6 and leaves an
     * alignment of 2**32 or more (bits 0 to 5) to validation.
     */
    private void readMemarg() {
        int at = in.position();
        long flags = in.u32();
        memory = 0;
        if (!encoding.multiMemory()) {
            if (flags >= 32) {
                throw in.error("malformed memop flags", at);
            }
        } else if (flags >= 128) {
            throw in.error("malformed memop flags", at);
        } else if ((flags & 0x40) != 0) {
            memory = in.u32Index();
        }
        a = flags & 0x3F;
        b = encoding.memory64() ? in.u64() : in.u32();
    }

    /** A memory index where 2.0 reserves a zero byte. */
    private int memoryIndex() {
        if (encoding.multiMemory()) {
            return in.u32Index();
        }
        in.zeroByte();
        return 0;
    }

    /**
     * Garbage collection's instructions (0 to 30): type, field, segment and label indexes in
     * {@link #a} and {@link #b}; a cast's heap type in {@link #heapType}; {@code br_on_cast}'s
     * flags in {@link #castFlags}, its label in {@link #a} and its two heap types in
     * {@link #heapType} and {@link #heapType2}.
     */
    private int readFb() {
        long sub = in.u32();
        switch ((int) Math.min(sub, 0xFFFF)) {
            case 0, 1, 6, 7, 11, 12, 13, 14, 16 -> a = in.u32();
            case 2, 3, 4, 5, 8, 9, 10, 17, 18, 19 -> {
                a = in.u32();
                b = in.u32();
            }
            case 15, 26, 27, 28, 29, 30 -> { }
            case 20, 21, 22, 23 -> heapType = heapType(in);
            case 24, 25 -> {
                int at = in.position();
                castFlags = in.u8();
                if (castFlags > 3) {
                    throw in.error("malformed cast flags", at);
                }
                a = in.u32();
                heapType = heapType(in);
                heapType2 = heapType(in);
            }
            default -> throw in.error("illegal opcode fb " + sub, start);
        }
        return Opcode.prefixed(Opcode.PREFIX_FB, (int) sub);
    }

    private int readFc() {
        long sub = in.u32();
        switch ((int) Math.min(sub, 0xFFFF)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
            case 8 -> {
                a = in.u32();
                memory = memoryIndex();
            }
            case 9, 13, 15, 16, 17 -> a = in.u32();
            case 10 -> {
                memory = memoryIndex();
                sourceMemory = memoryIndex();
            }
            case 11 -> memory = memoryIndex();
            case 12, 14 -> {
                a = in.u32();
                b = in.u32();
            }
            default -> throw in.error("illegal opcode fc " + sub, start);
        }
        return Opcode.prefixed(Opcode.PREFIX_FC, (int) sub);
    }

    private int readFd() {
        long sub = in.u32();
        if (sub >= Opcode.simdCount()) {
            throw in.error("illegal opcode fd " + sub, start);
        }
        int s = (int) sub;
        if (s <= 11 || s == 92 || s == 93) {
            readMemarg();
        } else if (s == 12 || s == 13) {
            a = in.fixed64();
            b = in.fixed64();
        } else if (s >= 21 && s <= 34) {
            lane = in.u8();
        } else if (s >= 84 && s <= 91) {
            readMemarg();
            lane = in.u8();
        } else if (!SimdOpcodes.isPlain(s)) {
            throw in.error("illegal opcode fd " + sub, start);
        }
        return Opcode.prefixed(Opcode.PREFIX_FD, s);
    }

    /**
     * Reads a value type by {@code encoding}'s rules: one byte, or with typed function references
     * also {@code (ref null? ht)}.
     */
    public static ValueType valueType(ByteReader in, Encoding encoding) {
        int at = in.position();
        int code = in.u8();
        ValueType t = ValueTypes.oneByte(code);
        if (t == null && encoding.functionReferences()) {
            t = code == 0x63 || code == 0x64 ? ValueType.ref(heapType(in), code == 0x63) : ValueType.fromCode(code);
        }
        if (t == null) {
            throw in.error("malformed value type 0x" + Integer.toHexString(code), at);
        }
        return t;
    }

    /**
     * The type of the block that the last {@code block}, {@code loop} or {@code if} opens, in
     * {@code module}; null when its immediate names no type.
     */
    public FuncType blockType(WasmModule module) {
        ValueType result = blockResult;
        if (result == null && encoding.functionReferences() && a < 0 && a != -64) {
            result = ValueType.fromCode((int) (a & 0x7F));
        }
        return result != null ? new FuncType(new ValueType[0], new ValueType[] {result}) : module.blockType(a);
    }

    /** Reads a heap type: an s33, a type index when not negative, else an abstract heap type's code. */
    public static HeapType heapType(ByteReader in) {
        int at = in.position();
        long v = in.s33();
        if (v >= 0) {
            return HeapType.type((int) Math.min(v, Integer.MAX_VALUE));
        }
        HeapType h = HeapType.fromCode((int) (v & 0x7F));
        if (h == null) {
            throw in.error("malformed heap type", at);
        }
        return h;
    }
}
