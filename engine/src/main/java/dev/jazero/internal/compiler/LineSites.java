package dev.jazero.internal.compiler;

/**
 * The sites of line numbers in a function of 64 KiB of code or more, shared by the methods of a
 * split function (see {@code FunctionCompiler.lineNumber}).
 */
final class LineSites {
    int[] offsets;
    int count;
}
