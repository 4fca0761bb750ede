package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0's typed function references, with {@link CoreFeatures#FUNCTION_REFERENCES}:
 * {@code (ref $t)} types, {@code call_ref}, {@code ref.as_non_null}, {@code br_on_null},
 * {@code br_on_non_null} and the rule that a non-nullable local is set before it is read, in both
 * tiers; without the feature, 2.0's rules.
 */
class FunctionReferencesTest {

    private static final String MODULE = """
            (module
              (type $unary (func (param i32) (result i32)))
              (elem declare func $square $negate)
              (func $square (type $unary) (i32.mul (local.get 0) (local.get 0)))
              (func $negate (type $unary) (i32.sub (i32.const 0) (local.get 0)))
              (func $pick (param $which i32) (result (ref null $unary))
                (if (result (ref null $unary)) (i32.eqz (local.get $which))
                  (then (ref.null $unary))
                  (else (if (result (ref $unary)) (i32.eq (local.get $which) (i32.const 1))
                    (then (ref.func $square)) (else (ref.func $negate))))))
              (func (export "apply") (param $which i32) (param $x i32) (result i32)
                (call_ref $unary (local.get $x) (local.get $which) (call $pick)))
              (func (export "orMinusOne") (param $which i32) (param $x i32) (result i32)
                (block $none
                  (return (call_ref $unary (local.get $x) (br_on_null $none (call $pick (local.get $which))))))
                (i32.const -1))
              (func (export "isSet") (param $which i32) (result i32)
                (block $set (result (ref $unary))
                  (br_on_non_null $set (call $pick (local.get $which)))
                  (return (i32.const 0)))
                (drop)
                (i32.const 1))
              (func (export "nonNull") (param $which i32) (result i32)
                (local $f (ref $unary))
                (local.set $f (ref.as_non_null (call $pick (local.get $which))))
                (call_ref $unary (i32.const 5) (local.get $f))))
            """;

