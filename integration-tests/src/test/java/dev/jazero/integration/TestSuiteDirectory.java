package dev.jazero.integration;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the read-only conformance suites are: the system property {@code jazero.testsuite},
 * which integration-tests/pom.xml sets to {@code ../shared/testsuite}.
 */
public final class TestSuiteDirectory {

    public static final String PROPERTY = "jazero.testsuite";

    private TestSuiteDirectory() {
    }

    /** Returns the sub-directory {@code relative} of the suites, or fails with what is missing. */
    public static Path resolve(String relative) {
        String root = System.getProperty(PROPERTY);
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("the system property " + PROPERTY + " is not set: run the tests through Maven"
                    + " (integration-tests/pom.xml sets it to ../shared/testsuite) or pass -D" + PROPERTY + "=DIR");
        }
        Path dir = Path.of(root).resolve(relative).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the conformance suite is missing: " + dir + " does not exist ("
                    + PROPERTY + "=" + root + "); it belongs beside the repository in shared/testsuite");
        }
        return dir;
    }
}
