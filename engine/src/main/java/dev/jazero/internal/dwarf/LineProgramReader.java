package dev.jazero.internal.dwarf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the line-number programs of a {@code .debug_line} section (DWARF versions 2 to 5, 32- and
 * 64-bit formats) and collects their rows. Each unit is read on its own: a damaged unit loses its
 * sequences that did not end before the damage, and the next unit is read where its length says.
 * Every loop consumes input, and every table grows with the input read, so hostile bytes cost time
 * and memory in proportion to their size at most.
 */
final class LineProgramReader {

    // Standard opcodes.
    private static final int COPY = 1, ADVANCE_PC = 2, ADVANCE_LINE = 3, SET_FILE = 4, SET_COLUMN = 5,
            NEGATE_STMT = 6, SET_BASIC_BLOCK = 7, CONST_ADD_PC = 8, FIXED_ADVANCE_PC = 9, SET_PROLOGUE_END = 10,
            SET_EPILOGUE_BEGIN = 11, SET_ISA = 12;
    // Extended opcodes.
    private static final int END_SEQUENCE = 1, SET_ADDRESS = 2, DEFINE_FILE = 3, SET_DISCRIMINATOR = 4;
    // Content types of DWARF 5 directory and file entries.
    private static final int LNCT_PATH = 1, LNCT_DIRECTORY_INDEX = 2;
    // Attribute forms.
    private static final int FORM_ADDR = 0x01, FORM_BLOCK2 = 0x03, FORM_BLOCK4 = 0x04, FORM_DATA2 = 0x05,
            FORM_DATA4 = 0x06, FORM_DATA8 = 0x07, FORM_STRING = 0x08, FORM_BLOCK = 0x09, FORM_BLOCK1 = 0x0A,
            FORM_DATA1 = 0x0B, FORM_FLAG = 0x0C, FORM_SDATA = 0x0D, FORM_STRP = 0x0E, FORM_UDATA = 0x0F,
            FORM_REF_ADDR = 0x10, FORM_REF1 = 0x11, FORM_REF2 = 0x12, FORM_REF4 = 0x13, FORM_REF8 = 0x14,
            FORM_REF_UDATA = 0x15, FORM_INDIRECT = 0x16, FORM_SEC_OFFSET = 0x17, FORM_EXPRLOC = 0x18,
            FORM_FLAG_PRESENT = 0x19, FORM_STRX = 0x1A, FORM_ADDRX = 0x1B, FORM_REF_SUP4 = 0x1C,
            FORM_STRP_SUP = 0x1D, FORM_DATA16 = 0x1E, FORM_LINE_STRP = 0x1F, FORM_REF_SIG8 = 0x20,
            FORM_IMPLICIT_CONST = 0x21, FORM_LOCLISTX = 0x22, FORM_RNGLISTX = 0x23, FORM_REF_SUP8 = 0x24,
            FORM_STRX1 = 0x25, FORM_STRX2 = 0x26, FORM_STRX3 = 0x27, FORM_STRX4 = 0x28, FORM_ADDRX1 = 0x29,
            FORM_ADDRX2 = 0x2A, FORM_ADDRX3 = 0x2B, FORM_ADDRX4 = 0x2C;

    private final byte[] debugLine;
    private final byte[] debugLineStr;
    private final byte[] debugStr;
    private final LineTable.Builder rows = new LineTable.Builder();
    /** Every file path of every unit, once each; rows refer to them by index. */
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> fileIds = new HashMap<>();

    private LineProgramReader(byte[] debugLine, byte[] debugLineStr, byte[] debugStr) {
        this.debugLine = debugLine;
        this.debugLineStr = debugLineStr;
        this.debugStr = debugStr;
    }

    /**
     * Reads the rows of every unit of {@code debugLine}; {@code debugLineStr} and {@code debugStr}
     * (either may be null) hold the strings that DWARF 5 headers refer to.
     */
    static LineTable read(byte[] debugLine, byte[] debugLineStr, byte[] debugStr) {
        LineProgramReader reader = new LineProgramReader(debugLine, debugLineStr, debugStr);
        reader.readUnits();
        return reader.rows.build(reader.files);
    }

