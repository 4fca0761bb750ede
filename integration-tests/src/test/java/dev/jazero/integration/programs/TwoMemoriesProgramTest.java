package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.InBothTiers;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.MemoryDefinition;
import dev.jazero.api.Module;

/**
 * Two C modules, each with a memory of its own, merged by binaryen's {@code wasm-merge} into one
 * module with two memories ({@code two-memories.wasm}, rebuilt by the {@code build.sh} beside it):
 * a sieve of primes that fills and stores into memory 1, called from code on memory 0. The result
 * equals the same C's built natively ({@code two-memories.expected}), in both tiers.
 */
class TwoMemoriesProgramTest {

    @InBothTiers
    void runsAsTheNativeBuildDoes(RuntimeConfig tier) {
        RuntimeConfig config = tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.MULTI_MEMORY));
        String expected = Programs.expected("two-memories");
        try (Runtime runtime = Runtime.create(config)) {
            var compiled = runtime.compileModule(Programs.resource("two-memories.wasm"));
            assertEquals(1, compiled.exportedMemories().size(), "main's memory, exported as memory");
            Module m = runtime.instantiate(compiled);
            assertEquals(expected, Long.toUnsignedString(m.exportedFunction("run").call()[0]));
            MemoryDefinition memory = compiled.exportedMemories().get("memory");
            assertEquals(0, memory.index());
        }
    }
}
