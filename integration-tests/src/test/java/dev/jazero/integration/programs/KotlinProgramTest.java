package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.InBothTiers;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
        assertEquals(Programs.expected("kotlin/kotlin-wasm"), run(tier, "kotlin/kotlin-wasm.wasm"));
    }

    @InBothTiers
    void withLegacyExceptionsPrintsWhatV8Prints(RuntimeConfig tier) {
        assertEquals(Programs.expected("kotlin/kotlin-wasm"), run(tier, "kotlin/kotlin-wasm-legacy.wasm"));
    }

    private static String run(RuntimeConfig tier, String program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Runtime runtime = Runtime.create(tier)) {
            WasiSnapshotPreview1.instantiate(runtime);
            runtime.instantiate(runtime.compileModule(Programs.resource(program)), ModuleConfig.defaults().withStdout(out));
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
