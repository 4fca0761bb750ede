package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.InBothTiers;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.Module;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threaded code in C whose handlers tail-call each other with {@code [[musttail]]}, built by
 * clang 19 with {@code -mtail-call} ({@code tail-calls.wasm}, rebuilt by the {@code build.sh}
 * beside it): its 15,000,000 {@code return_call}s and {@code return_call_indirect}s run on a
 * thread of 256 KiB of stack in both tiers, and the result equals the native build's
 * ({@code tail-calls.expected}).
 */
class TailCallProgramTest {

    @InBothTiers
    void runsAsTheNativeBuildDoesOnASmallStack(RuntimeConfig tier) throws Exception {
        String expected = Programs.expected("tail-calls");
        byte[] wasm = Programs.resource("tail-calls.wasm");
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try (Runtime runtime = Runtime.create(tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.TAIL_CALL)))) {
                Module m = runtime.instantiate(runtime.compileModule(wasm));
                result.set(Long.toUnsignedString(m.exportedFunction("run").call(3_000_000)[0]));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        if (result.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        assertEquals(expected, result.get());
    }
}
