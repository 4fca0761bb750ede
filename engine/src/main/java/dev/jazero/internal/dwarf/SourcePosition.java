package dev.jazero.internal.dwarf;

/**
 * A position in a source file, as a line table gives it for an address.
 *
 * @param file the file's path as the table names it (joined to its directory), or null if the
 *     table names no file
 * @param line the line, from 1; 0 when the code belongs to no line
 * @param column the column, from 1; 0 when unknown
 */
public record SourcePosition(String file, int line, int column) {

    /** {@code file:line:column}, without the column when it is 0 and without both when the line is. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file != null ? file : "??");
        if (line != 0) {
            sb.append(':').append(Integer.toUnsignedString(line));
            if (column != 0) {
                sb.append(':').append(Integer.toUnsignedString(column));
            }
        }
        return sb.toString();
    }
}