    private void readUnits() {
        long pos = 0;
        while (pos < debugLine.length && !rows.full()) {
            Cursor in = new Cursor(debugLine, (int) pos, debugLine.length);
            long length;
            boolean dwarf64;
            try {
                length = in.u32();
                dwarf64 = length == 0xFFFF_FFFFL;
                if (dwarf64) {
                    length = in.u64();
                } else if (length >= 0xFFFF_FFF0L) {
                    return; // A reserved value: the rest cannot be delimited.
                }
            } catch (Cursor.Malformed e) {
                return;
            }
            long start = in.position();
            // A unit longer than the section is read as far as the section goes.
            long end = length < 0 || length > debugLine.length - start ? debugLine.length : start + length;
            try {
                in.setLimit(end);
                readUnit(in, dwarf64);
            } catch (Cursor.Malformed e) {
                rows.abandonSequence();
            }
            pos = end;
        }
    }

    /** The state of one unit's header: its directories and files, and the program's constants. */
    private static final class Unit {
        int version;
        boolean dwarf64;
        int addressSize = 4;
        int minInstructionLength;
        int maxOpsPerInstruction;
        int lineBase;
        int lineRange;
        int opcodeBase;
        int[] standardOpcodeLengths;
        final List<String> directories = new ArrayList<>();
        /** Global ids of the unit's files, by file number (from 1 before DWARF 5, from 0 since). */
        final List<Integer> files = new ArrayList<>();
    }

    private void readUnit(Cursor in, boolean dwarf64) {
        Unit unit = new Unit();
        unit.dwarf64 = dwarf64;
        unit.version = in.u16();
        if (unit.version < 2 || unit.version > 5) {
            return; // Another format: nothing in it can be trusted.
        }
        if (unit.version >= 5) {
            unit.addressSize = in.u8();
            in.u8(); // segment selector size
        }
        long headerLength = offset(in, dwarf64);
        if (headerLength > in.remaining()) {
            return;
        }
        long programStart = in.position() + headerLength;
        int unitEnd = in.limit();
        in.setLimit(programStart);
        unit.minInstructionLength = in.u8();
        unit.maxOpsPerInstruction = unit.version >= 4 ? in.u8() : 1;
        boolean defaultIsStmt = in.u8() != 0;
        unit.lineBase = (byte) in.u8();
        unit.lineRange = in.u8();
        unit.opcodeBase = in.u8();
        if (unit.lineRange == 0 || unit.opcodeBase == 0) {
            return; // Special opcodes would divide by zero; opcode 0 is always extended.
        }
        unit.standardOpcodeLengths = new int[unit.opcodeBase];
        for (int op = 1; op < unit.opcodeBase; op++) {
            unit.standardOpcodeLengths[op] = in.u8();
        }
        if (unit.version >= 5) {
            readEntries(in, unit, true);
            readEntries(in, unit, false);
        } else {
            for (String dir = in.cstring(); !dir.isEmpty(); dir = in.cstring()) {
                unit.directories.add(dir);
            }
            unit.files.add(-1); // File numbers start at 1.
            for (String name = in.cstring(); !name.isEmpty(); name = in.cstring()) {
                long dir = in.uleb();
                in.uleb(); // modification time
                in.uleb(); // length
                unit.files.add(fileId(unit, name, dir));
            }
        }
        // The program starts where the header length says, whatever the header held beyond this.
        in.setLimit(unitEnd);
        in.seek(programStart);
        runProgram(in, unit, defaultIsStmt);
    }

    private static long offset(Cursor in, boolean dwarf64) {
        return dwarf64 ? in.u64() : in.u32();
    }

