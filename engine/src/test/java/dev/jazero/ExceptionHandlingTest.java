package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import dev.jazero.api.Tag;
import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import java.util.List;

/**
 * Exception handling: {@code throw}, {@code try_table} with each kind of catch clause,
 * {@code throw_ref}, exceptions that leave WebAssembly as {@link ThrownException}s and ones a
 * host function throws for the guest to catch; traps pass every catch. In both tiers.
 */
class ExceptionHandlingTest {

    private static final String MODULE = """
            (module
              (import "host" "raise" (func $raise (param i32)))
              (tag $pair (export "pair") (param i32 f64))
              (tag $ref (export "ref") (param externref))
              (func $throwPair (param i32) (throw $pair (local.get 0) (f64.const 2.5)))
              (func (export "sum") (param i32) (result f64) (local $f f64)
                (block $caught (result i32 f64)
                  (try_table (catch $pair $caught) (call $throwPair (local.get 0)))
                  (return (f64.const -1)))
                (local.set $f)
                (f64.add (f64.convert_i32_s) (local.get $f)))
              (func (export "rethrown") (param i32)
                (block $caught (result i32 f64 exnref)
                  (try_table (catch_ref $pair $caught) (call $throwPair (local.get 0)))
                  (return))
                (throw_ref))
              (func (export "caughtAll") (param i32) (result i32)
                (block $caught
                  (try_table (catch_all $caught)
                    (if (local.get 0) (then (call $throwPair (i32.const 1))) (else (unreachable)))))
                (i32.const 7))
              (func (export "uncaught") (param i32) (call $throwPair (local.get 0)))
              (func (export "fromHost") (param i32) (result i32)
                (block $caught (result i32 f64)
                  (try_table (catch $pair $caught) (call $raise (local.get 0)))
                  (return (i32.const -1)))
                (drop))
              (func (export "object") (param externref) (result externref)
                (block $caught (result externref)
                  (try_table (catch $ref $caught) (throw $ref (local.get 0)))
                  (return (ref.null extern)))))
            """;

    private static Module instantiate(Runtime runtime) {
        runtime.newHostModuleBuilder("host")
                .newFunctionBuilder()
                .withHostFunction((caller, stack) -> {
                    Tag pair = caller.exportedTag("pair");
                    throw new ThrownException(pair, new long[] {stack[0] * 2, Double.doubleToRawLongBits(0.5)}, null);
                }, List.of(ValueType.I32), List.of())
                .export("raise")
                .instantiate();
        return runtime.instantiate(runtime.compileModule(MODULE));
    }

    @InBothTiers
    void theGuestCatchesWhatItThrows(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = instantiate(runtime);
            assertEquals(-0.5, Double.longBitsToDouble(m.exportedFunction("sum").call(-3)[0]));
            assertEquals(7, m.exportedFunction("caughtAll").call(1)[0]);
            Object value = new Object();
            Object[] refs = {value};
            m.exportedFunction("object").callWithStack(new long[1], refs);
            assertSame(value, refs[0]);
        }
    }

    @InBothTiers
    void anUncaughtExceptionReachesJavaWithItsTagAndValues(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = instantiate(runtime);
            for (String export : List.of("uncaught", "rethrown")) {
                ThrownException e = assertThrows(ThrownException.class, () -> m.exportedFunction(export).call(-1));
                assertSame(m.exportedTag("pair"), e.tag());
                assertArrayEquals(new long[] {0xFFFF_FFFFL, Double.doubleToRawLongBits(2.5)}, e.values());
                assertEquals(List.of(ValueType.I32, ValueType.F64), e.tag().paramTypes());
                assertEquals("uncaught WebAssembly exception of a tag of (i32 4294967295, f64 4612811918334230528)",
                        e.getMessage());
            }
            assertEquals(-0.5, Double.longBitsToDouble(m.exportedFunction("sum").call(-3)[0]), "the runtime stays usable");
        }
    }

    @InBothTiers
    void aHostFunctionThrowsForTheGuestToCatch(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = instantiate(runtime);
            assertEquals(42, m.exportedFunction("fromHost").call(21)[0]);
        }
    }

    @InBothTiers
    void aTrapPassesEveryCatch(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = instantiate(runtime);
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("caughtAll").call(0));
            assertEquals(TrapKind.UNREACHABLE, e.trapKind());
        }
    }

    @InBothTiers
    void aThrownExceptionNeedsValuesForEachSlot(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = instantiate(runtime);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ThrownException(m.exportedTag("pair"), new long[1], null));
            assertTrue(e.getMessage().contains("carries 2 value slots, given 1"), e.getMessage());
        }
    }
}
