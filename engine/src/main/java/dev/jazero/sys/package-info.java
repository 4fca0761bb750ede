/**
 * What the guest sees of the system (like wazero's {@code sys} package): its exit
 * ({@link dev.jazero.sys.ExitException}), and the clocks, sleep and yield that
 * {@link dev.jazero.ModuleConfig} hands to system interfaces such as WASI.
 */
package dev.jazero.sys;
