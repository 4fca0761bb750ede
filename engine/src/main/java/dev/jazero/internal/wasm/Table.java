package dev.jazero.internal.wasm;

/**
 * A table defined by the module.
 *
 * @param init the value of every element at instantiation, or null for the null reference
 *     (a table of a non-nullable type must have one)
 */
public record Table(TableType type, ConstExpr init) {
}
