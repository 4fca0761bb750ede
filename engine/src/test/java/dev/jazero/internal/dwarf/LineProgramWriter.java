package dev.jazero.internal.dwarf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes .debug_line units for tests: a header's fields, its tables as given, and a program. */
final class LineProgramWriter {

    int version = 4;
    boolean dwarf64;
    int addressSize = 4;
    int minInstructionLength = 1;
    int maxOpsPerInstruction = 1;
    int lineBase = -5;
    int lineRange = 14;
    int opcodeBase = 13;
    int[] standardOpcodeLengths = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};
    /** The directory and file tables, in the version's own encoding. */
    final Bytes tables = new Bytes();
    final Bytes program = new Bytes();

    /** A growable byte buffer with DWARF's encodings. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes fixed(long v, int size) {
            for (int i = 0; i < size; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Bytes uleb(long v) {
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes sleb(long v) {
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                boolean done = v == 0 && (b & 0x40) == 0 || v == -1 && (b & 0x40) != 0;
                out.write(done ? b : b | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Bytes string(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        Bytes bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }

        int size() {
            return out.size();
        }
    }

    // Tables before DWARF 5.

    /** Writes include directories and files ({@code name, dirIndex} pairs) in the DWARF 2-4 form. */
    LineProgramWriter v4Tables(String[] directories, Object... files) {
        for (String d : directories) {
            tables.string(d);
        }
        tables.u8(0);
        for (int i = 0; i < files.length; i += 2) {
            tables.string((String) files[i]).uleb((Integer) files[i + 1]).uleb(0).uleb(0);
        }
        tables.u8(0);
        return this;
    }

    // The program.

    LineProgramWriter setAddress(long address) {
        program.u8(0).uleb(1 + addressSize).u8(2).fixed(address, addressSize);
        return this;
    }

    LineProgramWriter endSequence() {
        program.u8(0).uleb(1).u8(1);
        return this;
    }

    LineProgramWriter defineFile(String name, int dir) {
        Bytes b = new Bytes().u8(3).string(name).uleb(dir).uleb(0).uleb(0);
        program.u8(0).uleb(b.size()).bytes(b.toArray());
        return this;
    }

    LineProgramWriter copy() {
        program.u8(1);
        return this;
    }

    LineProgramWriter advancePc(long n) {
        program.u8(2).uleb(n);
        return this;
    }

    LineProgramWriter advanceLine(long n) {
        program.u8(3).sleb(n);
        return this;
    }

    LineProgramWriter setFile(long n) {
        program.u8(4).uleb(n);
        return this;
    }

    LineProgramWriter setColumn(long n) {
        program.u8(5).uleb(n);
        return this;
    }

    LineProgramWriter constAddPc() {
        program.u8(8);
        return this;
    }

    LineProgramWriter fixedAdvancePc(int n) {
        program.u8(9).fixed(n, 2);
        return this;
    }

    /** A special opcode that advances the address by {@code operations} and the line by {@code lines}. */
    LineProgramWriter special(int operations, int lines) {
        int op = (lines - lineBase) + lineRange * operations + opcodeBase;
        if (lines < lineBase || lines >= lineBase + lineRange || op > 255) {
            throw new IllegalArgumentException("no special opcode for " + operations + ", " + lines);
        }
        program.u8(op);
        return this;
    }

    LineProgramWriter raw(int... bytes) {
        for (int b : bytes) {
            program.u8(b);
        }
        return this;
    }

    /** The unit: length, version, header and program. */
    byte[] unit() {
        Bytes header = new Bytes().u8(minInstructionLength);
        if (version >= 4) {
            header.u8(maxOpsPerInstruction);
        }
        header.u8(1).u8(lineBase).u8(lineRange).u8(opcodeBase);
        for (int i = 0; i < opcodeBase - 1; i++) {
            header.u8(i < standardOpcodeLengths.length ? standardOpcodeLengths[i] : 0);
        }
        header.bytes(tables.toArray());
        int offsetSize = dwarf64 ? 8 : 4;
        Bytes afterLength = new Bytes().fixed(version, 2);
        if (version >= 5) {
            afterLength.u8(addressSize).u8(0);
        }
        afterLength.fixed(header.size(), offsetSize).bytes(header.toArray()).bytes(program.toArray());
        Bytes unit = new Bytes();
        if (dwarf64) {
            unit.fixed(0xFFFF_FFFFL, 4).fixed(afterLength.size(), 8);
        } else {
            unit.fixed(afterLength.size(), 4);
        }
        return unit.bytes(afterLength.toArray()).toArray();
    }

    static byte[] concat(byte[]... units) {
        Bytes b = new Bytes();
        for (byte[] u : units) {
            b.bytes(u);
        }
        return b.toArray();
    }
}
