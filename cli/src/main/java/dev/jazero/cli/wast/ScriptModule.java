package dev.jazero.cli.wast;

import dev.jazero.api.Module;

/**
 * A module a script defined: its instance, or why it has none, so that the commands that refer
 * to a failed module fail with that reason.
 *
 * @param instance the instance, or {@code null} when the definition failed
 * @param line the line of the module's definition
 * @param failure why the definition failed, or {@code null}
 */
record ScriptModule(Module instance, int line, Throwable failure) {

    static ScriptModule of(Module instance, int line) {
        return new ScriptModule(instance, line, null);
    }

    static ScriptModule failed(int line, Throwable failure) {
        return new ScriptModule(null, line, failure);
    }

    /** Returns the instance, or throws a {@link CommandFailure} naming why there is none. */
    Module require(String what) {
        if (instance == null) {
            throw new CommandFailure(what + " refers to the module of line " + line + ", which failed: "
                    + Failures.describe(failure));
        }
        return instance;
    }
}
