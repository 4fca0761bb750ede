package dev.jazero.internal.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jazero.internal.dwarf.LineProgramWriter.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The line-number program reader on units written for the purpose, one feature at a time. */
class LineProgramReaderTest {

    private static LineTable read(byte[] debugLine) {
        return LineProgramReader.read(debugLine, null, null);
    }

    private static String at(LineTable table, long address) {
        SourcePosition p = table.lookup(address);
        return p == null ? null : p.toString();
    }

    private static LineProgramWriter v4() {
        LineProgramWriter w = new LineProgramWriter();
        w.v4Tables(new String[] {"/src", "include"}, "a.c", 0, "b.h", 1, "c.h", 2, "/abs/d.c", 1);
        return w;
    }

    @Test
    void rowsCoverTheirAddressesUntilTheNextRowOrTheSequenceEnd() {
        LineProgramWriter w = v4().setAddress(0x10).advanceLine(9).copy() // 0x10: line 10
                .setColumn(7).special(4, 2) // 0x14: line 12, column 7
                .special(0, 1) // 0x14 again: line 13, the last row at an address counts
                .advancePc(6).endSequence(); // ends at 0x1a
        LineTable t = read(w.unit());
        assertNull(at(t, 0x0f));
        assertEquals("a.c:10", at(t, 0x10));
        assertEquals("a.c:10", at(t, 0x13));
        assertEquals("a.c:13:7", at(t, 0x14));
        assertEquals("a.c:13:7", at(t, 0x19));
        assertNull(at(t, 0x1a));
        assertNull(at(t, 0xFFFF_FFFFL));
        assertNull(at(t, -1));
        assertEquals(4, t.size());
    }

    @Test
    void filesAreJoinedToTheirDirectories() {
        LineProgramWriter w = v4().setAddress(0x10).copy()
                .setFile(2).special(1, 1)
                .setFile(3).special(1, 1)
                .setFile(4).special(1, 1)
                .setFile(9).special(1, 1) // no such file
                .setFile(0).special(1, 1) // files count from 1 before DWARF 5
                .advancePc(1).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:1", at(t, 0x10)); // directory 0 is the compilation directory, unknown here
        assertEquals("/src/b.h:2", at(t, 0x11));
        assertEquals("include/c.h:3", at(t, 0x12));
        assertEquals("/abs/d.c:4", at(t, 0x13));
        assertEquals("??:5", at(t, 0x14));
        assertEquals("??:6", at(t, 0x15));
    }

    @Test
    void lineZeroAndColumnZeroAreLeftOut() {
        LineProgramWriter w = v4().setAddress(0x10).advanceLine(-1).setColumn(5).copy()
                .advanceLine(3).setColumn(0).special(2, 0).advancePc(1).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c", at(t, 0x10));
        assertEquals("a.c:3", at(t, 0x12));
    }

    @Test
    void everyStandardOpcode() {
        LineProgramWriter w = v4().setAddress(0x100)
                .raw(6, 7, 10, 11).raw(12, 0x80, 0x01) // negate_stmt, basic_block, prologue, epilogue, set_isa
                .copy() // 0x100: line 1
                .constAddPc().copy() // (255 - 13) / 14 = 17: 0x111
                .fixedAdvancePc(0x1000).advanceLine(-1).advanceLine(41).copy() // 0x1111: line 41
                .raw(0, 2, 4, 9) // set_discriminator 9
                .raw(0, 3, 0x80, 1, 2) // an unknown extended opcode, skipped by its length
                .special(1, 1) // 0x1112: line 42
                .advancePc(1).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:1", at(t, 0x100));
        assertEquals("a.c:1", at(t, 0x110));
        assertEquals("a.c:1", at(t, 0x111));
        assertEquals("a.c:41", at(t, 0x1111));
        assertEquals("a.c:42", at(t, 0x1112));
        assertNull(at(t, 0x1113));
    }

    @Test
    void opcodesAboveASmallOpcodeBaseAreSpecial() {
        // DWARF 2 headers often have an opcode base of 10: opcodes 10 to 12 are special then.
        LineProgramWriter w = new LineProgramWriter();
        w.version = 2;
        w.opcodeBase = 10;
        w.v4Tables(new String[0], "a.c", 0);
        w.setAddress(0x20).advanceLine(19).raw(12) // adjusted 2: address + 0, line - 5 + 2 = 17
                .raw(10 + 14 + 5) // adjusted 19: address + 1, line + 0
                .advancePc(1).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:17", at(t, 0x20));
        assertEquals("a.c:17", at(t, 0x21));
        assertNull(at(t, 0x22));
    }

