package dev.jazero.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.RuntimeConfig;
import dev.jazero.Runtime;
import org.junit.jupiter.api.Test;

/** The sets of features: 2.0 exactly, and 3.0's part that Jazero has, which is the default. */
class CoreFeaturesTest {

    @Test
    void theDefaultIs30AndV2Is20Exactly() {
        assertEquals(CoreFeatures.V3, RuntimeConfig.defaults().coreFeatures());
        assertEquals(CoreFeatures.V3, RuntimeConfig.interpreter().coreFeatures());
        assertEquals("mutable-global|sign-extension-ops|multi-value|nontrapping-float-to-int-conversion"
                + "|bulk-memory-operations|reference-types|simd", CoreFeatures.V2.toString());
        for (String name : new String[] {"extended-const", "multi-memory", "memory64", "relaxed-simd", "tail-call",
            "function-references", "gc", "exceptions"}) {
            assertTrue(CoreFeatures.V3.isEnabled(CoreFeatures.named(name)), name);
            assertFalse(CoreFeatures.V2.isEnabled(CoreFeatures.named(name)), name);
        }
        assertEquals(CoreFeatures.V3, CoreFeatures.V2.with(CoreFeatures.EXTENDED_CONST).with(CoreFeatures.MULTI_MEMORY)
                .with(CoreFeatures.MEMORY64).with(CoreFeatures.RELAXED_SIMD).with(CoreFeatures.TAIL_CALL)
                .with(CoreFeatures.FUNCTION_REFERENCES).with(CoreFeatures.GC).with(CoreFeatures.EXCEPTIONS));
    }

    @Test
    void aModuleOf30RunsByDefault() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module (memory i64 1) (memory 1)
                      (global $g i32 (i32.mul (i32.const 6) (i32.const 7)))
                      (func $f (param i32) (result i32) (local.get 0))
                      (func (export "g") (result i32) (return_call $f (global.get $g))))
                    """));
            assertEquals(42, m.exportedFunction("g").call()[0]);
        }
    }
}
