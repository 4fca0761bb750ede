/**
 * Source positions from DWARF debug information in a module's custom sections, for stack
 * traces: {@link dev.jazero.internal.dwarf.DwarfLines} reads the line-number programs of
 * {@code .debug_line} (DWARF 2 to 5) into a table sorted by address, the first time a trap asks.
 * Damaged sections never fail anything: what cannot be read gives no positions.
 */
package dev.jazero.internal.dwarf;
