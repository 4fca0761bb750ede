package dev.jazero.cli.wast;

import dev.jazero.CompiledModule;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.Module;
import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.UninstantiableModuleException;
import dev.jazero.api.UnlinkableModuleException;
import dev.jazero.internal.text.WastCommand;
import dev.jazero.internal.text.WastModule;

/**
 * Runs script commands with the semantics of the specification's reference interpreter. Each
 * method returns a detail worth reporting for a pass (or {@code null}) and throws
 * {@link CommandFailure} when the command does not do what the script expects.
 *
 * <p>Trap messages are compared as the reference interpreter does: the script's text must be a
 * prefix of ours. For malformed, invalid, unlinkable and uninstantiable modules only the kind of
 * failure is checked, since each engine words its reasons its own way.
 */
final class CommandExecutor {

    private final ScriptState state;

    CommandExecutor(ScriptState state) {
        this.state = state;
    }

    /** Runs one command. */
    String execute(WastCommand command) {
        if (command instanceof WastCommand.Module c) {
            return module(c);
        } else if (command instanceof WastCommand.ModuleInstance c) {
            return moduleInstance(c);
        } else if (command instanceof WastCommand.Register c) {
            state.register(c.as(), state.module(c.module(), "register \"" + c.as() + "\""));
            return null;
        } else if (command instanceof WastCommand.Action c) {
            return action(c);
        } else if (command instanceof WastCommand.AssertReturn c) {
            return assertReturn(c);
        } else if (command instanceof WastCommand.AssertTrap c) {
            return assertTrap(c);
        } else if (command instanceof WastCommand.AssertModuleTrap c) {
            return assertModuleTrap(c);
        } else if (command instanceof WastCommand.AssertExhaustion c) {
            return assertExhaustion(c);
        } else if (command instanceof WastCommand.AssertMalformed c) {
            return expectCompileFailure(c.module(), MalformedModuleException.class, "a malformed module", c.message());
        } else if (command instanceof WastCommand.AssertInvalid c) {
            return expectCompileFailure(c.module(), InvalidModuleException.class, "an invalid module", c.message());
        } else if (command instanceof WastCommand.AssertUnlinkable c) {
            return expectInstantiationFailure(c.module(), UnlinkableModuleException.class, "an unlinkable module", c.message());
        } else if (command instanceof WastCommand.AssertUninstantiable c) {
            return expectInstantiationFailure(c.module(), UninstantiableModuleException.class, "an uninstantiable module",
                    c.message());
        } else if (command instanceof WastCommand.AssertException c) {
            return assertException(c);
        }
        throw new CommandFailure("unsupported command " + command.getClass().getSimpleName());
    }

    /** Returns a short description of a command, such as {@code assert_return invoke "add"}. */
    static String describe(WastCommand command) {
        if (command instanceof WastCommand.Module c) {
            return "module" + (c.definition() ? " definition" : "") + name(c.module().name());
        } else if (command instanceof WastCommand.ModuleInstance c) {
            return "module instance" + name(c.instance()) + name(c.definition());
        } else if (command instanceof WastCommand.Register c) {
            return "register \"" + c.as() + "\"" + name(c.module());
        } else if (command instanceof WastCommand.Action c) {
            return Actions.describe(c.action());
        } else if (command instanceof WastCommand.AssertReturn c) {
            return "assert_return " + Actions.describe(c.action());
        } else if (command instanceof WastCommand.AssertTrap c) {
            return "assert_trap " + Actions.describe(c.action());
        } else if (command instanceof WastCommand.AssertModuleTrap) {
            return "assert_trap module";
        } else if (command instanceof WastCommand.AssertExhaustion c) {
            return "assert_exhaustion " + Actions.describe(c.action());
        } else if (command instanceof WastCommand.AssertMalformed) {
            return "assert_malformed";
        } else if (command instanceof WastCommand.AssertInvalid) {
            return "assert_invalid";
        } else if (command instanceof WastCommand.AssertUnlinkable) {
            return "assert_unlinkable";
        } else if (command instanceof WastCommand.AssertUninstantiable) {
            return "assert_uninstantiable";
        } else if (command instanceof WastCommand.AssertException c) {
            return "assert_exception " + Actions.describe(c.action());
        }
        return command.getClass().getSimpleName();
    }

    private static String name(String name) {
        return name == null ? "" : " " + name;
    }

    private String module(WastCommand.Module c) {
        WastModule module = c.module();
        if (c.definition()) {
            state.defineCompiled(module.name(), compileExpectingSuccess(module));
            return null;
        }
        try {
            Module instance = state.compiler().instantiate(state.compiler().compile(module));
            state.define(module.name(), ScriptModule.of(instance, c.line()));
            return null;
        } catch (Throwable e) {
            // Later commands that use this module fail with this reason.
            state.define(module.name(), ScriptModule.failed(c.line(), e));
            throw new CommandFailure("expected the module to compile and instantiate, got " + Failures.describe(e), e);
        }
    }

