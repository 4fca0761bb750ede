package dev.jazero.integration;

import java.nio.file.Path;

/** {@link TestSuiteDirectory} for the tests in sub-packages. */
public final class TestSuiteAccess {
    private TestSuiteAccess() {
    }

    /** Returns the sub-directory {@code relative} of the suites, or fails with what is missing. */
    public static Path resolve(String relative) {
        return TestSuiteDirectory.resolve(relative);
    }
}
