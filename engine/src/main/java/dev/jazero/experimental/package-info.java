/**
 * Experimental APIs, like wazero's {@code experimental} package: they may change in any release.
 * For now: function listeners, for tracing, logging and profiling.
 */
package dev.jazero.experimental;
