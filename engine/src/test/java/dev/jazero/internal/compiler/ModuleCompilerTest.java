package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which functions the compiler takes, and that what it leaves out still runs. */
class ModuleCompilerTest {

    @Test
    void compilesOrdinarySimdAndHugeFunctions() {
        StringBuilder wat = new StringBuilder("(module (func $big (export \"big\") (param i32) (result i32) (local i32)");
        for (int i = 0; i < 3000; i++) {
            wat.append("(local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const ").append(i).append("))))");
        }
        wat.append("(local.get 1))");
        wat.append("(func $small (export \"small\") (result i32) (call $big (i32.const 1)))");
        wat.append("(func $vec (export \"vec\") (result i32) (i32x4.extract_lane 1 (v128.const i32x4 1 2 3 4)))");
        wat.append("(func $v (result v128) (v128.const i64x2 0 0))");
        wat.append("(func $callsV (export \"callsV\") (result i32) (drop (call $v)) (i32.const 5)))");
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat.toString());
            assertTrue(compiled.isCompiled(0), "a function past HotSpot's huge-method limit is split and compiled");
            assertTrue(compiled.isCompiled(1));
            assertTrue(compiled.isCompiled(2), "SIMD is compiled");
            assertTrue(compiled.isCompiled(3), "so is a function with a v128 result");
            assertTrue(compiled.isCompiled(4), "and one that handles a v128 from a call");
            Module m = runtime.instantiate(compiled);
            assertArrayEquals(new long[] {4498500}, m.exportedFunction("small").call());
            assertArrayEquals(new long[] {2}, m.exportedFunction("vec").call());
            assertArrayEquals(new long[] {5}, m.exportedFunction("callsV").call());
        }
    }

    /**
     * At the limit exactly: a method takes its parameters and the instance, and a call through a
     * handle adds the handle, so 253 i32 parameters fit in the JVM's 255 slots and 254 do not.
     */
    @Test
    void theParameterLimitIsExact() {
        StringBuilder wat = new StringBuilder("(module (table 2 funcref)");
        for (int n : new int[] {253, 254}) {
            wat.append(" (type $t").append(n).append(" (func (param").append(" i32".repeat(n)).append(") (result i32)))")
                    .append(" (func $f").append(n).append(" (type $t").append(n).append(")")
                    .append(" (i32.sub (local.get ").append(n - 1).append(") (local.get 0)))")
                    .append(" (elem (i32.const ").append(n - 253).append(") func $f").append(n).append(")");
            StringBuilder args = new StringBuilder();
            for (int i = 0; i < n; i++) {
                args.append(" (i32.const ").append(i * 2).append(")");
            }
            wat.append(" (func (export \"direct").append(n).append("\") (result i32) (call $f").append(n).append(args).append("))")
                    .append(" (func (export \"indirect").append(n).append("\") (result i32) (call_indirect (type $t")
                    .append(n).append(")").append(args).append(" (i32.const ").append(n - 253).append(")))");
        }
        wat.append(")");
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat.toString());
            assertTrue(compiled.isCompiled(0), "253 parameters fit");
            assertFalse(compiled.isCompiled(3), "254 do not");
            Module m = runtime.instantiate(compiled);
            for (int n : new int[] {253, 254}) {
                long expected = (n - 1) * 2;
                assertArrayEquals(new long[] {expected}, m.exportedFunction("direct" + n).call());
                assertArrayEquals(new long[] {expected}, m.exportedFunction("indirect" + n).call());
            }
        }
    }

    @Test
    void functionsPastTheJvmsParameterLimitRunInTheInterpreterAndCanBeCalled() {
        // 70 v128 parameters are 280 JVM slots, 130 i64 ones 260: past the JVM's 255.
        String v128s = "(param" + " v128".repeat(70) + ")";
        String i64s = "(param" + " i64".repeat(130) + ")";
        String wat = "(module (type $wide (func " + v128s + " (result i32)))"
                + " (import \"env\" \"wideHost\" (func $host " + i64s + " (result i64)))"
                + " (table funcref (elem $wide))"
                + " (func $wide (type $wide) (i32x4.extract_lane 3 (local.get 69)))"
                + " (func (export \"direct\") (result i32) (call $wide" + " (v128.const i32x4 1 2 3 4)".repeat(70) + "))"
                + " (func (export \"indirect\") (result i32) (call_indirect (type $wide)"
                + " (v128.const i32x4 5 6 7 8)".repeat(70) + " (i32.const 0)))"
                + " (func (export \"host\") (result i64) (call $host" + " (i64.const 3)".repeat(130) + ")))";
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            runtime.newHostModuleBuilder("env").newFunctionBuilder()
                    .withStackFunction(stack -> stack[0] = Arrays.stream(stack, 0, 130).sum(),
                            Collections.nCopies(130, ValueType.I64), List.of(ValueType.I64))
                    .export("wideHost").instantiate();
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat);
            assertFalse(compiled.isCompiled(1), "too wide for a JVM method");
            for (int f = 2; f <= 4; f++) {
                assertTrue(compiled.isCompiled(f), "its callers are compiled");
            }
            Module m = runtime.instantiate(compiled);
            assertArrayEquals(new long[] {4}, m.exportedFunction("direct").call());
            assertArrayEquals(new long[] {8}, m.exportedFunction("indirect").call());
            assertArrayEquals(new long[] {390}, m.exportedFunction("host").call());
        }
    }

    /**
     * Compiled code counts no calls: the thread's stack is its limit, whatever the interpreter's
     * limit says, and the overflow at the stack's end is the trap (docs/compiler.md).
     */
    @Test
    void recursionGoesAsDeepAsTheStackAllowsAndEndsInTheTrap() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withMaxCallDepth(500))) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (func $f (export "f") (param i32) (result i32)
                        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                          (else (i32.add (i32.const 1) (call $f (i32.sub (local.get 0) (i32.const 1))))))))
                    """));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(new long[] {2_000}, m.exportedFunction("f").call(2_000));
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("f").call(100_000_000));
                assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.trapKind());
            }
        }
    }

    @Test
    void multipleResultsAndIndirectCallsWork() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (type $pair (func (param i32) (result i32 i64)))
                      (type $other (func (param i32) (result i32)))
                      (table funcref (elem $p))
                      (func $p (type $pair) (local.get 0) (i64.extend_i32_s (i32.mul (local.get 0) (i32.const 2))))
                      (func (export "viaTable") (param i32) (result i64) (local $wide i64)
                        (call_indirect (type $pair) (local.get 0) (i32.const 0))
                        (local.set $wide)
                        (i64.add (i64.extend_i32_s) (local.get $wide)))
                      (func (export "bad") (drop (call_indirect (type $other) (i32.const 1) (i32.const 0)))))
                    """));
            assertArrayEquals(new long[] {-9}, m.exportedFunction("viaTable").call(0xFFFF_FFFDL));
            assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH,
                    assertThrows(TrapException.class, () -> m.exportedFunction("bad").call()).trapKind());
        }
    }

    @Test
    void trapsInCompiledCodeNameTheirFunctionsAndOffsetsAsTheInterpreterDoes() {
        String wat = "(module $M (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))"
                + " (func (export \"outer\") (result i32) (call $inner (i32.const 0))))";
        String[] messages = new String[2];
        RuntimeConfig[] tiers = {RuntimeConfig.interpreter(), RuntimeConfig.compiler()};
        for (int i = 0; i < 2; i++) {
            try (Runtime runtime = Runtime.create(tiers[i])) {
                Module m = runtime.instantiate(runtime.compileModule(wat));
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("outer").call());
                assertEquals(2, e.wasmStackTrace().size(), e.getMessage());
                assertTrue(e.wasmStackTrace().get(0).startsWith("M.inner(i32) i32, offset 0x"), e.getMessage());
                assertTrue(e.wasmStackTrace().get(1).startsWith("M.outer() i32, offset 0x"), e.getMessage());
                messages[i] = e.getMessage();
            }
        }
        assertEquals(messages[0], messages[1]);
    }

    @Test
    void offsetsPast64KiBOfCodeAreExactToo() {
        // Line numbers, which carry offsets, stop at 65,535: functions with more code than that
        // number their trap and call sites instead. Nops make such a function small in bytecode.
        String nops = " nop".repeat(70_000);
        String wat = "(module $M (func $inner" + nops + " nop unreachable)"
                + " (func (export \"outer\")" + nops + " call $inner))";
        String[] messages = new String[2];
        RuntimeConfig[] tiers = {RuntimeConfig.interpreter(), RuntimeConfig.compiler()};
        for (int i = 0; i < 2; i++) {
            try (Runtime runtime = Runtime.create(tiers[i])) {
                CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat);
                assertEquals(i == 1, compiled.isCompiled(0) && compiled.isCompiled(1));
                int inner = compiled.module().codes.get(0).codeOffset();
                int outer = compiled.module().codes.get(1).codeOffset();
                Module m = runtime.instantiate(compiled);
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("outer").call());
                assertEquals("M.inner(), offset 0x" + Integer.toHexString(inner + 70_001), e.wasmStackTrace().get(0));
                assertEquals("M.outer(), offset 0x" + Integer.toHexString(outer + 70_000), e.wasmStackTrace().get(1));
                messages[i] = e.getMessage();
            }
        }
        assertEquals(messages[0], messages[1]);
    }

    @Test
    void manyFunctionsCallEachOtherAcrossTheirClasses() {
        int n = 2500;
        int huge = 1010;
        StringBuilder wat = new StringBuilder("(module (func $f0 (result i32) (i32.const 0))");
        for (int i = 1; i < n; i++) {
            wat.append("(func $f").append(i).append(" (result i32)");
            if (i == huge) {
                // Split, and generated after its callers.
                wat.append(" (local i32)");
                wat.append("(local.set 0 (i32.add (local.get 0) (i32.const 1)))".repeat(3000));
                wat.append("(i32.add (call $f").append(i / 2).append(") (i32.sub (local.get 0) (i32.const 2999))))");
            } else {
                wat.append(" (i32.add (call $f").append(i / 2).append(") (i32.const 1)))");
            }
        }
        wat.append("(export \"last\" (func $f").append(n - 1).append("))");
        wat.append("(export \"viaHuge\" (func $f").append(2 * huge).append(")))");
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat.toString());
            assertTrue(compiled.isCompiled(huge), "split");
            assertTrue(compiled.isCompiled(n - 1));
            Module m = runtime.instantiate(compiled);
            int depth = 32 - Integer.numberOfLeadingZeros(n - 1);
            assertArrayEquals(new long[] {depth}, m.exportedFunction("last").call());
            assertArrayEquals(new long[] {32 - Integer.numberOfLeadingZeros(2 * huge)}, m.exportedFunction("viaHuge").call());
        }
    }
}
