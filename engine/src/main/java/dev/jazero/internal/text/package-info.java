/**
 * The WebAssembly text format: {@link dev.jazero.internal.text.WatParser} turns a module in the
 * text format (WAT) into the binary format, and {@link dev.jazero.internal.text.WastParser} reads
 * the scripts of the specification test suite (WAST) into
 * {@link dev.jazero.internal.text.WastCommand}s.
 *
 * <p>The pipeline is small classes with one job each: {@code Lexer} makes {@code Tokens};
 * {@code ModuleParser} reads module fields in two passes (names first, so that fields can refer
 * forward) and assembles sections; {@code ExprParser} encodes instruction sequences without
 * recursion; {@code InstructionTable} holds mnemonics and opcodes; {@code NumberLiterals} and
 * {@code StringLiterals} decode literals; {@code ByteWriter} writes LEB128 and vectors.
 */
package dev.jazero.internal.text;