    /** Reads DWARF 5's self-describing directory or file entries. */
    private void readEntries(Cursor in, Unit unit, boolean directories) {
        int formatCount = in.u8();
        long[] types = new long[formatCount];
        long[] forms = new long[formatCount];
        for (int i = 0; i < formatCount; i++) {
            types[i] = in.uleb();
            forms[i] = in.uleb();
        }
        long count = in.uleb();
        // An entry with fields takes a byte at least: a count beyond the bytes left is damage.
        if (count < 0 || count > in.remaining()) {
            throw Cursor.malformed();
        }
        for (long e = 0; e < count; e++) {
            String path = null;
            long dir = 0;
            for (int i = 0; i < formatCount; i++) {
                if (types[i] == LNCT_PATH) {
                    path = string(in, unit, forms[i]);
                } else if (types[i] == LNCT_DIRECTORY_INDEX) {
                    dir = unsigned(in, unit, forms[i]);
                } else {
                    skip(in, unit, forms[i]);
                }
            }
            if (directories) {
                unit.directories.add(path != null ? path : "");
            } else {
                unit.files.add(path != null ? fileId(unit, path, dir) : -1);
            }
        }
    }

    private String string(Cursor in, Unit unit, long form) {
        if (form == FORM_STRING) {
            return in.cstring();
        } else if (form == FORM_LINE_STRP) {
            return Cursor.stringAt(debugLineStr, offset(in, unit.dwarf64));
        } else if (form == FORM_STRP) {
            return Cursor.stringAt(debugStr, offset(in, unit.dwarf64));
        }
        // Indexed strings (strx) need .debug_str_offsets and the unit's base from .debug_info.
        skip(in, unit, form);
        return null;
    }

    private static long unsigned(Cursor in, Unit unit, long form) {
        return switch ((int) Math.min(form, Integer.MAX_VALUE)) {
            case FORM_DATA1 -> in.u8();
            case FORM_DATA2 -> in.u16();
            case FORM_DATA4 -> in.u32();
            case FORM_DATA8 -> in.u64();
            case FORM_UDATA -> in.uleb();
            default -> {
                skip(in, unit, form);
                yield -1;
            }
        };
    }

    /** Skips a value of {@code form}; a form of unknown size makes the unit unreadable. */
    private static void skip(Cursor in, Unit unit, long form) {
        if (form == FORM_INDIRECT) {
            form = in.uleb();
            if (form == FORM_INDIRECT) {
                throw Cursor.malformed();
            }
        }
        int offsetSize = unit.dwarf64 ? 8 : 4;
        switch ((int) Math.min(form, Integer.MAX_VALUE)) {
            case FORM_FLAG_PRESENT, FORM_IMPLICIT_CONST -> { }
            case FORM_DATA1, FORM_FLAG, FORM_REF1, FORM_STRX1, FORM_ADDRX1 -> in.skip(1);
            case FORM_DATA2, FORM_REF2, FORM_STRX2, FORM_ADDRX2 -> in.skip(2);
            case FORM_STRX3, FORM_ADDRX3 -> in.skip(3);
            case FORM_DATA4, FORM_REF4, FORM_REF_SUP4, FORM_STRX4, FORM_ADDRX4 -> in.skip(4);
            case FORM_DATA8, FORM_REF8, FORM_REF_SIG8, FORM_REF_SUP8 -> in.skip(8);
            case FORM_DATA16 -> in.skip(16);
            case FORM_STRING -> in.cstring();
            case FORM_BLOCK, FORM_EXPRLOC -> in.skip(in.uleb());
            case FORM_BLOCK1 -> in.skip(in.u8());
            case FORM_BLOCK2 -> in.skip(in.u16());
            case FORM_BLOCK4 -> in.skip(in.u32());
            case FORM_UDATA, FORM_SDATA, FORM_REF_UDATA, FORM_STRX, FORM_ADDRX, FORM_LOCLISTX, FORM_RNGLISTX -> in.uleb();
            case FORM_STRP, FORM_LINE_STRP, FORM_SEC_OFFSET, FORM_REF_ADDR, FORM_STRP_SUP -> in.skip(offsetSize);
            case FORM_ADDR -> in.skip(unit.addressSize);
            default -> throw Cursor.malformed();
        }
    }

