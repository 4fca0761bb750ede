/**
 * The types a running module is seen through (like wazero's {@code api} package): modules,
 * functions and their definitions, memories, globals, value types and their host ABI encoding,
 * host function types, core features, and the exceptions that report the specification's
 * outcomes.
 */
package dev.jazero.api;
