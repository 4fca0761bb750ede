package dev.jazero.internal.dwarf;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of all line-number programs of a module, sorted by address, for lookups by binary
 * search. Each sequence ends with a row that marks the end of its code, so an address past it (in
 * a gap, or past the last sequence) has no position. Immutable.
 */
final class LineTable {

    static final LineTable EMPTY = new LineTable(new int[0], new int[0], new int[0], new int[0], List.of());

    /** Marks the row that ends a sequence, in {@link #lines}. */
    static final int END = -1;

    /** Addresses (unsigned), ascending. */
    private final int[] addresses;
    /** Index into {@link #files}, or -1 when the program names no valid file. */
    private final int[] fileIds;
    private final int[] lines;
    private final int[] columns;
    private final List<String> files;

    private LineTable(int[] addresses, int[] fileIds, int[] lines, int[] columns, List<String> files) {
        this.addresses = addresses;
        this.fileIds = fileIds;
        this.lines = lines;
        this.columns = columns;
        this.files = files;
    }

    int size() {
        return addresses.length;
    }

    /** The position of the code at {@code address}, or null when no sequence covers it. */
    SourcePosition lookup(long address) {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            return null;
        }
        // The last row at or before the address.
        int lo = 0;
        int hi = addresses.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compare(Integer.toUnsignedLong(addresses[mid]), address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || lines[found] == END) {
            return null;
        }
        int file = fileIds[found];
        return new SourcePosition(file >= 0 ? files.get(file) : null, lines[found], columns[found]);
    }

    /** Collects rows sequence by sequence; a sequence counts only once its end row is added. */
    static final class Builder {

        /** The most rows kept: keys hold a row's index in 30 bits. */
        static final int MAX_ROWS = 1 << 30;

        /** Addresses (unsigned); rows of sequences with others than code addresses are not kept. */
        private int[] addresses = new int[64];
        private int[] fileIds = new int[64];
        private int[] lines = new int[64];
        private int[] columns = new int[64];
        private boolean[] ends = new boolean[64];
        private int size;
        /** Where the sequence being read started in the arrays. */
        private int sequenceStart;
        /** False once the sequence being read has an address that no code can have. */
        private boolean codeAddresses = true;

        /** Adds a row of the sequence being read. */
        void row(long address, int fileId, int line, int column) {
            add(address, fileId, line, column, false);
        }

        /**
         * Ends the sequence being read at {@code address}: keeps it if all its addresses are code
         * addresses, else (a function the linker dropped, which tools mark by an address of 0 or
         * -1) forgets it.
         */
        void endSequence(long address) {
            // Rows at the end's address cover nothing: without them, an end sorts before the rows
            // at its address, which then belong to another sequence.
            while (size > sequenceStart && addresses[size - 1] == (int) address) {
                size--;
            }
            add(address, -1, END, 0, true);
            if (!codeAddresses || size - sequenceStart < 2) {
                size = sequenceStart;
            }
            sequenceStart = size;
            codeAddresses = true;
        }

        /** Forgets the rows of a sequence that did not end (a damaged or truncated program). */
        void abandonSequence() {
            size = sequenceStart;
            codeAddresses = true;
        }

        boolean full() {
            return size >= MAX_ROWS - 1;
        }

        private void add(long address, int fileId, int line, int column, boolean end) {
            // Code addresses: past the count of functions at 0, short of the -1 of dropped code.
            if (address <= 0 || address >= 0xFFFF_FFF0L) {
                codeAddresses = false;
            }
            if (size == addresses.length) {
                int n = (int) Math.min((long) size * 2, MAX_ROWS);
                if (n <= size) {
                    throw Cursor.malformed();
                }
                addresses = Arrays.copyOf(addresses, n);
                fileIds = Arrays.copyOf(fileIds, n);
                lines = Arrays.copyOf(lines, n);
                columns = Arrays.copyOf(columns, n);
                ends = Arrays.copyOf(ends, n);
            }
            addresses[size] = (int) address;
            fileIds[size] = fileId;
            lines[size] = line;
            columns[size] = column;
            ends[size] = end;
            size++;
        }

        /**
         * Sorts the rows of the sequences kept by address, a sequence's end before rows of another
         * sequence that starts at the same address, and otherwise in the order the programs gave.
         */
        LineTable build(List<String> files) {
            int n = abandonAndCount();
            if (n == 0) {
                return EMPTY;
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = Integer.toUnsignedLong(addresses[i]) << 31 | (ends[i] ? 0L : 1L << 30) | i;
            }
            Arrays.sort(keys);
            int[] a = new int[n];
            int[] f = new int[n];
            int[] l = new int[n];
            int[] c = new int[n];
            for (int k = 0; k < n; k++) {
                int i = (int) (keys[k] & ((1 << 30) - 1));
                a[k] = addresses[i];
                f[k] = fileIds[i];
                l[k] = lines[i];
                c[k] = columns[i];
            }
            return new LineTable(a, f, l, c, List.copyOf(files));
        }

        private int abandonAndCount() {
            abandonSequence();
            return size;
        }
    }
}
