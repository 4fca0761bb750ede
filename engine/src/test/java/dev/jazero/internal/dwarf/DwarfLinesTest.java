package dev.jazero.internal.dwarf;

import dev.jazero.internal.wasm.Encoding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.wasm.CustomSectionData;
import dev.jazero.internal.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line tables of clang-built modules (traps.c and helper.c, see build.sh beside them) against
 * what {@code llvm-dwarfdump-14 --debug-line} reads from them (the .debug_line.txt files): every
 * address of every sequence.
 */
class DwarfLinesTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DwarfLinesTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** A row of llvm-dwarfdump's table, its file as a path. */
    record Row(long address, int line, int column, String file, boolean end) {
    }

    private static final Pattern ROW = Pattern.compile(
            "^0x([0-9a-f]+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\d+\\s+\\d+\\s*(.*)$");
    private static final Pattern VERSION = Pattern.compile("^\\s*version: (\\d+)$");
    private static final Pattern DIRECTORY = Pattern.compile("^include_directories\\[\\s*(\\d+)\\] = \"(.*)\"$");
    private static final Pattern FILE = Pattern.compile("^file_names\\[\\s*(\\d+)\\]:$");
    private static final Pattern NAME = Pattern.compile("^\\s*name: \"(.*)\"$");
    private static final Pattern DIR_INDEX = Pattern.compile("^\\s*dir_index: (\\d+)$");

    /** Reads the rows of every unit of a dump, naming files as the reader does. */
    static List<Row> rows(String dump) {
        List<Row> rows = new ArrayList<>();
        int version = 0;
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String name = null;
        for (String line : dump.split("\n")) {
            Matcher m;
            if (line.startsWith("debug_line[")) {
                dirs.clear();
                files.clear();
            } else if ((m = VERSION.matcher(line)).matches()) {
                version = Integer.parseInt(m.group(1));
            } else if ((m = DIRECTORY.matcher(line)).matches()) {
                assertEquals(dirs.size() + (version >= 5 ? 0 : 1), Integer.parseInt(m.group(1)));
                dirs.add(m.group(2));
            } else if ((m = FILE.matcher(line)).matches()) {
                assertEquals(files.size() + (version >= 5 ? 0 : 1), Integer.parseInt(m.group(1)));
            } else if ((m = NAME.matcher(line)).matches()) {
                name = m.group(1);
            } else if ((m = DIR_INDEX.matcher(line)).matches()) {
                int dir = Integer.parseInt(m.group(1)) - (version >= 5 ? 0 : 1);
                String d = dir >= 0 ? dirs.get(dir) : "";
                files.add(d.isEmpty() || d.equals(".") ? name : d + "/" + name);
            } else if ((m = ROW.matcher(line)).matches()) {
                int file = Integer.parseInt(m.group(4)) - (version >= 5 ? 0 : 1);
                rows.add(new Row(Long.parseLong(m.group(1), 16), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), files.get(file), m.group(5).contains("end_sequence")));
            }
        }
        return rows;
    }

    static WasmModule decode(String module) throws IOException {
        return BinaryDecoder.decode(resource(module), Encoding.V2, false, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"traps", "traps-dwarf5"})
    void everyAddressAsLlvmDwarfdumpReadsIt(String name) throws IOException {
        WasmModule module = decode(name + ".wasm");
        DwarfLines lines = module.dwarfLines;
        assertNotNull(lines);
        List<Row> rows = rows(new String(resource(name + ".debug_line.txt"), StandardCharsets.UTF_8));
        assertTrue(rows.size() > 50, "rows: " + rows.size());
        assertEquals(rows.size(), lines.rowCount());
        Set<Long> starts = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i == 0 || rows.get(i - 1).end()) {
                starts.add(rows.get(i).address());
            }
        }
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (row.end()) {
                if (!starts.contains(row.address())) {
                    assertNull(lines.addressPosition(row.address()), "end of sequence at " + row);
                }
                continue;
            }
            // A row covers its address up to the next row's: none when they are equal.
            for (long a = row.address(); a < rows.get(i + 1).address(); a++) {
                assertEquals(new SourcePosition(row.file(), row.line(), row.column()), lines.addressPosition(a),
                        "address 0x" + Long.toHexString(a));
                checked++;
            }
        }
        assertTrue(checked > 500, "addresses: " + checked);
        // Before the first function: the count of functions and the first body's size.
        assertNull(lines.addressPosition(0));
        assertNull(lines.addressPosition(rows.get(0).address() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"traps.wasm", "traps-dwarf5.wasm"})
    void addressesAreOffsetsInTheCodeSectionsContents(String name) throws IOException {
        WasmModule module = decode(name);
        byte[] bytes = resource(name);
        // The code section's id, then its size, then its contents: the count of functions.
        int start = module.codeSectionStart;
        assertTrue(start > 10);
        int id = start - 1;
        while ((bytes[id - 1] & 0x80) != 0) {
            id--; // back over the size's LEB128 bytes
        }
        assertEquals(10, bytes[id - 1], "the code section's id");
        assertEquals(module.codes.size(), bytes[start], "the count of functions");
        // Each function's sequence starts at its body: the declarations of its locals, which
        // end where its code (its first instruction) starts.
        List<Row> rows = rows(new String(resource(name.replace(".wasm", ".debug_line.txt")), StandardCharsets.UTF_8));
        int sequences = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0 && !rows.get(i - 1).end()) {
                continue;
            }
            sequences++;
            int body = start + (int) rows.get(i).address();
            int at = body;
            long groups = bytes[at++]; // fewer than 128 in these modules: one byte
            for (long g = 0; g < groups; g++) {
                while ((bytes[at++] & 0x80) != 0) {
                    // the group's count
                }
                at++; // its type
            }
            final int code = at;
            assertTrue(module.codes.stream().anyMatch(c -> c.codeOffset() == code),
                    "a function's code starts at 0x" + Integer.toHexString(code));
            assertEquals(rows.get(i).line(), module.dwarfLines.positionAt(body).line());
        }
        assertEquals(module.codes.size(), sequences, "a sequence for every function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"traps.wasm", "traps-dwarf5.wasm"})
    void keptOnlyWhenAsked(String name) throws IOException {
        WasmModule without = BinaryDecoder.decode(resource(name), Encoding.V2, true, false);
        assertNull(without.dwarfLines);
        assertTrue(without.customSections.stream().map(CustomSectionData::name).anyMatch(".debug_line"::equals));
        WasmModule with = BinaryDecoder.decode(resource(name), Encoding.V2, false, true);
        assertNotNull(with.dwarfLines);
        assertTrue(with.customSections.isEmpty());
    }
}