    @Test
    void unknownStandardOpcodesAreSkippedByTheirOperandCounts() {
        LineProgramWriter w = v4();
        w.opcodeBase = 15;
        w.standardOpcodeLengths = new int[] {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 2, 0};
        w.setAddress(0x30).raw(13, 0x80, 0x80, 0x01, 0x05).raw(14).copy().advancePc(2).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:1", at(t, 0x31));
    }

    @Test
    void defineFileAddsAFile() {
        LineProgramWriter w = v4().defineFile("e.c", 1).setAddress(0x40).setFile(5).copy().advancePc(1).endSequence();
        assertEquals("/src/e.c:1", at(read(w.unit()), 0x40));
    }

    @Test
    void dwarf64AndEightByteAddresses() {
        LineProgramWriter w = v4();
        w.dwarf64 = true;
        w.addressSize = 8;
        w.setAddress(0x50).copy().advancePc(1).endSequence();
        assertEquals("a.c:1", at(read(w.unit()), 0x50));
    }

    @Test
    void instructionsOfSeveralOperations() {
        LineProgramWriter w = v4();
        w.minInstructionLength = 4;
        w.maxOpsPerInstruction = 3;
        // Operation advance 4 from op_index 0: one instruction (4 bytes) on, op_index 1.
        w.setAddress(0x60).copy().advancePc(4).advanceLine(1).copy().advancePc(2).advanceLine(1).copy()
                .advancePc(3).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:1", at(t, 0x60));
        assertEquals("a.c:2", at(t, 0x64)); // op_index 1
        assertEquals("a.c:3", at(t, 0x68)); // op_index 0: 1 + 2 operations is one instruction more
        assertNull(at(t, 0x6c));
    }

    @Test
    void sequencesAreSortedAndMeetAtTheirBoundaries() {
        LineProgramWriter w = v4()
                .setAddress(0x210).advanceLine(99).copy().advancePc(0x10).endSequence()
                .setAddress(0x200).advanceLine(199).copy().advancePc(0x10).endSequence() // ends where the first starts
                .setAddress(0x300).advanceLine(299).copy().advancePc(0x10).endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:200", at(t, 0x200));
        assertEquals("a.c:200", at(t, 0x20f));
        assertEquals("a.c:100", at(t, 0x210));
        assertEquals("a.c:100", at(t, 0x21f));
        assertNull(at(t, 0x220));
        assertNull(at(t, 0x2ff));
        assertEquals("a.c:300", at(t, 0x300));
    }

    @Test
    void rowsAtTheEndOfTheirSequenceCoverNothing() {
        LineProgramWriter w = v4().setAddress(0x10).copy().advancePc(0x10).advanceLine(1).copy().endSequence();
        LineTable t = read(w.unit());
        assertEquals("a.c:1", at(t, 0x1f));
        assertNull(at(t, 0x20));
        assertEquals(2, t.size());
    }

    @Test
    void sequencesOfDroppedFunctionsAreIgnored() {
        // wasm-ld marks the code of functions it dropped with address 0 (older) or -1 (newer).
        LineProgramWriter w = v4()
                .setAddress(0).advanceLine(9).copy().advancePc(0x100).endSequence()
                .setAddress(0xFFFF_FFFFL).advanceLine(9).copy().advancePc(0x10).endSequence()
                .setAddress(0x20).advanceLine(19).copy().advancePc(0x10).endSequence();
        LineTable t = read(w.unit());
        assertNull(at(t, 0));
        assertNull(at(t, 0x1f));
        assertEquals("a.c:20", at(t, 0x20));
        assertNull(at(t, 0x30));
        assertEquals(2, t.size());
    }

    @Test
    void aSequenceWithoutItsEndIsDropped() {
        LineProgramWriter w = v4().setAddress(0x20).copy().advancePc(0x10).endSequence()
                .setAddress(0x40).copy().advancePc(0x10);
        LineTable t = read(w.unit());
        assertEquals("a.c:1", at(t, 0x20));
        assertNull(at(t, 0x40));
    }

