package dev.jazero.internal.decoding;

import dev.jazero.api.ValueType;

/**
 * Decodes one instruction at a time from a function body or constant expression: the opcode and
 * its immediates, with the binary format's rules. The decoder uses it to check that code is well
 * formed before validation starts (so that a malformed body is reported as malformed even when it
 * is also invalid), and the validator uses it again to walk the code.
 *
 * <p>Opcodes of the prefixed families are returned as {@code prefix << 8 | subOpcode}, e.g.
 * {@code 0xFC08} for {@code memory.init}. The fields hold the immediates of the last instruction
 * read; they are overwritten by the next.
 */
public final class InstructionReader {

    public static final int PREFIX_FC = 0xFC;
    public static final int PREFIX_FD = 0xFD;

    private final ByteReader in;

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
    /** Labels of br_table, {@link #tableSize} of them plus the default at the end. */
    public int[] table = new int[8];
    public int tableSize;
    /** Types of a typed select. */
    public ValueType[] selectTypes;

    public InstructionReader(ByteReader in) {
        this.in = in;
    }

    public ByteReader input() {
        return in;
    }

    /** Reads the next instruction and returns its opcode. */
    public int next() {
        start = in.position();
        int op = in.u8();
        switch (op) {
            case 0x02, 0x03, 0x04 -> a = in.s33();
            case 0x0C, 0x0D, 0x10, 0x12, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2 -> a = in.u32();
            case 0x0E -> readBrTable();
            case 0x11, 0x13 -> {
                a = in.u32();
                b = in.u32();
            }
            case 0x1C -> readSelectTypes();
            case 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,
                    0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E -> readMemarg();
            case 0x3F, 0x40 -> in.zeroByte();
            case 0x41 -> a = in.s32();
            case 0x42 -> a = in.s64();
            case 0x43 -> a = in.fixed32() & 0xFFFF_FFFFL;
            case 0x44 -> a = in.fixed64();
            case 0xD0 -> {
                int t = in.u8();
                if (t != 0x70 && t != 0x6F) {
                    throw in.error("malformed reference type", in.position() - 1);
                }
                a = t;
            }
            case PREFIX_FC -> op = readFc();
            case PREFIX_FD -> op = readFd();
            default -> {
                if (!isPlainOpcode(op)) {
                    throw in.error("illegal opcode " + Integer.toHexString(op), start);
                }
            }
        }
        opcode = op;
        return op;
    }

    private static boolean isPlainOpcode(int op) {
        return op <= 0x01 || op == 0x05 || op == 0x0B || op == 0x0F || op == 0x1A || op == 0x1B
                || (op >= 0x45 && op <= 0xC4) || op == 0xD1;
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
            types[i] = valueType(in);
        }
        selectTypes = types;
    }

    private void readMemarg() {
        int at = in.position();
        a = in.u32();
        if (a >= 32) {
            // 2.0 has no use for the high bits of the alignment field (multi-memory takes bit 6).
            throw in.error("malformed memop flags", at);
        }
        b = in.u32();
    }

    private int readFc() {
        long sub = in.u32();
        switch ((int) Math.min(sub, 0xFFFF)) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
            case 8 -> {
                a = in.u32();
                in.zeroByte();
            }
            case 9, 13, 15, 16, 17 -> a = in.u32();
            case 10 -> {
                in.zeroByte();
                in.zeroByte();
            }
            case 11 -> in.zeroByte();
            case 12, 14 -> {
                a = in.u32();
                b = in.u32();
            }
            default -> throw in.error("illegal opcode fc " + sub, start);
        }
        return PREFIX_FC << 8 | (int) sub;
    }

    private int readFd() {
        long sub = in.u32();
        if (sub > 0xFF) {
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
        return PREFIX_FD << 8 | s;
    }

    /** Reads a value type byte. */
    public static ValueType valueType(ByteReader in) {
        int at = in.position();
        int code = in.u8();
        ValueType t = ValueType.fromCode(code);
        if (t == null) {
            throw in.error("malformed value type 0x" + Integer.toHexString(code), at);
        }
        return t;
    }
}
