package dev.jazero.internal.wasm;

import dev.jazero.api.ValueType;

/**
 * The code of a defined function: its declared locals (not the parameters) and its instructions,
 * a copy of the body from the first instruction to the final {@code end}. {@code codeOffset} is
 * where the instructions start in the module's bytes, for messages that name an offset.
 */
public record FunctionCode(ValueType[] locals, byte[] code, int codeOffset) {
}
