package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.UninstantiableModuleException;
import dev.jazero.api.UnlinkableModuleException;
import dev.jazero.api.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public API end to end, on small text modules. */
class RuntimeTest {

    @Test
    void aMountOfAMissingDirectoryFailsAtInstantiationNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path missing = dir.resolve("srv/app");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("file"), "x");
        try (Runtime runtime = Runtime.create()) {
            CompiledModule module = runtime.compileModule("(module)");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime.instantiate(module,
                    ModuleConfig.defaults().withFSConfig(FSConfig.defaults().withDirMount(missing.toString(), "/app"))));
            assertEquals("cannot mount " + missing + " at /app: no such directory", e.getMessage());
            IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> runtime.instantiate(module,
                    ModuleConfig.defaults().withFSConfig(FSConfig.defaults().withReadOnlyDirMount(file.toString(), "/f"))));
            assertEquals("cannot mount " + file + " at /f: not a directory", f.getMessage());
            java.nio.file.Files.createDirectories(missing);
            runtime.instantiate(module, ModuleConfig.defaults().withFSConfig(FSConfig.defaults().withDirMount(missing.toString(), "/app")))
                    .close();
        }
    }

    @Test
    void compilesTextAndCallsExports() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule(
                    "(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"));
            assertArrayEquals(new long[] {5}, m.exportedFunction("add").call(2, 3));
            // i32 results are zero-extended in the host ABI.
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, m.exportedFunction("add").call(0, 0xFFFF_FFFFL));
            assertNull(m.exportedFunction("missing"));
        }
    }

    /** The interpreter stops at its call-depth limit; compiled code at the thread stack's end. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deepRecursionTrapsAndTheRuntimeStaysUsable(boolean compiler) {
        RuntimeConfig config = (compiler ? RuntimeConfig.compiler() : RuntimeConfig.interpreter()).withMaxCallDepth(1000);
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (func $f (export "f") (param i32) (result i32)
                        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                          (else (i32.add (i32.const 1) (call $f (i32.sub (local.get 0) (i32.const 1))))))))
                    """));
            TrapException e = assertThrows(TrapException.class,
                    () -> m.exportedFunction("f").call(compiler ? 100_000_000 : 1000));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.trapKind());
            assertTrue(e.getMessage().startsWith("call stack exhausted"));
            // f(999) nests 1,000 calls: the most the interpreter allows.
            assertArrayEquals(new long[] {999}, m.exportedFunction("f").call(999));
        }
    }

    @Test
    void hostFunctionsReceiveZeroExtendedValuesAndTheirFailuresBecomeTraps() {
        try (Runtime runtime = Runtime.create()) {
            long[] seen = new long[2];
            runtime.newHostModuleBuilder("env")
                    .newFunctionBuilder()
                    .withStackFunction(stack -> {
                        seen[0] = stack[0];
                        seen[1] = stack[1];
                        stack[0] = stack[0] + 1;
                    }, List.of(ValueType.I32, ValueType.F32), List.of(ValueType.I32))
                    .export("inc")
                    .newFunctionBuilder()
                    .withStackFunction(stack -> {
                        throw new IllegalStateException("boom");
                    }, List.of(), List.of())
                    .export("fail")
                    .instantiate();
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module
                      (import "env" "inc" (func $inc (param i32 f32) (result i32)))
                      (import "env" "fail" (func $fail))
                      (func (export "go") (result i32) (call $inc (i32.const -1) (f32.const -0.0)))
                      (func (export "fail") (call $fail)))
                    """));
            assertArrayEquals(new long[] {0}, m.exportedFunction("go").call());
            assertEquals(0xFFFF_FFFFL, seen[0]);
            assertEquals(0x8000_0000L, seen[1]);
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("fail").call());
            assertEquals(TrapKind.HOST_FUNCTION_FAILED, e.trapKind());
            assertEquals("boom", e.getCause().getMessage());
        }
    }

    @Test
    void memoryAccessIsCheckedAndGrowthFailsPastTheLimit() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withMemoryLimitPages(2))) {
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module (memory (export "mem") 1)
                      (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
                      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                    """));
            Memory mem = m.exportedMemory("mem");
            mem.writeInt(8, 42);
            assertArrayEquals(new long[] {42}, m.exportedFunction("load").call(4));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("load").call(65532));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, e.trapKind());
            // The effective address is 33 bits wide: it must not wrap around.
            assertThrows(TrapException.class, () -> m.exportedFunction("load").call(0xFFFF_FFFEL));
            assertArrayEquals(new long[] {1}, m.exportedFunction("grow").call(1));
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, m.exportedFunction("grow").call(1));
            assertEquals(2 * Memory.PAGE_SIZE, mem.size());
            assertThrows(TrapException.class, () -> mem.readLong(2 * Memory.PAGE_SIZE - 4));
        }
    }

    @InBothTiers
    void declaredSizesPastTheRuntimesLimitsFailToInstantiateAndGrowthStopsThere(RuntimeConfig tier) {
        RuntimeConfig config = tier.withMemoryLimitPages(4).withTableLimitElements(100)
                .withCoreFeatures(CoreFeatures.V2.with(CoreFeatures.MEMORY64));
        try (Runtime runtime = Runtime.create(config)) {
            // Valid modules, so they compile (as 3.0's "module definition" requires); no instance
            // of them can be made, and nothing is allocated for one.
            UninstantiableModuleException memory = assertThrows(UninstantiableModuleException.class,
                    () -> runtime.instantiate(runtime.compileModule("(module (memory 5))"), ModuleConfig.defaults().withName("m")));
            assertEquals("module m: memory 0: minimum of 5 pages exceeds this runtime's limit of 4 pages"
                    + " (RuntimeConfig.withMemoryLimitPages)", memory.getMessage());
            UninstantiableModuleException table = assertThrows(UninstantiableModuleException.class,
                    () -> runtime.instantiate(runtime.compileModule("(module (table 1 funcref) (table 101 externref))")));
            assertTrue(table.getMessage().contains("table 1: minimum of 101 elements exceeds this runtime's limit of 100"),
                    table.getMessage());
            // A hostile declaration fails before anything is allocated for it.
            CompiledModule hostile = runtime.compileModule("(module (table i64 0xffff_ffff_ffff_ffff funcref) (memory i64 0x1_0000_0000_0000))");
            UninstantiableModuleException huge = assertThrows(UninstantiableModuleException.class, () -> runtime.instantiate(hostile));
            assertTrue(huge.getMessage().contains("memory 0: minimum of 281474976710656 pages exceeds"), huge.getMessage());
            CompiledModule hostileTable = runtime.compileModule("(module (table i64 0xffff_ffff_ffff_ffff funcref))");
            huge = assertThrows(UninstantiableModuleException.class, () -> runtime.instantiate(hostileTable));
            assertTrue(huge.getMessage().contains("table 0: minimum of 18446744073709551615 elements exceeds"), huge.getMessage());
            Module m = runtime.instantiate(runtime.compileModule("""
                    (module (table 10 funcref) (memory 4)
                      (func (export "growTable") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
                      (func (export "growMemory") (param i32) (result i32) (memory.grow (local.get 0))))
                    """));
            assertArrayEquals(new long[] {10}, m.exportedFunction("growTable").call(90));
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, m.exportedFunction("growTable").call(1));
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, m.exportedFunction("growTable").call(0xFFFF_FFFFL));
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, m.exportedFunction("growMemory").call(1));
        }
        assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.compiler().withTableLimitElements(-1));
        assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.compiler().withTableLimitElements(1L << 31));
        assertEquals(RuntimeConfig.DEFAULT_TABLE_LIMIT_ELEMENTS, RuntimeConfig.compiler().tableLimitElements());
    }

    @Test
    void linkingChecksImports() {
        try (Runtime runtime = Runtime.create()) {
            runtime.instantiate(runtime.compileModule("(module (func (export \"f\") (param i32)))"),
                    ModuleConfig.defaults().withName("a"));
            assertThrows(UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module (import \"a\" \"f\" (func (param i64))))")));
            assertThrows(UnlinkableModuleException.class, () -> runtime.instantiate(runtime.compileModule(
                    "(module (import \"b\" \"f\" (func)))")));
            assertSame(runtime.module("a"), runtime.module("a"));
        }
    }

    @Test
    void aTrappingStartFunctionMakesTheModuleUninstantiable() {
        try (Runtime runtime = Runtime.create()) {
            UninstantiableModuleException e = assertThrows(UninstantiableModuleException.class, () ->
                    runtime.instantiate(runtime.compileModule("(module (func $s unreachable) (start $s))")));
            assertEquals(TrapKind.UNREACHABLE, e.trap().trapKind());
        }
    }

    @Test
    void invalidModulesNameTheFunctionAndOffset() {
        try (Runtime runtime = Runtime.create()) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class, () ->
                    runtime.compileModule("(module (func $bad (result i32) (i64.const 1)))"));
            assertTrue(e.getMessage().contains("type mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains("bad"), e.getMessage());
            assertTrue(e.getMessage().contains("offset 0x"), e.getMessage());
        }
    }

    @Test
    void deeplyNestedBlocksValidateAndRun() {
        int depth = 20_000;
        StringBuilder wat = new StringBuilder("(module (func (export \"f\") (result i32) ");
        wat.append("(block (result i32) ".repeat(depth));
        wat.append("(i32.const 7)");
        wat.append(")".repeat(depth));
        wat.append("))");
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule(wat.toString()));
            assertArrayEquals(new long[] {7}, m.exportedFunction("f").call());
        }
    }

    @Test
    void closedModulesRefuseCalls() {
        try (Runtime runtime = Runtime.create()) {
            Module m = runtime.instantiate(runtime.compileModule("(module (func (export \"f\")))"),
                    ModuleConfig.defaults().withName("m"));
            m.close();
            assertTrue(m.isClosed());
            assertNull(runtime.module("m"));
            assertThrows(dev.jazero.sys.ExitException.class, () -> m.exportedFunction("f").call());
        }
    }

    /** An instance registered under a second name links to modules that import from that name, sharing its state. */
    @Test
    void aRegisteredInstanceIsImportableUnderItsNewName() {
        try (Runtime runtime = Runtime.create(); Runtime other = Runtime.create()) {
            Module counter = runtime.instantiate(runtime.compileModule("""
                    (module (global $n (mut i32) (i32.const 0))
                      (func (export "next") (result i32)
                        (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))
                    """), ModuleConfig.defaults().withName("counter"));
            runtime.register("alias", counter);
            Module user = runtime.instantiate(runtime.compileModule("""
                    (module (import "alias" "next" (func $next (result i32)))
                      (func (export "twice") (result i32) (drop (call $next)) (call $next)))
                    """));
            assertArrayEquals(new long[] {1}, counter.exportedFunction("next").call());
            assertArrayEquals(new long[] {3}, user.exportedFunction("twice").call());
            assertSame(counter, runtime.module("alias"));
            assertSame(counter, runtime.module("counter"));
            assertThrows(IllegalArgumentException.class, () -> other.register("alias", counter));
            assertThrows(NullPointerException.class, () -> runtime.register(null, counter));
        }
    }
}