    @Test
    void unreadableUnitsAreSkippedAndTheOthersRead() {
        LineProgramWriter bad = v4();
        bad.version = 6;
        bad.setAddress(0x10).copy().advancePc(1).endSequence();
        LineProgramWriter zeroRange = v4();
        zeroRange.lineRange = 0;
        zeroRange.setAddress(0x10).copy().advancePc(1).endSequence();
        LineProgramWriter good = v4().setAddress(0x20).copy().advancePc(1).endSequence();
        LineTable t = read(LineProgramWriter.concat(bad.unit(), zeroRange.unit(), good.unit()));
        assertNull(at(t, 0x10));
        assertEquals("a.c:1", at(t, 0x20));
    }

    @Test
    void aUnitLongerThanTheSectionIsReadAsFarAsItGoes() {
        byte[] unit = v4().setAddress(0x20).copy().advancePc(1).endSequence().unit();
        unit[0] += 100;
        assertEquals("a.c:1", at(read(unit), 0x20));
        // A reserved length stops the reading there.
        byte[] reserved = {(byte) 0xF0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0};
        byte[] good = v4().setAddress(0x20).copy().advancePc(1).endSequence().unit();
        assertNull(at(read(LineProgramWriter.concat(reserved, good)), 0x20));
        assertEquals("a.c:1", at(read(LineProgramWriter.concat(good, reserved)), 0x20));
    }

    // DWARF 5: self-describing directory and file entries.

    private static final int PATH = 1, DIRECTORY_INDEX = 2, MD5 = 5;
    private static final int BLOCK1 = 0x0A, DATA1 = 0x0B, DATA2 = 0x05, DATA16 = 0x1E, STRING = 0x08, STRP = 0x0E,
            UDATA = 0x0F, LINE_STRP = 0x1F, STRX1 = 0x25;

    private static LineProgramWriter v5() {
        LineProgramWriter w = new LineProgramWriter();
        w.version = 5;
        return w;
    }

    @Test
    void dwarf5EntriesWithStringsInlineAndInStringSections() {
        byte[] lineStr = "\0/build\0inc\0".getBytes(StandardCharsets.UTF_8);
        byte[] str = "\0\0x.c\0".getBytes(StandardCharsets.UTF_8);
        LineProgramWriter w = v5();
        // Directories: paths in .debug_line_str; 0 is the compilation directory.
        w.tables.u8(1).uleb(PATH).uleb(LINE_STRP).uleb(2).fixed(1, 4).fixed(8, 4);
        // Files: an inline path, a directory index, an MD5 and a field of a type no one knows.
        w.tables.u8(4).uleb(PATH).uleb(STRING).uleb(DIRECTORY_INDEX).uleb(UDATA).uleb(MD5).uleb(DATA16)
                .uleb(0x2001).uleb(BLOCK1);
        w.tables.uleb(3);
        w.tables.string("main.c").uleb(0).bytes(new byte[16]).u8(2).u8(7).u8(7);
        w.tables.string("util.h").uleb(1).bytes(new byte[16]).u8(0);
        w.tables.string("/abs/z.c").uleb(1).bytes(new byte[16]).u8(0);
        w.setAddress(0x10).setFile(0).copy().setFile(1).special(1, 1).setFile(2).special(1, 1)
                .setFile(3).special(1, 1).advancePc(1).endSequence();
        byte[] first = w.unit();
        // A second unit: paths in .debug_str, directory indexes as data2.
        LineProgramWriter w2 = v5();
        w2.tables.u8(1).uleb(PATH).uleb(STRING).uleb(1).string("/other");
        w2.tables.u8(2).uleb(PATH).uleb(STRP).uleb(DIRECTORY_INDEX).uleb(DATA2).uleb(2)
                .fixed(2, 4).fixed(0, 2)
                .fixed(99, 4).fixed(0, 2); // past the end of .debug_str: no name
        w2.setAddress(0x20).setFile(0).copy().setFile(1).special(1, 1).advancePc(1).endSequence();
        // A third: indexed strings, which need .debug_info to resolve.
        LineProgramWriter w3 = v5();
        w3.tables.u8(1).uleb(PATH).uleb(STRING).uleb(1).string("/d");
        w3.tables.u8(2).uleb(PATH).uleb(STRX1).uleb(DIRECTORY_INDEX).uleb(DATA1).uleb(1).u8(0).u8(0);
        w3.setAddress(0x30).setFile(0).copy().advancePc(1).endSequence();

        LineTable t = LineProgramReader.read(LineProgramWriter.concat(first, w2.unit(), w3.unit()), lineStr, str);
        assertEquals("/build/main.c:1", at(t, 0x10));
        assertEquals("inc/util.h:2", at(t, 0x11));
        assertEquals("/abs/z.c:3", at(t, 0x12));
        assertEquals("??:4", at(t, 0x13)); // files count from 0 in DWARF 5: there is no file 3
        assertEquals("/other/x.c:1", at(t, 0x20));
        assertEquals("??:2", at(t, 0x21));
        assertEquals("??:1", at(t, 0x30));
    }

