package dev.jazero.internal.text;

import java.util.List;

/**
 * One command of a {@code .wast} script, as produced by {@link WastParser}. Every command knows
 * the 1-based {@link #line()} of its opening parenthesis. Modules are kept unencoded
 * ({@link WastModule#encode()} does that on demand), so that a runner decides when a text error
 * is expected.
 */
public sealed interface WastCommand {

    /** 1-based line of the command in the script. */
    int line();

    /**
     * {@code (module ...)}: define and instantiate a module; with {@code definition} (WebAssembly
     * 3.0 {@code (module definition ...)}) only define it, for later {@link ModuleInstance}s.
     */
    record Module(int line, WastModule module, boolean definition) implements WastCommand {}

    /** {@code (module instance $instance $definition?)} (WebAssembly 3.0). Names may be null. */
    record ModuleInstance(int line, String instance, String definition) implements WastCommand {}

    /** {@code (register "as" $module?)}: make a module's exports importable under {@code as}. */
    record Register(int line, String as, String module) implements WastCommand {}

    /** A bare action; its results are ignored but a trap fails the script. */
    record Action(int line, WastAction action) implements WastCommand {}

    /** {@code (assert_return action result*)}. */
    record AssertReturn(int line, WastAction action, List<WastResult> expected) implements WastCommand {}

    /** {@code (assert_trap action "message")}. */
    record AssertTrap(int line, WastAction action, String message) implements WastCommand {}

    /** {@code (assert_trap (module ...) "message")}: instantiation (the start function) traps. */
    record AssertModuleTrap(int line, WastModule module, String message) implements WastCommand {}

    /** {@code (assert_exhaustion action "message")}: the call stack runs out. */
    record AssertExhaustion(int line, WastAction action, String message) implements WastCommand {}

    /** {@code (assert_malformed module "message")}: decoding or text parsing fails. */
    record AssertMalformed(int line, WastModule module, String message) implements WastCommand {}

    /** {@code (assert_invalid module "message")}: validation fails. */
    record AssertInvalid(int line, WastModule module, String message) implements WastCommand {}

    /** {@code (assert_unlinkable module "message")}: imports cannot be resolved. */
    record AssertUnlinkable(int line, WastModule module, String message) implements WastCommand {}

    /** {@code (assert_uninstantiable module "message")}: instantiation fails after linking. */
    record AssertUninstantiable(int line, WastModule module, String message) implements WastCommand {}

    /** {@code (assert_exception action)} (WebAssembly 3.0): the action throws a Wasm exception. */
    record AssertException(int line, WastAction action) implements WastCommand {}
}
