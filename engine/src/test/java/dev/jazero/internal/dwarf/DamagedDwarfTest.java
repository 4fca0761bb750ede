package dev.jazero.internal.dwarf;

import dev.jazero.internal.wasm.Encoding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.wasm.CustomSectionData;
import dev.jazero.internal.wasm.WasmModule;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged and hostile line tables: whatever the bytes, reading them ends soon, throws nothing and
 * allocates in proportion to their size, and lookups answer a position or nothing.
 */
class DamagedDwarfTest {

    /** The debug sections of a test module: .debug_line, .debug_line_str, .debug_str. */
    private static byte[][] sections(String module) throws IOException {
        WasmModule m = BinaryDecoder.decode(DwarfLinesTest.resource(module), Encoding.V2, true, false);
        byte[][] out = new byte[3][];
        for (CustomSectionData c : m.customSections) {
            switch (c.name()) {
                case ".debug_line" -> out[0] = c.data();
                case ".debug_line_str" -> out[1] = c.data();
                case ".debug_str" -> out[2] = c.data();
                default -> { }
            }
        }
        return out;
    }

    /**
     * Reads the tables and looks up every address the module's code could have; with the reader
     * itself, not through {@link DwarfLines}, whose last-resort catch would hide a failure.
     */
    private static int readAndLookUp(byte[] debugLine, byte[] lineStr, byte[] str) {
        LineTable table = LineProgramReader.read(debugLine, lineStr, str);
        int found = 0;
        for (long a = -1; a < 0x400; a++) {
            SourcePosition p = table.lookup(a);
            if (p != null) {
                p.toString();
                found++;
            }
        }
        table.lookup(0xFFFF_FFFFL);
        table.lookup(Long.MAX_VALUE);
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"traps.wasm", "traps-dwarf5.wasm"})
    void everyTruncation(String module) throws IOException {
        byte[][] s = sections(module);
        int whole = readAndLookUp(s[0], s[1], s[2]);
        assertTrue(whole > 500);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int n = 0; n < s[0].length; n++) {
                assertTrue(readAndLookUp(Arrays.copyOf(s[0], n), s[1], s[2]) <= whole);
            }
            // Truncated string sections only lose names.
            for (int i = 1; i <= 2; i++) {
                if (s[i] != null) {
                    for (int n = 0; n < s[i].length; n++) {
                        byte[][] t = s.clone();
                        t[i] = Arrays.copyOf(s[i], n);
                        assertEquals(whole, readAndLookUp(t[0], t[1], t[2]));
                    }
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"traps.wasm", "traps-dwarf5.wasm"})
    void everyByteChanged(String module) throws IOException {
        byte[][] s = sections(module);
        int[] values = {0x00, 0xFF, 0x80, 0x7F, 0x01, 0x0F, 0x10};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < s[0].length; i++) {
                for (int v : values) {
                    byte[] damaged = s[0].clone();
                    damaged[i] = (byte) v;
                    readAndLookUp(damaged, s[1], s[2]);
                }
                byte[] flipped = s[0].clone();
                flipped[i] ^= 0x55;
                readAndLookUp(flipped, s[1], s[2]);
            }
        });
    }

    @Test
    void randomBytesAndRandomDamage() throws IOException {
        byte[][] v4 = sections("traps.wasm");
        byte[][] v5 = sections("traps-dwarf5.wasm");
        Random random = new Random(8);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int round = 0; round < 3000; round++) {
                byte[] noise = new byte[random.nextInt(600)];
                random.nextBytes(noise);
                readAndLookUp(noise, noise, noise);
                byte[][] base = random.nextBoolean() ? v4 : v5;
                byte[] damaged = base[0].clone();
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                if (random.nextInt(4) == 0) {
                    damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length + 1));
                }
                readAndLookUp(damaged, base[1], base[2]);
                // A valid unit header followed by noise as its program.
                byte[] program = new byte[random.nextInt(300)];
                random.nextBytes(program);
                LineProgramWriter w = new LineProgramWriter().v4Tables(new String[] {"d"}, "a.c", 1);
                w.program.bytes(program);
                readAndLookUp(w.unit(), null, null);
            }
        });
    }

    @Test
    void hostileCountsAndLengths() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // A 64-bit unit length of almost 2^64.
            byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, -1, -1, -1, -1, -1, -1, -1, 0x7F, 4, 0};
            assertEquals(0, readAndLookUp(huge, null, null));
            // A header length beyond the unit.
            LineProgramWriter w = new LineProgramWriter().v4Tables(new String[0], "a.c", 0);
            w.setAddress(0x10).copy().advancePc(1).endSequence();
            byte[] unit = w.unit();
            unit[6] = (byte) 0xF0;
            unit[9] = 0x7F;
            assertEquals(0, readAndLookUp(unit, null, null));
            // Counts of DWARF 5 entries far beyond the bytes there are.
            for (long count : new long[] {0xFFFF_FFFFL, Long.MAX_VALUE, -1L, 1L << 40}) {
                LineProgramWriter v5 = new LineProgramWriter();
                v5.version = 5;
                v5.tables.u8(1).uleb(1).uleb(0x08).uleb(count).string("x");
                v5.tables.u8(1).uleb(1).uleb(0x08).uleb(1).string("a.c");
                v5.setAddress(0x10).copy().advancePc(1).endSequence();
                assertEquals(0, readAndLookUp(v5.unit(), null, null));
            }
            // Addresses and lines that overflow.
            LineProgramWriter big = new LineProgramWriter().v4Tables(new String[0], "a.c", 0);
            big.setAddress(0x10).advancePc(Long.MAX_VALUE).copy().advanceLine(Long.MIN_VALUE).copy()
                    .advancePc(-1L).copy().endSequence();
            big.setAddress(0x20).advanceLine(Long.MAX_VALUE).setColumn(-1L).copy().advancePc(1).endSequence();
            DwarfLines lines = DwarfLines.of(big.unit(), null, null, 0);
            assertEquals(null, lines.addressPosition(0x10));
            assertEquals("a.c", lines.addressPosition(0x20).toString());
            // Many units of nothing, and an opcode base of 255 with long operand lists.
            byte[] empties = new byte[4000];
            assertEquals(0, readAndLookUp(empties, null, null));
            LineProgramWriter wide = new LineProgramWriter().v4Tables(new String[0], "a.c", 0);
            wide.opcodeBase = 255;
            wide.standardOpcodeLengths = new int[254];
            Arrays.fill(wide.standardOpcodeLengths, 12, 254, 255);
            wide.setAddress(0x10).copy();
            for (int i = 0; i < 100; i++) {
                wide.raw(200);
            }
            wide.advancePc(1).endSequence();
            readAndLookUp(wide.unit(), null, null);
        });
    }

    @Test
    void manyRowsStayProportionalToTheInput() {
        // One byte a row: a section of 1 MiB of special opcodes makes about a million rows.
        LineProgramWriter w = new LineProgramWriter().v4Tables(new String[0], "a.c", 0);
        w.setAddress(1);
        for (int i = 0; i < 1 << 20; i++) {
            w.special(1, 0);
        }
        w.advancePc(1).endSequence();
        DwarfLines lines = DwarfLines.of(w.unit(), null, null, 0);
        assertEquals((1 << 20) + 1, lines.rowCount()); // the special opcodes' rows and the end
        assertEquals("a.c:1", lines.addressPosition(12345).toString());
    }
}
