package dev.jazero.internal.validation;

import dev.jazero.api.InvalidModuleException;

/** Helpers shared by the validators. */
final class Validation {

    private Validation() {
    }

    static InvalidModuleException invalid(String message, String where) {
        return new InvalidModuleException(message + " (" + where + ")");
    }
}
