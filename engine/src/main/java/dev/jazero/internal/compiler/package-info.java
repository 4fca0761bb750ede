/**
 * The compiler tier: each function of a module becomes a static method of a class of its
 * own (several methods when it is too large for one), generated up front or on its first call,
 * which HotSpot then JIT-compiles; what it does not compile runs in the interpreter. See
 * {@code docs/compiler.md}.
 */
package dev.jazero.internal.compiler;
