package dev.jazero.integration.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.WasmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded runs of {@link HostileModules}' generators in both tiers: each case is compiled,
 * instantiated and its export called under a deadline, and must end in a result or a
 * {@link WasmException} within a bound on the whole case (generating, compiling and running),
 * never in another exception, an error such as {@link OutOfMemoryError} or a hang.
 *
 * <p>{@code -Djazero.hostilefuzz.cases=N} and {@code -Djazero.fuzz.seed=S} choose a longer
 * or another run; a failure names the case's number, kind and tier.
 */
class HostileResourceFuzzTest {

    private static final int CASES = Integer.getInteger("jazero.hostilefuzz.cases", 200);
    private static final long SEED = Long.getLong("jazero.fuzz.seed", 0x5EED_2026L) ^ 0x4057L;
    /** How long a call (or instantiation) may run before its deadline stops it. */
    private static final Duration DEADLINE = Duration.ofMillis(500);
    /** The longest a whole case may take: generating, compiling, instantiating and the call. */
    private static final long CASE_LIMIT_NANOS = Duration.ofSeconds(5).toNanos();

    @Test
    void hostileModulesEndInTimeInEitherTier() {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        assertTimeoutPreemptively(Duration.ofMinutes(10).plusSeconds(CASES * 6L), () -> run(failures, outcomes));
        System.out.printf("hostile-resource fuzzing, seed %d: %d cases; outcomes %s; %d failures%n", SEED, CASES, outcomes,
                failures.size());
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + CASES + " cases (seed " + SEED + ") ended badly:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    private static void run(List<String> failures, Map<String, Integer> outcomes) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            int kind = random.nextInt(HostileModules.KINDS.length);
            boolean compiler = random.nextBoolean();
            long start = System.nanoTime();
            String outcome;
            try (Runtime runtime = Runtime.create((compiler ? RuntimeConfig.compiler() : RuntimeConfig.interpreter())
                    .withCloseOnCancel(true).withMemoryLimitPages(4096).withTableLimitElements(1_000_000))) {
                String wat = HostileModules.generate(kind, random);
                Module module = runtime.instantiate(runtime.compileModule(wat),
                        ModuleConfig.defaults().withInstantiationTimeout(DEADLINE));
                module.exportedFunction("f").call(DEADLINE);
                outcome = "result";
            } catch (WasmException e) {
                outcome = e.kind().name().toLowerCase(Locale.ROOT);
            } catch (Throwable t) {
                outcome = "failure";
                failures.add("case " + i + " (" + HostileModules.KINDS[kind] + ", " + (compiler ? "compiler" : "interpreter")
                        + "): " + t);
            }
            long took = System.nanoTime() - start;
            if (took > CASE_LIMIT_NANOS) {
                failures.add("case " + i + " (" + HostileModules.KINDS[kind] + ", " + (compiler ? "compiler" : "interpreter")
                        + ") took " + took / 1_000_000 + " ms");
            }
            outcomes.merge(HostileModules.KINDS[kind] + ":" + outcome, 1, Integer::sum);
        }
    }
}
