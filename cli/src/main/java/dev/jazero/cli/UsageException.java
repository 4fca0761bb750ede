package dev.jazero.cli;

/**
 * A usage error: arguments a command does not take. The CLI prints its message and where help is,
 * and exits with 2.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String command;

    /**
     * @param command the command whose help to point at, such as {@code jazero run}
     * @param message what is wrong, one line
     */
    UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command whose help to point at. */
    String command() {
        return command;
    }
}
