/**
 * What the guest sees of the system (like wazero's {@code sys} package): for now, its exit.
 */
package dev.jazero.sys;
