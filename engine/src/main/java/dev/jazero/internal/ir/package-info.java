/**
 * The engine's internal code: what the validator lowers each function body to while checking it,
 * and what the interpreter runs. Like wazero's {@code wazeroir}, it is a stack code whose
 * branches are resolved to code positions with their stack adjustments, so that execution never
 * searches for a label or an {@code end}. See {@code docs/interpreter.md}.
 */
package dev.jazero.internal.ir;
