package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.Module;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0's extended constant expressions: arithmetic and reads of earlier immutable
 * globals in global initialisers and segment offsets, with {@link CoreFeatures#EXTENDED_CONST}.
 */
class ExtendedConstTest {

    private static final String MODULE = """
            (module
              (import "env" "base" (global $base i32))
              (global $page i32 (i32.mul (i32.const 2) (i32.const 32768)))
              (global $top i32 (i32.add (global.get $page) (i32.sub (global.get $base) (i32.const 1))))
              (global $wrap i32 (i32.mul (i32.const 65536) (i32.const 65536)))
              (global $neg i32 (i32.sub (i32.const 0) (i32.const 5)))
              (global $big i64 (i64.mul (i64.const 0x100000000) (i64.add (i64.const 3) (i64.const 4))))
              (memory 2)
              (data (i32.add (global.get $page) (i32.const 8)) "\\2a")
              (table 8 funcref)
              (elem (i32.add (global.get $base) (i32.const 2)) $seven)
              (func $seven (result i32) (i32.const 7))
              (func (export "top") (result i32) (global.get $top))
              (func (export "wrap") (result i32) (global.get $wrap))
              (func (export "neg") (result i32) (global.get $neg))
              (func (export "big") (result i64) (global.get $big))
              (func (export "byte") (result i32) (i32.load8_u (i32.const 65544)))
              (func (export "slot") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))
            """;

    private static RuntimeConfig extended(RuntimeConfig tier) {
        return tier.withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.EXTENDED_CONST));
    }

    private static void importBase(Runtime runtime) {
        runtime.instantiate(runtime.compileModule("(module (global (export \"base\") i32 (i32.const 3)))"),
                ModuleConfig.defaults().withName("env"));
    }

    @InBothTiers
    void initialisersAndOffsetsComputeWithArithmeticAndEarlierGlobals(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(extended(tier))) {
            importBase(runtime);
            Module m = runtime.instantiate(runtime.compileModule(MODULE));
            assertArrayEquals(new long[] {65536 + 2}, m.exportedFunction("top").call());
            assertArrayEquals(new long[] {0}, m.exportedFunction("wrap").call(), "i32 arithmetic wraps");
            assertArrayEquals(new long[] {0xFFFF_FFFBL}, m.exportedFunction("neg").call());
            assertArrayEquals(new long[] {7L << 32}, m.exportedFunction("big").call());
            assertArrayEquals(new long[] {42}, m.exportedFunction("byte").call(), "the data segment at page + 8");
            assertArrayEquals(new long[] {7}, m.exportedFunction("slot").call(5), "the element at base + 2");
        }
    }

    @Test
    void withoutTheFeatureTheyAreNotConstant() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter().withCoreFeatures(CoreFeatures.V2))) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))"));
            assertTrue(e.getMessage().startsWith("constant expression required"), e.getMessage());
            assertTrue(e.getMessage().contains("extended-const feature"), e.getMessage());
            InvalidModuleException g = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (global i32 (i32.const 1)) (global i32 (global.get 0)))"));
            assertTrue(g.getMessage().startsWith("unknown global 0"), g.getMessage());
            assertTrue(g.getMessage().contains("extended-const feature"), g.getMessage());
        }
    }

    @Test
    void theRulesStillHold() {
        try (Runtime runtime = Runtime.create(extended(RuntimeConfig.interpreter()))) {
            String[][] invalid = {
                {"(module (global i32 (i32.add (i64.const 1) (i32.const 2))))", "type mismatch"},
                {"(module (global i32 (i32.add (i32.const 1))))", "type mismatch"},
                {"(module (global i32 (i32.div_u (i32.const 1) (i32.const 1))))", "constant expression required"},
                {"(module (global i32 (global.get 1)) (global i32 (i32.const 0)))", "unknown global 1"},
                {"(module (global i32 (global.get 0)))", "unknown global 0"},
                {"(module (global (mut i32) (i32.const 0)) (global i32 (global.get 0)))", "constant expression required"},
                {"(module (global i64 (i32.add (i32.const 1) (i32.const 2))))", "type mismatch"},
            };
            for (String[] c : invalid) {
                InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> runtime.compileModule(c[0]), c[0]);
                assertTrue(e.getMessage().startsWith(c[1]), c[0] + ": " + e.getMessage());
            }
            assertEquals(1L, runtime.instantiate(runtime.compileModule(
                    "(module (global $a i32 (i32.const 1)) (global (export \"b\") i32 (global.get $a)))"))
                    .exportedGlobal("b").get());
        }
    }
}
