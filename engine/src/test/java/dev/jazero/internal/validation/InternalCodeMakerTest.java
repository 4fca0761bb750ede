package dev.jazero.internal.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.text.WatParser;
import dev.jazero.internal.wasm.Encoding;
import dev.jazero.internal.wasm.WasmModule;
import org.junit.jupiter.api.Test;

/**
 * Validation that keeps only each function's frame sizes, as the compiler tier has it, and the
 * code made again for a function that needs it: the same code, offsets and handlers as
 * validation that keeps it makes.
 */
class InternalCodeMakerTest {

    /**
     * Blocks, loops, a br_table, fused instructions (also at the start of a function after one
     * with labels further on, which validation's shared buffer must forget), try_table, legacy
     * try with catch and delegate, a tail call, a ref.func of a declared function.
     */
    private static final String WAT = """
            (module
              (type $v (func))
              (tag $e (param i32))
              (table 2 funcref)
              (elem (i32.const 0) func $sum $throws)
              (memory 1)
              (func $sum (param i32) (result i32) (local i32)
                (block $out
                  (loop $again
                    (br_if $out (i32.eqz (local.get 0)))
                    (local.set 1 (i32.add (local.get 1) (i32.add (local.get 0) (i32.const 3))))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $again)))
                (block $a (block $b (br_table $a $b $a (local.get 1))))
                (i32.store offset=4 (i32.const 0) (local.get 1))
                (i32.load offset=4 (i32.const 0)))
              (func $fused (param i32) (result i32)
                (i32.add (local.get 0) (i32.const 5)))
              (func $throws (param i32) (result i32)
                (throw $e (local.get 0)))
              (func (export "catches") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h)
                    (call $throws (local.get 0))))
                (drop (ref.func $sum)))
              (func $legacy (param i32) (result i32)
                (try (result i32)
                  (do (try (result i32) (do (call $throws (local.get 0))) (delegate 0)))
                  (catch $e)
                  (catch_all (i32.const -1))))
              (func $tail (param i32) (result i32)
                (return_call $fused (local.get 0)))
              (func (export "traps") (param i32) (result i32)
                (i32.div_u (i32.const 7) (local.get 0))))
            """;

    private static final CoreFeatures FEATURES = RuntimeConfig.defaults().coreFeatures();

    @Test
    void theCodeMadeAgainIsTheCodeValidationKeeps() {
        WasmModule module = decode(WAT);
        for (CodeOptions options : new CodeOptions[] {CodeOptions.NONE, new CodeOptions(true, true, true)}) {
            IrFunction[] kept = ModuleValidator.validate(decode(WAT), FEATURES, options, true);
            IrFunction[] sizes = ModuleValidator.validate(module, FEATURES, options, false);
            InternalCodeMaker maker = new InternalCodeMaker(module, FEATURES, options);
            assertEquals(kept.length, sizes.length);
            for (int d = 0; d < kept.length; d++) {
                assertTrue(kept[d].isKept());
                assertFalse(sizes[d].isKept(), "only the frame's sizes");
                assertEquals(kept[d].paramSlots(), sizes[d].paramSlots());
                assertEquals(kept[d].localSlots(), sizes[d].localSlots());
                assertEquals(kept[d].resultSlots(), sizes[d].resultSlots());
                assertEquals(kept[d].maxStackSlots(), sizes[d].maxStackSlots());
                IrFunction made = maker.make(module.importedFunctionCount() + d);
                assertArrayEquals(kept[d].code(), made.code(), "function " + d);
                assertArrayEquals(kept[d].offsets(), made.offsets());
                assertArrayEquals(kept[d].handlers(), made.handlers());
                assertEquals(kept[d].maxStackSlots(), made.maxStackSlots());
            }
        }
    }

    @Test
    void anInvalidBodyIsFoundWithoutKeepingTheCode() {
        byte[] binary = WatParser.parseModule("(module (func (result i32) (i32.const 1)))");
        // The body ends i32.const 1, end: made an i64.const, it no longer matches the result type.
        assertEquals(0x41, binary[binary.length - 3]);
        binary[binary.length - 3] = 0x42;
        WasmModule invalid = BinaryDecoder.decodeSections(binary, Encoding.of(FEATURES), false, false);
        assertThrows(InvalidModuleException.class, () -> ModuleValidator.validate(invalid, FEATURES, CodeOptions.NONE, false));
    }

    /** In the compiler tier, a function left to the interpreter runs from code made again, and traps where it should. */
    @Test
    void aFunctionLeftToTheInterpreterRunsFromCodeMadeAgain() {
        // 130 i64 parameters are 260 JVM slots, past a method's 255: the function stays in the interpreter.
        String wide = "(module (func $wide (param" + " i64".repeat(130) + ") (result i64)"
                + " (i64.div_u (local.get 129) (local.get 0)))"
                + " (func (export \"call\") (param i64) (result i64) (call $wide (local.get 0)"
                + " (i64.const 12)".repeat(129) + ")))";
        String[] messages = new String[2];
        int i = 0;
        for (RuntimeConfig config : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(wide));
                assertArrayEquals(new long[] {4}, m.exportedFunction("call").call(3));
                messages[i++] = assertThrows(TrapException.class, () -> m.exportedFunction("call").call(0)).getMessage();
            }
        }
        assertEquals(messages[0], messages[1], "the trap names the same function and offset in both tiers");
        assertTrue(messages[1].contains("divide by zero"), messages[1]);
    }

    private static WasmModule decode(String wat) {
        Encoding encoding = Encoding.of(FEATURES);
        return BinaryDecoder.decodeSections(WatParser.parse(wat, "", encoding).binary(), encoding, false, false);
    }
}
