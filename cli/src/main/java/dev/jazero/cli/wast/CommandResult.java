package dev.jazero.cli.wast;

/**
 * The outcome of one top-level command of a WAST script.
 *
 * @param fileName the script's file name, such as {@code i32.wast}
 * @param line the command's 1-based line in the script
 * @param command a short description of the command, such as {@code assert_return "add"}
 * @param passed whether the command did what the script expects
 * @param message for a failure, what was expected and what happened; for a pass, a detail worth
 *     reporting (such as Jazero's message for a module it rejected), or {@code null}
 * @param error the exception behind a failure, or {@code null}
 */
public record CommandResult(String fileName, int line, String command, boolean passed, String message, Throwable error) {

    /** Returns a passing result. */
    static CommandResult pass(ScriptCommand command, String detail) {
        return new CommandResult(command.fileName(), command.line(), command.description(), true, detail, null);
    }

    /** Returns a failing result. */
    static CommandResult fail(ScriptCommand command, String message, Throwable error) {
        return new CommandResult(command.fileName(), command.line(), command.description(), false, message, error);
    }

    /** Returns {@code FILE.wast:LINE}, the key of the command in reports and known-failure lists. */
    public String location() {
        return fileName + ":" + line;
    }

    /**
     * Returns the report line: {@code FILE.wast:LINE: command: message}, on one line (engine
     * messages may carry a stack trace on further lines).
     */
    public String describe() {
        String text = location() + ": " + command + (message == null ? "" : ": " + message);
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
