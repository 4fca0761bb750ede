package dev.jazero.internal.compiler;

/**
 * The compiler's logger, {@code dev.jazero.compiler}, in a class of its own so that it is made
 * only when something is logged: making a logger starts the logging backend, which costs about
 * 10 ms of a command's start.
 */
final class CompilerLog {

    static final System.Logger LOG = System.getLogger("dev.jazero.compiler");

    private CompilerLog() {
    }
}
