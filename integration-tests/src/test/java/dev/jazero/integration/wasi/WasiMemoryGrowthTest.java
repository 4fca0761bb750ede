package dev.jazero.integration.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jazero.InBothTiers;
import dev.jazero.ModuleConfig;
import dev.jazero.RuntimeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A C program that allocates 256 MiB in 64 KiB blocks with {@code sbrk}, a page-sized
 * {@code memory.grow} each ({@code malloc-blocks.c}, rebuilt by the {@code build.sh} beside it):
 * when every grow copied the whole memory, it took 64 s; now under 1 s on a quiet machine. Bounded
 * here at 16 s, compiling and instantiating included, in both tiers: a quarter of the quadratic
 * time, with room for a loaded 2-core machine running other tests beside it.
 */
class WasiMemoryGrowthTest {

    @InBothTiers
    void mallocOf256MiBIn64KiBBlocksTakesSecondsNotAMinute(RuntimeConfig tier) throws IOException {
        byte[] wasm;
        try (InputStream in = WasiMemoryGrowthTest.class.getResourceAsStream("malloc-blocks.wasm")) {
            wasm = in.readAllBytes();
        }
        WasiRun.Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(16),
                () -> WasiRun.run(tier, wasm, ModuleConfig.defaults()));
        assertEquals(0, outcome.exitCode(), outcome::stderr);
        assertEquals("4096 blocks of 65536 bytes, checksum 1044480\n", outcome.stdout());
    }
}