    /**
     * The id of a file's path: the name joined to its directory, unless the name is absolute or
     * the directory is unknown (before DWARF 5, directory 0 is the compilation directory, which
     * only {@code .debug_info} names) or is {@code "."}.
     */
    private int fileId(Unit unit, String name, long dir) {
        String directory = null;
        long index = unit.version >= 5 ? dir : dir - 1;
        if (index >= 0 && index < unit.directories.size()) {
            directory = unit.directories.get((int) index);
        }
        String path = name;
        if (directory != null && !directory.isEmpty() && !directory.equals(".") && !isAbsolute(name)) {
            path = directory.endsWith("/") || directory.endsWith("\\") ? directory + name : directory + "/" + name;
        }
        return fileIds.computeIfAbsent(path, p -> {
            files.add(p);
            return files.size() - 1;
        });
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\")
                || path.length() > 2 && path.charAt(1) == ':' && (path.charAt(2) == '\\' || path.charAt(2) == '/');
    }

    /** The registers of the line-number state machine. */
    private long address;
    private int opIndex;
    private long file;
    private long line;
    private long column;

    private void reset() {
        address = 0;
        opIndex = 0;
        file = 1;
        line = 1;
        column = 0;
    }

    private void runProgram(Cursor in, Unit unit, boolean defaultIsStmt) {
        reset();
        while (in.hasMore()) {
            int op = in.u8();
            if (op >= unit.opcodeBase) {
                int adjusted = op - unit.opcodeBase;
                advance(unit, adjusted / unit.lineRange);
                line += unit.lineBase + adjusted % unit.lineRange;
                emit(unit);
            } else if (op == 0) {
                long length = in.uleb();
                if (length == 0 || length > in.remaining()) {
                    throw Cursor.malformed();
                }
                long next = in.position() + length;
                int sub = in.u8();
                switch (sub) {
                    case END_SEQUENCE -> {
                        rows.endSequence(address);
                        if (rows.full()) {
                            return;
                        }
                        reset();
                    }
                    case SET_ADDRESS -> {
                        address = in.fixed((int) length - 1);
                        opIndex = 0;
                    }
                    case DEFINE_FILE -> {
                        String name = in.cstring();
                        long dir = in.uleb();
                        in.uleb();
                        in.uleb();
                        unit.files.add(fileId(unit, name, dir));
                    }
                    case SET_DISCRIMINATOR -> in.uleb();
                    default -> { }
                }
                // The length says where the next opcode is, whatever this one held.
                in.seek(next);
            } else {
                switch (op) {
                    case COPY -> emit(unit);
                    case ADVANCE_PC -> advance(unit, in.uleb());
                    case ADVANCE_LINE -> line += in.sleb();
                    case SET_FILE -> file = in.uleb();
                    case SET_COLUMN -> column = in.uleb();
                    case NEGATE_STMT, SET_BASIC_BLOCK, SET_PROLOGUE_END, SET_EPILOGUE_BEGIN -> { }
                    case CONST_ADD_PC -> advance(unit, (255 - unit.opcodeBase) / unit.lineRange);
                    case FIXED_ADVANCE_PC -> {
                        address += in.u16();
                        opIndex = 0;
                    }
                    case SET_ISA -> in.uleb();
                    default -> {
                        // An opcode this reader does not know: its header says how many operands.
                        for (int i = 0; i < unit.standardOpcodeLengths[op]; i++) {
                            in.uleb();
                        }
                    }
                }
            }
        }
        // A program that ends without ending its sequence loses that sequence.
        rows.abandonSequence();
    }

    private void advance(Unit unit, long operationAdvance) {
        if (unit.maxOpsPerInstruction <= 1) {
            address += unit.minInstructionLength * operationAdvance;
        } else {
            // VLIW: operations within an instruction. Unsigned arithmetic, as the spec intends.
            long ops = opIndex + operationAdvance;
            address += unit.minInstructionLength * Long.divideUnsigned(ops, unit.maxOpsPerInstruction);
            opIndex = (int) Long.remainderUnsigned(ops, unit.maxOpsPerInstruction);
        }
    }

    private void emit(Unit unit) {
        int fileId = file >= 0 && file < unit.files.size() ? unit.files.get((int) file) : -1;
        int lineNumber = line >= 0 && line <= Integer.MAX_VALUE ? (int) line : 0;
        int columnNumber = column >= 0 && column <= Integer.MAX_VALUE ? (int) column : 0;
        rows.row(address, fileId, lineNumber, columnNumber);
        if (rows.full()) {
            throw Cursor.malformed();
        }
    }
}
