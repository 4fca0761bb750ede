package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.Module;
import dev.jazero.api.UnlinkableModuleException;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection's types, with {@link CoreFeatures#GC}: recursive groups, whose types may
 * refer to each other, and struct and array types. Types are equivalent when their groups are
 * the same structure and they hold the same position in them, whatever their indexes and in
 * whichever module (iso-recursive equivalence).
 */
class RecursiveTypesTest {

    private static final String LIB = """
            (module
              (rec
                (type $a (func (param (ref null $b)) (result i32)))
                (type $b (func (param (ref null $a)) (result i32))))
              (type $point (struct (field $x i32) (field (mut f64))))
              (type $bytes (array (mut i8)))
              (func $first (export "first") (type $a) (i32.const 1))
              (func $second (export "second") (type $b) (i32.const 2))
              (table (export "table") 2 funcref)
              (elem (i32.const 0) $first $second))
            """;

    @InBothTiers
    void equivalentGroupsAreOneTypeAcrossModules(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            runtime.instantiate(runtime.compileModule(LIB), ModuleConfig.defaults().withName("lib"));
            // The same group after another type, and its types used in the other order.
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $other (func (param i64)))
                      (rec
                        (type $a2 (func (param (ref null $b2)) (result i32)))
                        (type $b2 (func (param (ref null $a2)) (result i32))))
                      (import "lib" "second" (func $second (type $b2)))
                      (import "lib" "table" (table $t 2 funcref))
                      (func (export "direct") (result i32) (call $second (ref.null $a2)))
                      (func (export "indirect") (param i32) (result i32)
                        (call_indirect $t (type $a2) (ref.null $b2) (local.get 0))))
                    """));
            assertArrayEquals(new long[] {2}, m.exportedFunction("direct").call());
            assertArrayEquals(new long[] {1}, m.exportedFunction("indirect").call(0));
            dev.jazero.api.TrapException mismatch = assertThrows(dev.jazero.api.TrapException.class,
                    () -> m.exportedFunction("indirect").call(1));
            assertTrue(mismatch.getMessage().startsWith("indirect call type mismatch"), mismatch.getMessage());
            // The same structure at the other position of the group is another type.
            assertThrows(UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule("""
                    (module
                      (rec
                        (type $a2 (func (param (ref null $b2)) (result i32)))
                        (type $b2 (func (param (ref null $a2)) (result i32))))
                      (import "lib" "first" (func (type $b2))))
                    """)));
            // A group of one with the same structure is another type too.
            assertThrows(UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $a2 (func (param (ref null $a2)) (result i32)))
                      (import "lib" "first" (func (type $a2))))
                    """)));
        }
    }

    /** A function of a declared subtype may be called and imported as one of its supertype, not the other way. */
    @InBothTiers
    void aSubtypeStandsForItsSupertype(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            String types = """
                    (type $base (sub (func (result i32))))
                    (type $derived (sub $base (func (result i32))))
                    """;
            runtime.instantiate(runtime.compileModule("(module " + types + """
                      (func $b (export "b") (type $base) (i32.const 1))
                      (func $d (export "d") (type $derived) (i32.const 2))
                      (table (export "table") 2 funcref)
                      (elem (i32.const 0) $b $d)
                      (func (export "asBase") (param i32) (result i32) (call_indirect (type $base) (local.get 0)))
                      (func (export "asDerived") (param i32) (result i32) (call_indirect (type $derived) (local.get 0))))
                    """), ModuleConfig.defaults().withName("lib"));
            Module lib = runtime.module("lib");
            assertArrayEquals(new long[] {1}, lib.exportedFunction("asBase").call(0));
            assertArrayEquals(new long[] {2}, lib.exportedFunction("asBase").call(1));
            assertArrayEquals(new long[] {2}, lib.exportedFunction("asDerived").call(1));
            assertThrows(dev.jazero.api.TrapException.class, () -> lib.exportedFunction("asDerived").call(0));
            Module m = runtime.instantiate(runtime.compileModule("(module " + types + """
                      (import "lib" "d" (func $d (type $base)))
                      (func (export "run") (result i32) (call $d)))
                    """));
            assertArrayEquals(new long[] {2}, m.exportedFunction("run").call());
            assertThrows(UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module " + types + " (import \"lib\" \"b\" (func (type $derived))))")));
        }
    }

    /** ref.test and ref.cast of function and external references, by their types and subtypes. */
    @InBothTiers
    void testsAndCastsOfReferences(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $base (sub (func)))
                      (type $derived (sub $base (func)))
                      (type $other (func (param i32)))
                      (func $b (type $base)) (func $d (type $derived)) (func $o (type $other))
                      (table $t 4 funcref) (elem (table $t) (i32.const 0) func $b $d $o)
                      (func (export "isBase") (param i32) (result i32) (ref.test (ref $base) (table.get $t (local.get 0))))
                      (func (export "isDerived") (param i32) (result i32) (ref.test (ref $derived) (table.get $t (local.get 0))))
                      (func (export "isNullOrBase") (param i32) (result i32)
                        (ref.test (ref null $base) (table.get $t (local.get 0))))
                      (func (export "isFunc") (param i32) (result i32) (ref.test (ref func) (table.get $t (local.get 0))))
                      (func (export "isNoFunc") (param i32) (result i32) (ref.test nullfuncref (table.get $t (local.get 0))))
                      (func (export "castToBase") (param i32) (call_ref $base (ref.cast (ref $base) (table.get $t (local.get 0)))))
                      (func (export "isExtern") (param externref) (result i32) (ref.test (ref extern) (local.get 0))))
                    """));
            long[][] expected = { // per table slot: base, derived, nullOrBase, func, nofunc
                {1, 0, 1, 1, 0}, {1, 1, 1, 1, 0}, {0, 0, 0, 1, 0}, {0, 0, 1, 0, 1}};
            String[] tests = {"isBase", "isDerived", "isNullOrBase", "isFunc", "isNoFunc"};
            for (int slot = 0; slot < 4; slot++) {
                for (int k = 0; k < tests.length; k++) {
                    assertArrayEquals(new long[] {expected[slot][k]}, m.exportedFunction(tests[k]).call(slot),
                            tests[k] + " of slot " + slot);
                }
            }
            m.exportedFunction("castToBase").call(1);
            dev.jazero.api.TrapException e = assertThrows(dev.jazero.api.TrapException.class,
                    () -> m.exportedFunction("castToBase").call(2));
            assertTrue(e.getMessage().startsWith("cast failure"), e.getMessage());
            assertThrows(dev.jazero.api.TrapException.class, () -> m.exportedFunction("castToBase").call(3));
            assertArrayEquals(new long[] {1}, m.exportedFunction("isExtern").call(7));
            assertArrayEquals(new long[] {0}, m.exportedFunction("isExtern").call(0));
        }
    }

    @Test
    void aTestIsOfTheOperandsHierarchy() {
        try (Runtime runtime = Runtime.create()) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (func (param funcref) (result i32) (ref.test (ref extern) (local.get 0))))"));
            assertTrue(e.getMessage().startsWith("type mismatch: (ref extern) is not of the hierarchy of funcref"),
                    e.getMessage());
        }
    }

    @Test
    void aSubtypeMatchesASupertypeThatIsNotFinal() {
        try (Runtime runtime = Runtime.create()) {
            InvalidModuleException fin = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (type $f (func)) (type (sub $f (func))))"));
            assertTrue(fin.getMessage().startsWith("sub type 1 does not match super type 0"), fin.getMessage());
            InvalidModuleException results = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $a (sub (func (result i32)))) (type (sub $a (func (result i64)))))"));
            assertTrue(results.getMessage().startsWith("sub type 1 does not match super type 0"), results.getMessage());
            InvalidModuleException field = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $a (sub (struct (field (mut i32))))) (type (sub $a (struct (field i32)))))"));
            assertTrue(field.getMessage().startsWith("sub type 1 does not match super type 0"), field.getMessage());
            runtime.compileModule("(module (type $a (sub (struct (field i32)))) (type (sub $a (struct (field i32) (field f64)))))");
            StringBuilder chain = new StringBuilder("(module (type $t0 (sub (func)))");
            for (int i = 1; i <= 64; i++) {
                chain.append(" (type $t").append(i).append(" (sub $t").append(i - 1).append(" (func)))");
            }
            InvalidModuleException deep = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule(chain.append(")").toString()));
            assertTrue(deep.getMessage().startsWith("sub type 64 has more than 63 super types"), deep.getMessage());
        }
    }

    @Test
    void structAndArrayTypesAreTypesButNotOfFunctions() {
        try (Runtime runtime = Runtime.create()) {
            runtime.compileModule("""
                    (module (type $s (struct (field i8) (field (mut (ref null $s))))) (type $v (array i64))
                      (func (param (ref null $s)) (param (ref null $v))))
                    """);
            InvalidModuleException call = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $s (struct)) (func (param (ref null $s)) (call_ref $s (local.get 0))))"));
            assertTrue(call.getMessage().startsWith("type mismatch: type 0 is not a function type"), call.getMessage());
            InvalidModuleException function = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (type $s (struct)) (func (type $s)))"));
            assertTrue(function.getMessage().startsWith("type mismatch: type 0 is not a function type"), function.getMessage());
        }
    }

    /** An inline type use names a function type alone in its group, written with rec or without, and no other. */
    @Test
    void inlineTypeUsesNameTypesAloneInTheirGroup() {
        var encoding = dev.jazero.internal.wasm.Encoding.of(CoreFeatures.V3);
        for (String types : new String[] {"(type (func))", "(rec (type (func)))"}) {
            byte[] binary = dev.jazero.internal.text.WatParser.parse("(module " + types + " (func))", "", encoding).binary();
            var module = dev.jazero.internal.decoding.BinaryDecoder.decode(binary, encoding, false, false);
            assertTrue(module.types.size() == 1, types + " and the function's type are one type");
        }
        for (String types : new String[] {"(rec (type (func)) (type (func)))", "(type (sub (func)))"}) {
            byte[] binary = dev.jazero.internal.text.WatParser.parse("(module " + types + " (func))", "", encoding).binary();
            var module = dev.jazero.internal.decoding.BinaryDecoder.decode(binary, encoding, false, false);
            int defined = types.startsWith("(rec") ? 2 : 1;
            assertTrue(module.types.size() == defined + 1, types + ": the function's type is another");
        }
    }

    @Test
    void aHostFunctionTakesAbstractReferenceTypesOnly() {
        try (Runtime runtime = Runtime.create()) {
            var builder = runtime.newHostModuleBuilder("env").newFunctionBuilder()
                    .withStackFunction(stack -> { }, java.util.List.of(
                            dev.jazero.api.ValueType.ref(dev.jazero.api.HeapType.type(0), true)), java.util.List.of())
                    .export("f");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::compile);
            assertTrue(e.getMessage().contains("abstract reference types only"), e.getMessage());
        }
    }

    @Test
    void aTypeRefersOnlyToItsGroupAndEarlierTypes() {
        try (Runtime runtime = Runtime.create()) {
            InvalidModuleException later = assertThrows(InvalidModuleException.class, () -> runtime.compileModule("""
                    (module (rec (type $a (func (param (ref $b))))) (rec (type $b (func))))
                    """));
            assertTrue(later.getMessage().startsWith("unknown type 1"), later.getMessage());
            assertTrue(later.getMessage().contains("the types of its recursive group"), later.getMessage());
            InvalidModuleException two = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $a (sub (func))) (type $b (sub (func))) (type (sub $a $b (func))))"));
            assertTrue(two.getMessage().startsWith("sub type 2 has more than one super type"), two.getMessage());
            InvalidModuleException superLater = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(
                    "(module (type $a (sub $b (func))) (type $b (sub (func))))"));
            assertTrue(superLater.getMessage().startsWith("unknown type 1: a super type is defined before its sub types"),
                    superLater.getMessage());
        }
    }

    @Test
    void withoutTheFeatureThereAreNoGroupsAndNoStructs() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter()
                .withCoreFeatures(CoreFeatures.V3.without(CoreFeatures.GC)))) {
            MalformedModuleException rec = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule("(module (rec (type (func))))"));
            assertTrue(rec.getMessage().contains("gc feature"), rec.getMessage());
            assertThrows(MalformedModuleException.class, () -> runtime.compileModule("(module (type (struct)))"));
            MalformedModuleException cast = assertThrows(MalformedModuleException.class, () -> runtime.compileModule(
                    "(module (func (param funcref) (result i32) (ref.test funcref (local.get 0))))"));
            assertTrue(cast.getMessage().contains("ref.test needs the gc feature"), cast.getMessage());
            // One function whose body is ref.test funcref (0xFB 20 0x70), drop, end.
            byte[] test = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
                10, 8, 1, 6, 0, (byte) 0xFB, 0x14, 0x70, 0x1A, 0x0B};
            MalformedModuleException fb = assertThrows(MalformedModuleException.class, () -> runtime.compileModule(test));
            assertTrue(fb.getMessage().startsWith("illegal opcode fb"), fb.getMessage());
            // In the binary format: a type section of one group (0x4E) of one function type.
            byte[] group = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 6, 1, 0x4E, 1, 0x60, 0, 0};
            MalformedModuleException binary = assertThrows(MalformedModuleException.class, () -> runtime.compileModule(group));
            assertTrue(binary.getMessage().startsWith("malformed function type"), binary.getMessage());
            try (Runtime gc = Runtime.create()) {
                gc.compileModule(group);
                // A type of code 0x5D, which is none of func, struct and array.
                byte[] other = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x5D, 0, 0};
                MalformedModuleException composite = assertThrows(MalformedModuleException.class,
                        () -> gc.compileModule(other));
                assertTrue(composite.getMessage().startsWith("malformed composite type"), composite.getMessage());
            }
        }
    }
}
