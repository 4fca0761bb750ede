package dev.jazero.cli.wast;

/**
 * A command did not do what the script expects. The message says what was expected and what
 * happened; the cause, when there is one, is the exception the engine threw.
 */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
