package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.InBothTiers;
import dev.jazero.RuntimeConfig;

/**
 * A Kotlin/Wasm program for the WASI target, built by the Kotlin compiler 2.4.21 from
 * {@code kotlin/Main.kt} (rebuilt by the {@code build.sh} beside it): classes and interfaces,
 * data classes, collections, strings, lambdas and exceptions, which Kotlin compiles to
 * WebAssembly's garbage collection and exception handling. Once with {@code try_table} and
 * {@code throw_ref}, once with the legacy {@code try} and {@code catch}
 * ({@code -Xwasm-use-new-exception-proposal=false}); both print what V8 (Node.js 22) prints
 * ({@code kotlin-wasm.expected}), in both tiers.
 */
class KotlinProgramTest {

    @InBothTiers
    void printsWhatV8Prints(RuntimeConfig tier) {
        assertEquals(Programs.expected("kotlin/kotlin-wasm"), Programs.runWasi(tier, "kotlin/kotlin-wasm.wasm"));
    }

    @InBothTiers
    void withLegacyExceptionsPrintsWhatV8Prints(RuntimeConfig tier) {
        assertEquals(Programs.expected("kotlin/kotlin-wasm"), Programs.runWasi(tier, "kotlin/kotlin-wasm-legacy.wasm"));
    }
}
