package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.RuntimeConfig;
import dev.jazero.InBothTiers;

/**
 * A C program whose errors travel as WebAssembly exceptions: a calculator that leaves deep
 * recursion by {@code longjmp}, which clang 22 lowers to exception handling
 * ({@code setjmp-errors.c}, rebuilt by the {@code build.sh} beside it), once with
 * {@code try_table} and {@code throw_ref} and once with the legacy {@code try}, {@code catch} and
 * {@code delegate}. Both print what the native build prints ({@code setjmp-errors.expected}), in
 * both tiers, after some ten thousand caught exceptions.
 */
class SetjmpProgramTest {

    @InBothTiers
    void exceptionsPrintWhatTheNativeBuildPrints(RuntimeConfig tier) {
        assertEquals(Programs.expected("setjmp-errors"), Programs.runWasi(tier, "setjmp-errors.wasm"));
    }

    @InBothTiers
    void legacyExceptionsPrintWhatTheNativeBuildPrints(RuntimeConfig tier) {
        assertEquals(Programs.expected("setjmp-errors"), Programs.runWasi(tier, "setjmp-errors-legacy.wasm"));
    }
}