    private String moduleInstance(WastCommand.ModuleInstance c) {
        CompiledModule compiled = state.compiled(c.definition());
        try {
            state.define(c.instance(), ScriptModule.of(state.compiler().instantiate(compiled), c.line()));
            return null;
        } catch (Throwable e) {
            state.define(c.instance(), ScriptModule.failed(c.line(), e));
            throw new CommandFailure("expected the module to instantiate, got " + Failures.describe(e), e);
        }
    }

    private String action(WastCommand.Action c) {
        try {
            Actions.perform(state, c.action());
            return null;
        } catch (CommandFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new CommandFailure("expected the action to complete, got " + Failures.describe(e), e);
        }
    }

    private String assertReturn(WastCommand.AssertReturn c) {
        Values actual;
        try {
            actual = Actions.perform(state, c.action());
        } catch (CommandFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new CommandFailure("expected " + ValueText.expected(c.expected()) + ", got " + Failures.describe(e), e);
        }
        String mismatch = ResultMatcher.mismatch(c.expected(), actual);
        if (mismatch != null) {
            throw new CommandFailure(mismatch);
        }
        return null;
    }

    private String assertTrap(WastCommand.AssertTrap c) {
        Values actual;
        try {
            actual = Actions.perform(state, c.action());
        } catch (CommandFailure e) {
            throw e;
        } catch (TrapException e) {
            return checkTrapMessage(c.message(), e);
        } catch (Throwable e) {
            throw new CommandFailure(expectedTrap(c.message()) + ", got " + Failures.describe(e), e);
        }
        throw new CommandFailure(expectedTrap(c.message()) + ", got " + actual.describe());
    }

    /** The action must end in a WebAssembly exception that the guest did not catch (any tag, any values). */
    private String assertException(WastCommand.AssertException c) {
        Values actual;
        try {
            actual = Actions.perform(state, c.action());
        } catch (CommandFailure e) {
            throw e;
        } catch (ThrownException e) {
            return e.getMessage();
        } catch (Throwable e) {
            throw new CommandFailure("expected an exception, got " + Failures.describe(e), e);
        }
        throw new CommandFailure("expected an exception, got " + actual.describe());
    }

    private String assertModuleTrap(WastCommand.AssertModuleTrap c) {
        CompiledModule compiled = compileExpectingSuccess(c.module());
        try {
            state.compiler().instantiate(compiled);
        } catch (TrapException e) {
            return checkTrapMessage(c.message(), e);
        } catch (UninstantiableModuleException e) {
            if (e.trap() == null) {
                throw new CommandFailure(expectedTrap(c.message()) + ", got " + Failures.describe(e) + " without a trap", e);
            }
            return checkTrapMessage(c.message(), e.trap());
        } catch (Throwable e) {
            throw new CommandFailure(expectedTrap(c.message()) + ", got " + Failures.describe(e), e);
        }
        throw new CommandFailure(expectedTrap(c.message()) + ", but the module instantiated");
    }

    private String assertExhaustion(WastCommand.AssertExhaustion c) {
        String expected = "expected " + TrapKind.CALL_STACK_EXHAUSTED + " (\"" + c.message() + "\")";
        Values actual;
        try {
            actual = Actions.perform(state, c.action());
        } catch (CommandFailure e) {
            throw e;
        } catch (TrapException e) {
            if (e.trapKind() != TrapKind.CALL_STACK_EXHAUSTED) {
                throw new CommandFailure(expected + ", got " + Failures.describe(e), e);
            }
            return e.getMessage();
        } catch (Throwable e) {
            throw new CommandFailure(expected + ", got " + Failures.describe(e), e);
        }
        throw new CommandFailure(expected + ", got " + actual.describe());
    }

    private String expectCompileFailure(WastModule module, Class<? extends Exception> expectedType, String what,
            String message) {
        try {
            state.compiler().compile(module);
        } catch (Throwable e) {
            if (expectedType.isInstance(e)) {
                return e.getMessage();
            }
            throw new CommandFailure("expected " + what + " (\"" + message + "\"), got " + Failures.describe(e), e);
        }
        throw new CommandFailure("expected " + what + " (\"" + message + "\"), but it compiled");
    }

    private String expectInstantiationFailure(WastModule module, Class<? extends Exception> expectedType, String what,
            String message) {
        CompiledModule compiled = compileExpectingSuccess(module);
        try {
            state.compiler().instantiate(compiled);
        } catch (Throwable e) {
            if (expectedType.isInstance(e)) {
                return e.getMessage();
            }
            throw new CommandFailure("expected " + what + " (\"" + message + "\"), got " + Failures.describe(e), e);
        }
        throw new CommandFailure("expected " + what + " (\"" + message + "\"), but it instantiated");
    }

    private CompiledModule compileExpectingSuccess(WastModule module) {
        try {
            return state.compiler().compile(module);
        } catch (Throwable e) {
            throw new CommandFailure("expected the module to compile, got " + Failures.describe(e), e);
        }
    }

    private static String checkTrapMessage(String expected, TrapException trap) {
        String actual = trap.getMessage() == null ? "" : trap.getMessage();
        if (!actual.startsWith(expected)) {
            throw new CommandFailure(expectedTrap(expected) + ", got trap \"" + actual + "\"", trap);
        }
        return actual;
    }

    private static String expectedTrap(String message) {
        return "expected trap \"" + message + "\"";
    }
}
