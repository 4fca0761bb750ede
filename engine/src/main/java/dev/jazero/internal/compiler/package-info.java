/**
 * The compiler tier: each module's functions become static methods of one hidden class, which
 * HotSpot then JIT-compiles. See {@code docs/compiler.md}.
 */
package dev.jazero.internal.compiler;