    private static RuntimeConfig references(RuntimeConfig tier) {
        return tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.FUNCTION_REFERENCES));
    }

    @InBothTiers
    void functionsAreCalledThroughTypedReferences(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(references(tier))) {
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            assertArrayEquals(new long[] {49}, m.exportedFunction("apply").call(1, 7));
            assertArrayEquals(new long[] {-7 & 0xFFFF_FFFFL}, m.exportedFunction("apply").call(2, 7));
            TrapException nullCall = assertThrows(TrapException.class, () -> m.exportedFunction("apply").call(0, 7));
            assertEquals(TrapKind.NULL_FUNCTION_REFERENCE, nullCall.trapKind());
            assertArrayEquals(new long[] {-1 & 0xFFFF_FFFFL}, m.exportedFunction("orMinusOne").call(0, 7));
            assertArrayEquals(new long[] {9}, m.exportedFunction("orMinusOne").call(1, 3));
            assertArrayEquals(new long[] {0}, m.exportedFunction("isSet").call(0));
            assertArrayEquals(new long[] {1}, m.exportedFunction("isSet").call(2));
            assertArrayEquals(new long[] {25}, m.exportedFunction("nonNull").call(1));
            TrapException nullRef = assertThrows(TrapException.class, () -> m.exportedFunction("nonNull").call(0));
            assertEquals(TrapKind.NULL_REFERENCE, nullRef.trapKind());
        }
    }

    @Test
    void aNonNullableLocalIsSetBeforeItIsRead() {
        try (Runtime runtime = Runtime.create(references(RuntimeConfig.interpreter()))) {
            InvalidModuleException unset = assertThrows(InvalidModuleException.class, () -> runtime.compileModule("""
                    (module (type $t (func)) (func (local $f (ref $t)) (drop (local.get $f))))
                    """));
            assertTrue(unset.getMessage().startsWith("uninitialized local"), unset.getMessage());
            // A set counts to the end of its block only.
            assertThrows(InvalidModuleException.class, () -> runtime.compileModule("""
                    (module (type $t (func)) (elem declare func $g) (func $g)
                      (func (local $f (ref $t)) (block (local.set $f (ref.func $g))) (drop (local.get $f))))
                    """));
            runtime.compileModule("""
                    (module (type $t (func)) (elem declare func $g) (func $g)
                      (func (local $f (ref $t)) (local.set $f (ref.func $g)) (block (drop (local.get $f)))))
                    """);
        }
    }

    @Test
    void badReferenceTypesEndInClearErrors() {
        try (Runtime runtime = Runtime.create(references(RuntimeConfig.interpreter()))) {
            InvalidModuleException unknown = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (func (local (ref null 1))))"));
            assertTrue(unknown.getMessage().startsWith("unknown type 1"), unknown.getMessage());
            InvalidModuleException constant = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (type (func)) (elem funcref (ref.null 7)))"));
            assertTrue(constant.getMessage().startsWith("unknown type 7"), constant.getMessage());
            InvalidModuleException gc = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (func (result anyref) (ref.null any)))"));
            assertTrue(gc.getMessage().contains("anyref needs the gc feature, which is disabled"), gc.getMessage());
            // ref.null with the heap type 0x40, which is none: one function of type 0, ref.null 0x40, drop, end.
            byte[] badHeap = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
                10, 7, 1, 5, 0, (byte) 0xD0, 0x40, 0x1A, 0x0B};
            MalformedModuleException malformed = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule(badHeap));
            assertTrue(malformed.getMessage().startsWith("malformed heap type"), malformed.getMessage());
        }
    }

    @Test
    void withoutTheFeatureTheRulesAre2point0s() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2))) {
            MalformedModuleException typed = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule("(module (type $t (func)) (func (param (ref $t))))"));
            assertTrue(typed.getMessage().contains("malformed value type"), typed.getMessage());
            InvalidModuleException callRef = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $t (func)) (func (param funcref) (call_ref $t (local.get 0))))"));
            assertTrue(callRef.getMessage().contains("function-references feature"), callRef.getMessage());
        }
    }

    @InBothTiers
    void aTableStartsWithItsInitialiser(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(references(tier))) {
            runtime.instantiate(runtime.compileModule("""
                    (module (type $t (func (result i32))) (func $seven (type $t) (i32.const 7))
                      (global (export "seven") (ref $t) (ref.func $seven)))
                    """), ModuleConfig.defaults().withName("lib"));
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $t (func (result i32)))
                      (global $g (import "lib" "seven") (ref $t))
                      (func $one (type $t) (i32.const 1))
                      (table $direct 3 (ref $t) (ref.func $one))
                      (table $imported 2 funcref (global.get $g))
                      (table $empty 2 (ref null $t))
                      (func (export "direct") (param i32) (result i32) (call_indirect $direct (type $t) (local.get 0)))
                      (func (export "imported") (param i32) (result i32) (call_indirect $imported (type $t) (local.get 0)))
                      (func (export "empty") (result i32) (ref.is_null (table.get $empty (i32.const 1)))))
                    """));
            assertArrayEquals(new long[] {1}, m.exportedFunction("direct").call(2));
            assertArrayEquals(new long[] {7}, m.exportedFunction("imported").call(1));
            assertArrayEquals(new long[] {1}, m.exportedFunction("empty").call());
        }
    }

    /** A table of typed function references holds functions, whichever instruction puts them there. */
    @InBothTiers
    void typedTablesHoldFunctions(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(references(tier))) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $t (func (result i32)))
                      (global $g (ref $t) (ref.func $two))
                      (func $one (type $t) (i32.const 1))
                      (func $two (type $t) (i32.const 2))
                      (table $typed 4 (ref null $t))
                      (elem declare func $one)
                      (func (export "run") (result i32)
                        (table.set $typed (i32.const 0) (ref.func $one))
                        (table.fill $typed (i32.const 1) (global.get $g) (i32.const 1))
                        (drop (table.grow $typed (ref.func $one) (i32.const 1)))
                        (i32.add (i32.add (call_indirect $typed (type $t) (i32.const 0))
                                          (call_indirect $typed (type $t) (i32.const 1)))
                                 (i32.add (call_ref $t (ref.as_non_null (table.get $typed (i32.const 1))))
                                          (call_indirect $typed (type $t) (i32.const 4))))))
                    """));
            assertArrayEquals(new long[] {1 + 2 + 2 + 1}, m.exportedFunction("run").call());
        }
    }

    @Test
    void aTableOfNonNullableReferencesNeedsAnInitialiserOfImportedGlobals() {
        try (Runtime runtime = Runtime.create(references(RuntimeConfig.interpreter()))) {
            InvalidModuleException none = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (type $t (func)) (table 1 (ref $t)))"));
            assertTrue(none.getMessage().startsWith("type mismatch: a table of (ref 0) needs an initialiser"), none.getMessage());
            InvalidModuleException defined = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (global $g funcref (ref.null func)) (table 1 funcref (global.get $g)))"));
            assertTrue(defined.getMessage().startsWith("unknown global"), defined.getMessage());
        }
    }

    /**
     * Types are compared by structure: the same type at other indexes, in one module or across a
     * link, is one type, for call_indirect, function imports and typed global and table imports.
     */
    @InBothTiers
    void equivalentTypesAreOneTypeWhateverTheirIndexes(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(references(tier))) {
            runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $s (func (result i32)))
                      (type $t (func (param (ref $s)) (result i32)))
                      (func $five (type $s) (i32.const 5))
                      (func $call (export "call") (type $t) (call_ref $s (local.get 0)))
                      (global (export "five") (ref $s) (ref.func $five))
                      (global (export "var") (mut (ref null $s)) (ref.null $s))
                      (table (export "table") 1 (ref null $t) (ref.func $call)))
                    """), ModuleConfig.defaults().withName("lib"));
            // The same types at other indexes, after an unrelated one.
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $other (func (param i64)))
                      (type $s2 (func (result i32)))
                      (type $t2 (func (param (ref $s2)) (result i32)))
                      (type $t3 (func (param (ref $s2)) (result i32)))
                      (import "lib" "call" (func $call (type $t2)))
                      (import "lib" "five" (global $five (ref $s2)))
                      (import "lib" "five" (global $anyFunction funcref))
                      (import "lib" "var" (global $var (mut (ref null $s2))))
                      (import "lib" "table" (table $table 1 (ref null $t2)))
                      (func (export "viaImport") (result i32) (call $call (global.get $five)))
                      (func (export "viaTable") (result i32)
                        (call_indirect $table (type $t3) (global.get $five) (i32.const 0))))
                    """));
            assertArrayEquals(new long[] {5}, m.exportedFunction("viaImport").call());
            assertArrayEquals(new long[] {5}, m.exportedFunction("viaTable").call());
            // Re-exported by a module whose types are at other indexes: still the defining module's types.
            runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $x (func (param f64))) (type $y (func (param f32))) (type $z (func (param i64)))
                      (type $s3 (func (result i32)))
                      (type $t4 (func (param (ref $s3)) (result i32)))
                      (import "lib" "table" (table $table 1 (ref null $t4)))
                      (import "lib" "five" (global $five (ref $s3)))
                      (export "table" (table $table))
                      (export "five" (global $five)))
                    """), ModuleConfig.defaults().withName("relay"));
            Module viaRelay = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $s (func (result i32)))
                      (type $t (func (param (ref $s)) (result i32)))
                      (import "relay" "table" (table $table 1 (ref null $t)))
                      (import "relay" "five" (global $five (ref $s)))
                      (func (export "run") (result i32) (call_indirect $table (type $t) (global.get $five) (i32.const 0))))
                    """));
            assertArrayEquals(new long[] {5}, viaRelay.exportedFunction("run").call());
            // A mutable global's type must be the same, not a subtype.
            assertThrows(dev.jazero.api.UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module (import \"lib\" \"var\" (global (mut funcref))))")));
            assertThrows(dev.jazero.api.UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module (type $u (func (result i64))) (import \"lib\" \"five\" (global (ref $u))))")));
        }
    }

    @Test
    void aTypeRefersOnlyToItselfAndEarlierTypes() {
        try (Runtime runtime = Runtime.create(references(RuntimeConfig.interpreter()))) {
            InvalidModuleException forward = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $a (func (param (ref $b)))) (type $b (func)))"));
            assertTrue(forward.getMessage().startsWith("unknown type 1"), forward.getMessage());
            runtime.compileModule("(module (type $a (func (param (ref $a)))))");
        }
    }
}
