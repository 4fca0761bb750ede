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

    private static final String LEGACY = """
            (module
              (tag $e (param i32))
              (func $throw (param i32) (throw $e (local.get 0)))
              (func (export "caught") (param i32) (result i32)
                try (result i32)
                  local.get 0
                  call $throw
                  i32.const -1
                catch $e
                  i32.const 100
                  i32.add
                catch_all
                  i32.const -2
                end)
              (func (export "rethrown") (param i32) (result i32)
                try (result i32)
                  try
                    local.get 0
                    call $throw
                  catch $e
                    drop
                    rethrow 0
                  end
                  i32.const -1
                catch $e
                end)
              (func (export "delegated") (param i32) (result i32)
                try $outer (result i32)
                  try (result i32)
                    try
                      local.get 0
                      call $throw
                    delegate $outer
                    i32.const -1
                  catch $e
                    i32.const 10
                    i32.add
                  end
                catch $e
                  i32.const 1000
                  i32.add
                end)
              (func (export "delegatedOut") (param i32)
                try
                  local.get 0
                  call $throw
                delegate 0)
              (func (export "folded") (param i32) (result i32)
                (try $outer (result i32)
                  (do (try (result i32) (do (call $throw (local.get 0)) (i32.const -1)) (delegate $outer)))
                  (catch $e (i32.add (i32.const 1000)))))
              (func (export "foldedAll") (param i32) (result i32)
                (try (result i32)
                  (do (call $throw (local.get 0)) (i32.const -1))
                  (catch_all (i32.const 7)))))
            """;

    @InBothTiers
    void legacyInstructionsCatchRethrowAndDelegate(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(LEGACY));
            assertEquals(101, m.exportedFunction("caught").call(1)[0]);
            assertEquals(7, m.exportedFunction("rethrown").call(7)[0]);
            assertEquals(1005, m.exportedFunction("delegated").call(5)[0], "delegate skips the middle try's catch");
            ThrownException e = assertThrows(ThrownException.class, () -> m.exportedFunction("delegatedOut").call(3));
            assertArrayEquals(new long[] {3}, e.values());
            assertEquals(1005, m.exportedFunction("folded").call(5)[0], "the folded text form");
            assertEquals(7, m.exportedFunction("foldedAll").call(1)[0]);
            assertThrows(dev.jazero.api.MalformedModuleException.class,
                    () -> runtime.compileModule("(module (func (try (nop))))"), "a folded try starts with (do ...)");
        }
    }

    @InBothTiers
    void aHostModuleDefinesTagsForItsFunctionsToThrow(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module[] host = new Module[1];
            host[0] = runtime.newHostModuleBuilder("env")
                    .exportTag("failure", List.of(ValueType.I32))
                    .newFunctionBuilder()
                    .withHostFunction((caller, stack) -> {
                        throw new ThrownException(host[0].exportedTag("failure"), new long[] {stack[0] + 1}, null);
                    }, List.of(ValueType.I32), List.of())
                    .export("fail")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "env" "fail" (func $fail (param i32)))
                      (import "env" "failure" (tag $failure (param i32)))
                      (func (export "code") (param i32) (result i32)
                        (block $caught (result i32)
                          (try_table (catch $failure $caught) (call $fail (local.get 0)))
                          (i32.const -1))))
                    """));
            assertEquals(42, m.exportedFunction("code").call(41)[0]);
            assertThrows(IllegalArgumentException.class,
                    () -> runtime.newHostModuleBuilder("other").exportTag("t", List.of()).exportTag("t", List.of()));
        }
    }

    @InBothTiers
    void catchingAllPushesNoValues(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (tag $e (param i32))
                      (func (export "newForm") (result i32)
                        (block $h (try_table (catch_all $h) (throw $e (i32.const 42))))
                        (i32.const 1)
                        (block (result i32) (i32.const 2) (i32.const 3) (br 0))
                        (i32.add))
                      (func (export "legacy") (result i32)
                        try
                          i32.const 42
                          throw $e
                        catch_all
                        end
                        i32.const 1
                        (block (result i32) (i32.const 2) (i32.const 3) (br 0))
                        i32.add)
                      (func (export "loop") (result i32) (local $i i32)
                        (loop $again
                          (block $h (try_table (catch_all $h) (throw $e (local.get $i))))
                          (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100000))))
                        (local.get $i)))
                    """));
            assertEquals(4, m.exportedFunction("newForm").call()[0]);
            assertEquals(4, m.exportedFunction("legacy").call()[0]);
            assertEquals(100_000, m.exportedFunction("loop").call()[0]);
        }
    }

    @InBothTiers
    void aTailCallLeavesItsFrameEvenWhenListened(RuntimeConfig tier) {
        String module = """
                (module
                  (tag $e)
                  (table funcref (elem $thrower))
                  (type $void (func))
                  (func $thrower (throw $e))
                  (func (export "direct")
                    (block $h (try_table (catch_all $h) (return_call $thrower))))
                  (func (export "indirect")
                    (block $h (try_table (catch_all $h) (return_call_indirect (type $void) (i32.const 0))))))
                """;
        RuntimeConfig listened = tier.withFunctionListenerFactory(definition -> new dev.jazero.experimental.FunctionListener() { });
        for (RuntimeConfig config : List.of(tier, listened)) {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(module));
                assertThrows(ThrownException.class, () -> m.exportedFunction("direct").call());
                assertThrows(ThrownException.class, () -> m.exportedFunction("indirect").call());
            }
        }
    }

    /** A module of one function {@code () -> ()} whose body is {@code body} (its end included). */
    private static byte[] withBody(int... body) {
        byte[] head = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10,
            (byte) (body.length + 3), 1, (byte) (body.length + 1), 0};
        byte[] module = java.util.Arrays.copyOf(head, head.length + body.length);
        for (int i = 0; i < body.length; i++) {
            module[head.length + i] = (byte) body[i];
        }
        return module;
    }

    @org.junit.jupiter.api.Test
    void badExceptionCodeEndsInClearErrors() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
            java.util.Map<String, byte[]> invalid = java.util.Map.of(
                    "delegate without a matching try", withBody(0x18, 0x00, 0x0B),
                    "invalid rethrow label", withBody(0x02, 0x40, 0x09, 0x00, 0x0B, 0x0B),
                    "unknown tag 5", withBody(0x08, 0x05, 0x0B),
                    "catch_all without a matching try", withBody(0x02, 0x40, 0x19, 0x0B, 0x0B));
            invalid.forEach((message, module) -> {
                dev.jazero.api.InvalidModuleException e = assertThrows(dev.jazero.api.InvalidModuleException.class,
                        () -> runtime.compileModule(module));
                assertTrue(e.getMessage().startsWith(message), e.getMessage());
            });
            dev.jazero.api.MalformedModuleException clause = assertThrows(dev.jazero.api.MalformedModuleException.class,
                    () -> runtime.compileModule(withBody(0x1F, 0x40, 0x01, 0x04, 0x00, 0x0B, 0x0B)));
            assertTrue(clause.getMessage().contains("malformed catch clause"), clause.getMessage());
            assertThrows(IllegalArgumentException.class, () -> runtime.newHostModuleBuilder("typed")
                    .exportTag("t", List.of(ValueType.ref(dev.jazero.api.HeapType.type(0), true))));
            assertThrows(NullPointerException.class, () -> new ThrownException(null, new long[0], null));
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
