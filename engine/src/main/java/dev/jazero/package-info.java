/**
 * The entry points: {@link dev.jazero.Runtime}, its configuration {@link dev.jazero.RuntimeConfig},
 * {@link dev.jazero.CompiledModule}, {@link dev.jazero.ModuleConfig} and the host module builders.
 */
package dev.jazero;
