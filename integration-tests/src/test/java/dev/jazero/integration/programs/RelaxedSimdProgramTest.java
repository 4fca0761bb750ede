package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.InBothTiers;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.Module;

/**
 * A quantised layer and a float update in C with relaxed SIMD intrinsics, built by clang 19 with
 * {@code -mrelaxed-simd} ({@code relaxed-simd.wasm}, rebuilt by the {@code build.sh} beside it),
 * on inputs where every result the specification allows is the same: the result equals the
 * scalar native build's ({@code relaxed-simd.expected}) in both tiers.
 */
class RelaxedSimdProgramTest {

    @InBothTiers
    void runsAsTheNativeBuildDoes(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.RELAXED_SIMD)))) {
            Module m = runtime.instantiate(runtime.compileModule(Programs.resource("relaxed-simd.wasm")));
            assertEquals(Programs.expected("relaxed-simd"), Long.toUnsignedString(m.exportedFunction("run").call(200)[0]));
        }
    }
}
