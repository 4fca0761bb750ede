package dev.jazero.internal.compiler;

/**
 * Thrown while generating a function that no way of splitting can make fit the JVM's limits;
 * the function runs in the interpreter.
 */
final class NotCompilable extends RuntimeException {

    NotCompilable(String reason) {
        super(reason, null, false, false);
    }
}