    @Test
    void dwarf5FileTwoIsTheThirdEntry() {
        LineProgramWriter w = v5();
        w.tables.u8(1).uleb(PATH).uleb(STRING).uleb(1).string(".");
        w.tables.u8(1).uleb(PATH).uleb(STRING).uleb(3).string("a.c").string("b.c").string("c.c");
        w.setAddress(0x10).setFile(2).copy().advancePc(1).endSequence(); // file 1 by default
        w.setAddress(0x20).copy().advancePc(1).endSequence();
        LineTable t = read(w.unit());
        assertEquals("c.c:1", at(t, 0x10)); // the directory "." adds nothing
        assertEquals("b.c:1", at(t, 0x20));
    }

    @Test
    void dwarf5EntryCountsBeyondTheHeaderAreDamage() {
        LineProgramWriter w = v5();
        w.tables.u8(0).uleb(0xFFFF_FFFF_FFL); // many directories of no fields
        w.tables.u8(0).uleb(0);
        w.setAddress(0x10).copy().advancePc(1).endSequence();
        assertNull(at(read(w.unit()), 0x10));
        LineProgramWriter unknownForm = v5();
        unknownForm.tables.u8(1).uleb(PATH).uleb(0x7F).uleb(1).u8(0);
        unknownForm.tables.u8(0).uleb(0);
        unknownForm.setAddress(0x10).copy().advancePc(1).endSequence();
        assertNull(at(read(unknownForm.unit()), 0x10));
    }

    @Test
    void theProgramStartsWhereTheHeaderLengthSays() {
        // Bytes after the tables that a later version might define are skipped.
        LineProgramWriter w = v4();
        w.tables.u8(0xAB).u8(0xCD);
        w.setAddress(0x10).copy().advancePc(1).endSequence();
        assertEquals("a.c:1", at(read(w.unit()), 0x10));
    }

    @Test
    void emptyAndTinySections() {
        assertEquals(0, read(new byte[0]).size());
        assertEquals(0, read(new byte[] {1}).size());
        assertEquals(0, read(new byte[] {0, 0, 0, 0}).size());
        assertNull(DwarfLines.of(null, null, null, 10));
        assertNull(DwarfLines.of(new byte[0], null, null, 10));
        assertNull(DwarfLines.of(new byte[4], null, null, -1));
    }

    @Test
    void dwarfLinesAsksByModuleOffset() {
        byte[] unit = v4().setAddress(0x10).advanceLine(4).setColumn(3).copy().advancePc(1).endSequence().unit();
        DwarfLines lines = DwarfLines.of(unit, null, null, 0x40);
        assertEquals(java.util.List.of("a.c:5:3"), lines.sourceLines(0x50));
        assertEquals(java.util.List.of(), lines.sourceLines(0x51));
        assertEquals(java.util.List.of(), lines.sourceLines(0x10));
        assertEquals(new SourcePosition("a.c", 5, 3), lines.addressPosition(0x10));
        assertEquals(2, lines.rowCount());
    }

    @Test
    void bytesForTests() {
        // The writer's LEB128 encodings, which the other tests rely on.
        assertEquals("[-128, 1]", java.util.Arrays.toString(new Bytes().uleb(128).toArray()));
        assertEquals("[127]", java.util.Arrays.toString(new Bytes().sleb(-1).toArray()));
        assertEquals("[-64, 0]", java.util.Arrays.toString(new Bytes().sleb(64).toArray()));
    }
}
