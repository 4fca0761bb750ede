package dev.jazero.integration.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.RuntimeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated modules on which the tiers once disagreed ({@code disagreements/README.md}): with
 * canonical NaNs, each runs alike in the interpreter and the compiler, event for event.
 */
class TierDisagreementTest {

    static Stream<String> modules() throws IOException {
        try (InputStream in = TierDisagreementTest.class.getResourceAsStream("disagreements/modules.txt")) {
            assertNotNull(in, "disagreements/modules.txt");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void bothTiersAgreeWithCanonicalNaNs(String name) throws IOException {
        byte[] module;
        try (InputStream in = TierDisagreementTest.class.getResourceAsStream("disagreements/" + name)) {
            assertNotNull(in, name);
            module = in.readAllBytes();
        }
        List<String> interpreted = DifferentialFuzzTest.run(RuntimeConfig.interpreter().withCanonicalNaNs(true), module, false).exact();
        List<String> compiled = DifferentialFuzzTest.run(RuntimeConfig.compiler().withCanonicalNaNs(true), module, false).exact();
        assertTrue(interpreted.stream().noneMatch(e -> e.startsWith("unexpected")), interpreted.toString());
        assertTrue(interpreted.size() > 1, "the module runs: " + interpreted);
        assertEquals(interpreted, compiled);
    }
}
