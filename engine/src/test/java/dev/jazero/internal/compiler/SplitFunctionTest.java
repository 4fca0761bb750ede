package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.experimental.FunctionListener;
import dev.jazero.experimental.StackIterator;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import dev.jazero.sys.ExitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Functions too large for one JIT-compiled JVM method are split into several: each shape here
 * passes HotSpot's 8,000-byte limit, must be compiled, split, and run exactly as the interpreter
 * runs it (results, traps with their messages and stack traces, memory).
 */
public class SplitFunctionTest {

    /** A statement of about 20 bytes of bytecode that changes {@code $acc}; {@code k} varies it. */
    private static String step(int k) {
        return switch (k % 4) {
            case 0 -> "(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const " + k + ")))";
            case 1 -> "(local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (i32.const " + (k % 31 + 1) + "))))";
            case 2 -> "(local.set $acc (i32.rotl (local.get $acc) (i32.const " + (k % 31) + ")))";
            default -> "(local.set $acc (i32.sub (local.get $acc) (i32.const " + (k * 7) + ")))";
        };
    }

    private static String steps(int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(step(from + i)).append('\n');
        }
        return sb.toString();
    }

    /** One call to make in both tiers. */
    private record Call(String name, long... args) {
    }

    /** Calls of export {@code f}, one with each i32 parameter (as the host ABI passes it, zero-extended). */
    private static Call[] callsOfF(int... params) {
        Call[] calls = new Call[params.length];
        for (int i = 0; i < params.length; i++) {
            calls[i] = new Call("f", params[i] & 0xFFFF_FFFFL);
        }
        return calls;
    }

    /**
     * Runs the calls in both tiers and compares everything; in the compiler, every function is
     * compiled and those named in {@code split} are split. Returns what happened, per call.
     */
    private static List<String> agree(String wat, int[] split, Call... calls) {
        return agree(wat, RuntimeConfig.interpreter(), RuntimeConfig.compiler(), split, calls);
    }

    private static List<String> agree(String wat, RuntimeConfig interpreter, RuntimeConfig compiler, int[] split,
            Call... calls) {
        List<String> reference = run(wat, interpreter, null, calls);
        List<String> compiled = run(wat, compiler, split, calls);
        assertEquals(reference, compiled);
        return compiled;
    }

    private static List<String> run(String wat, RuntimeConfig config, int[] split, Call... calls) {
        List<String> out = new ArrayList<>();
        try (Runtime runtime = Runtime.create(config)) {
            hostModule(runtime);
            CompiledModuleImpl module = (CompiledModuleImpl) runtime.compileModule(wat);
            if (split != null) {
                int imported = module.module().importedFunctionCount();
                for (int f = imported; f < module.module().functionCount(); f++) {
                    assertTrue(module.isCompiled(f), "function " + f + " is compiled");
                }
                Set<String> methods = methods(module);
                for (int f : split) {
                    assertTrue(methods.contains("f" + f) && methods.contains("f" + f + "$1"), "function " + f + " is split: " + methods);
                }
            }
            Module m = runtime.instantiate(module);
            for (Call c : calls) {
                try {
                    out.add(c.name() + Arrays.toString(c.args()) + " -> " + Arrays.toString(m.exportedFunction(c.name()).call(c.args())));
                } catch (TrapException e) {
                    out.add(c.name() + Arrays.toString(c.args()) + " trapped: " + e.getMessage());
                }
            }
            Memory memory = m.memory();
            if (memory != null) {
                out.add("memory " + Arrays.hashCode(memory.read(0, (int) memory.size())));
            }
        }
        return out;
    }

    private static void hostModule(Runtime runtime) {
        runtime.newHostModuleBuilder("env").newFunctionBuilder()
                .withStackFunction(stack -> stack[0] = stack[0] * 3 + 1, List.of(dev.jazero.api.ValueType.I32),
                        List.of(dev.jazero.api.ValueType.I32))
                .export("host").instantiate();
    }

    /** The names of the methods of the module's classes, defining them. */
    public static Set<String> methods(CompiledModuleImpl module) {
        Set<String> names = new TreeSet<>();
        CompiledClasses classes = (CompiledClasses) module.moduleCode();
        for (int f = module.module().importedFunctionCount(); f < module.module().functionCount(); f++) {
            if (classes.isCompiled(f)) {
                for (java.lang.reflect.Method m : classes.code(f).getClass().getDeclaredMethods()) {
                    names.add(m.getName());
                }
            }
        }
        return names;
    }

    @Test
    void straightLineCode() {
        String wat = "(module (func (export \"f\") (param $p i32) (result i32) (local $acc i32)"
                + " (local.set $acc (local.get $p))" + steps(0, 3000) + " (local.get $acc)))";
        agree(wat, new int[] {0}, new Call("f", 1), new Call("f", 12345));
    }

    /**
     * A split function's frame is given back when it returns and taken by its next call: that
     * call still finds its locals zero ($seen reads one before any write), a recursive call gets
     * a frame of its own, and a trap loses the frame and nothing else.
     */
    @Test
    void aFrameGivenBackStartsTheNextCallZeroed() {
        String wat = "(module (func $f (export \"f\") (param $p i32) (result i32) (local $acc i32) (local $seen i32)"
                + " (local.set $seen (local.get $acc))"
                + " (local.set $acc (local.get $p))" + steps(0, 3000)
                + " (if (i32.gt_u (local.get $p) (i32.const 1000)) (then (local.set $acc (i32.add (local.get $acc)"
                + "   (call $f (i32.sub (local.get $p) (i32.const 1000)))))))"
                + " (if (i32.eq (local.get $p) (i32.const 7)) (then unreachable))"
                + " (i32.add (local.get $acc) (i32.mul (local.get $seen) (i32.const 1000003)))))";
        agree(wat, new int[] {0}, callsOfF(1, 1, 7, 1, 3500, 3500, 2));
    }

    /** A call takes the frame the last call gave back: one frame serves every call in turn. */
    @Test
    void aCallTakesTheFrameTheLastCallGaveBack() {
        String wat = "(module (func (export \"f\") (param $p i32) (result i32) (local $acc i32)"
                + " (local.set $acc (local.get $p))" + steps(0, 3000) + " (local.get $acc)))";
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            dev.jazero.internal.runtime.ModuleInstance instance = (dev.jazero.internal.runtime.ModuleInstance) m;
            long first = m.exportedFunction("f").call(5)[0];
            Object frame = instance.splitFrames[0];
            assertTrue(frame instanceof long[], "the frame was given back");
            assertEquals(first, m.exportedFunction("f").call(5)[0]);
            assertTrue(instance.splitFrames[0] == frame, "the second call used it and gave it back");
        }
    }

    /** The references' frame given back starts the next call with its references null. */
    @Test
    void aReferencesFrameGivenBackStartsTheNextCallNull() {
        String wat = "(module (func (export \"f\") (param $p i32) (result i32) (local $acc i32) (local $r anyref)"
                + " (local $seen i32)"
                + " (local.set $seen (ref.is_null (local.get $r)))"
                + " (local.set $acc (local.get $p))" + steps(0, 3000)
                + " (local.set $r (ref.i31 (local.get $acc)))"
                + " (i32.add (local.get $acc) (i32.mul (local.get $seen) (i32.const 1000003)))))";
        agree(wat, new int[] {0}, callsOfF(1, 2, 3));
    }

    /** Calls of one split function on two threads at once never share a frame. */
    @Test
    void callsOnTwoThreadsHaveFramesOfTheirOwn() throws Exception {
        String wat = "(module (func (export \"f\") (param $p i32) (result i32) (local $acc i32)"
                + " (local.set $acc (local.get $p))" + steps(0, 3000) + " (local.get $acc)))";
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            dev.jazero.api.Function f = m.exportedFunction("f");
            long[] expected = new long[64];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = f.call(i)[0];
            }
            java.util.concurrent.atomic.AtomicReference<String> wrong = new java.util.concurrent.atomic.AtomicReference<>();
            Runnable calls = () -> {
                for (int round = 0; round < 200 && wrong.get() == null; round++) {
                    for (int i = 0; i < expected.length; i++) {
                        long got = f.call(i)[0];
                        if (got != expected[i]) {
                            wrong.set("f(" + i + ") = " + got + ", expected " + expected[i]);
                        }
                    }
                }
            };
            Thread a = new Thread(calls);
            Thread b = new Thread(calls);
            a.start();
            b.start();
            a.join();
            b.join();
            assertEquals(null, wrong.get());
        }
    }

    /** Generating a function as one method stops once its bytecode passes the limit given, not at its end. */
    @Test
    void generatingWholeStopsOncePastTheSizeLimit() {
        String wat = "(module (func (param i32) (result i32) " + "(drop (i32.div_s (local.get 0) (i32.const 3))) ".repeat(1_000)
                + "(local.get 0)))";
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            dev.jazero.internal.wasm.WasmModule module = ((CompiledModuleImpl) runtime.compileModule(wat)).module();
            int whole = generateWhole(module, 0);
            assertTrue(whole > 4_000, "the method takes " + whole + " bytes");
            assertEquals(whole, generateWhole(module, whole));
            assertThrows(FunctionCompiler.TooLarge.class, () -> generateWhole(module, 1_000));
        }
    }

    /** Generates function 0 as one method with the size limit ({@code 0}: none); returns its bytes of bytecode. */
    private static int generateWhole(dev.jazero.internal.wasm.WasmModule module, int limit) {
        org.objectweb.asm.ClassWriter cw = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL, "T", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "f0", JvmTypes.descriptor(module.functionType(0)), null, null);
        FunctionCompiler compiler = new FunctionCompiler(module, 0, "T", mv, dev.jazero.internal.ir.CodeOptions.NONE);
        compiler.limitSize(limit);
        compiler.compile();
        cw.visitEnd();
        return MethodSizes.of(cw.toByteArray()).get("f0");
    }

    /**
     * Under 4,000 bytes of WebAssembly, so generated whole first (on the thread that compiles
     * the module), but its calls and unsigned compares take more than twice as many bytes of
     * bytecode: generating stops once the method passes the limit, and the function is split on
     * a generating thread.
     */
    @Test
    void aFunctionFoundTooLargeOnlyOnceGeneratedIsSplitToo() {
        StringBuilder sb = new StringBuilder("(module (func $g (param i32) (result i32) (i32.xor (local.get 0) (i32.const 5)))"
                + " (func (export \"f\") (param $p i32) (result i32) (local $acc i32) (local.set $acc (local.get $p))\n");
        for (int i = 0; i < 430; i++) {
            sb.append("(local.set $acc (call $g (i32.lt_u (local.get $acc) (local.get $p))))\n");
        }
        sb.append("(local.get $acc)))");
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl module = (CompiledModuleImpl) runtime.compileModule(sb.toString());
            int size = module.module().codes.get(1).code().length;
            assertTrue(size > 3_500 && size < 4_000, "the function's code is " + size + " bytes");
            ModuleCompiler compiler = ((CompiledClasses) module.moduleCode()).compiler();
            assertTrue(compiler.generate(1, false) == ModuleCompiler.Generated.NEEDS_DEEP_STACK,
                    "found too large by compileModule, it is split on a generating thread, not on the caller's");
        }
        agree(sb.toString(), new int[] {1}, new Call("f", 1), new Call("f", 6));
    }

    /**
     * Blocks nested 80 deep with code before and after each inner block; branches with values
     * out of each level to a level far out, and values on the stack under every inner block.
     */
    @Test
    void deeplyNestedBlocksWithBranchesCarryingValues() {
        int depth = 80;
        StringBuilder sb = new StringBuilder("(module (func (export \"f\") (param $p i32) (result i32) (local $acc i32)"
                + " (local.set $acc (local.get $p))\n");
        for (int k = 0; k < depth; k++) {
            sb.append("(block $L").append(k).append(" (result i32)\n").append(steps(k * 10, 10));
            sb.append("(br_if $L").append(k / 2).append(" (i32.add (local.get $acc) (i32.const ").append(k)
                    .append(")) (i32.eq (i32.and (local.get $p) (i32.const 127)) (i32.const ").append(k).append(")))\n");
            sb.append("drop\n");
        }
        sb.append("(local.get $acc)\n");
        for (int k = depth - 1; k >= 0; k--) {
            sb.append(steps(k * 7, 6)).append("(i32.const ").append(k).append(") i32.add)\n");
        }
        sb.append("))");
        Call[] calls = new Call[20];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new Call("f", i * 7 + 1);
        }
        agree(sb.toString(), new int[] {0}, calls);
    }

    /**
     * An interpreter loop: a br_table in a nest of blocks, one per opcode, with each case after
     * its block's end, looping back; the cases use memory and call other functions.
     */
    static String interpreterLoop(int cases, int stepsPerCase) {
        StringBuilder sb = new StringBuilder("""
                (module
                  (import "env" "host" (func $host (param i32) (result i32)))
                  (type $t (func (param i32) (result i32)))
                  (memory 1)
                  (table funcref (elem $helper $host))
                  (func $helper (param i32) (result i32) (i32.add (local.get 0) (i32.const 17)))
                  (func $run (export "run") (param $n i32) (result i32) (local $pc i32) (local $acc i32) (local $steps i32)
                    (loop $next
                      (block $exit
                """);
        for (int c = cases - 1; c >= 0; c--) {
            sb.append("(block $c").append(c).append('\n');
        }
        sb.append("(br_table");
        for (int c = 0; c < cases; c++) {
            sb.append(" $c").append(c);
        }
        sb.append(" $c0 (i32.rem_u (i32.add (local.get $pc) (i32.load8_u (i32.and (local.get $acc) (i32.const 1023))))"
                + " (i32.const ").append(cases + 1).append(")))\n");
        for (int c = 0; c < cases; c++) {
            sb.append(")\n");
            sb.append(steps(c * 13, stepsPerCase));
            switch (c % 5) {
                case 0 -> sb.append("(i32.store (i32.and (local.get $pc) (i32.const 1020)) (local.get $acc))\n");
                case 1 -> sb.append("(local.set $acc (call $helper (local.get $acc)))\n");
                case 2 -> sb.append("(local.set $acc (call_indirect (type $t) (local.get $acc) (i32.and (local.get $pc) (i32.const 1))))\n");
                case 3 -> sb.append("(i32.store8 (i32.and (local.get $acc) (i32.const 1023)) (local.get $pc))\n");
                default -> sb.append("(local.set $acc (i32.add (local.get $acc) (i32.load (i32.and (local.get $acc) (i32.const 1020)))))\n");
            }
            sb.append("(local.set $pc (i32.add (local.get $pc) (i32.const ").append(c % 7 + 1).append(")))\n");
            sb.append("(local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n");
            sb.append("(br_if $next (i32.lt_u (local.get $steps) (local.get $n)))\n");
            sb.append("(br $exit)\n");
        }
        sb.append("))\n(i32.add (local.get $acc) (local.get $steps))))");
        return sb.toString();
    }

    @Test
    void interpreterLoopWithABrTableSwitch() {
        agree(interpreterLoop(60, 12), new int[] {2}, new Call("run", 1), new Call("run", 1000), new Call("run", 20000));
    }

    @Test
    void multiValueBlocksAndReturnsFromDeepInside() {
        StringBuilder sb = new StringBuilder("(module (func (export \"f\") (param $p i32) (result i64 i32) (local $acc i32)"
                + " (local.set $acc (local.get $p))\n");
        sb.append("(i64.const 5) (i32.const 7)\n");
        int depth = 30;
        for (int k = 0; k < depth; k++) {
            sb.append("(block $B").append(k).append(" (param i64 i32) (result i64 i32)\n").append(steps(k * 3, 25));
            sb.append("(if (i32.eq (local.get $p) (i32.const ").append(k).append(")) (then")
                    .append(" (return (i64.extend_i32_u (local.get $acc)) (i32.const ").append(k).append("))))\n");
            sb.append("(if (i32.eq (local.get $p) (i32.const ").append(100 + k).append(")) (then")
                    .append(" (br $B").append(k / 3).append(" (i64.const ").append(k).append(") (local.get $acc))))\n");
            // The block's two values stay on the stack under the code that follows.
        }
        sb.append("(i32.add (local.get $acc))\n");
        for (int k = depth - 1; k >= 0; k--) {
            sb.append(steps(k * 11, 20)).append(")\n");
        }
        sb.append("))");
        Call[] calls = callsOfF(0, 1, 7, 29, 30, 100, 104, 129, 500);
        agree(sb.toString(), new int[] {0}, calls);
    }

    @Test
    void v128ValuesInLocalsBlocksAndBranches() {
        StringBuilder sb = new StringBuilder("(module (func (export \"f\") (param $p i32) (result v128 i32) (local $acc i32) (local $v v128)"
                + " (local.set $acc (local.get $p)) (local.set $v (i32x4.splat (local.get $p)))\n");
        int depth = 50;
        for (int k = 0; k < depth; k++) {
            sb.append("(block $V").append(k).append(" (result v128)\n").append(steps(k * 5, 8));
            sb.append("(local.set $v (i32x4.add (local.get $v) (v128.const i32x4 ").append(k).append(" 2 3 ")
                    .append(k * 3).append(")))\n");
            sb.append("(local.set $v (i8x16.shuffle 1 0 3 2 5 4 7 6 9 8 11 10 13 12 15 14 (local.get $v) (local.get $v)))\n");
            sb.append("(br_if $V").append(k / 2).append(" (local.get $v) (i32.eq (local.get $p) (i32.const ").append(k).append(")))\n");
            sb.append("(if (i32.eq (local.get $p) (i32.const ").append(50 + k).append(")) (then (return (local.get $v) (local.get $acc))))\n");
            sb.append("drop\n");
        }
        sb.append("(local.get $v)\n");
        for (int k = depth - 1; k >= 0; k--) {
            sb.append(steps(k * 11, 6)).append("(i64x2.add (v128.const i64x2 1 ").append(k).append("))\n)\n");
        }
        sb.append("(local.get $acc)))");
        Call[] calls = callsOfF(0, 3, 24, 25, 50, 60, 74, 99);
        agree(sb.toString(), new int[] {0}, calls);
    }

    /**
     * References and exception handling in a split function: a struct and an exception in locals
     * (an {@code Object[]} beside the frame), try_table and legacy try blocks whose handlers are
     * in pieces, catches that branch out of their piece.
     */
    @Test
    void referencesAndExceptionsInPieces() {
        StringBuilder sb = new StringBuilder("""
                (module
                  (type $box (struct (field (mut i32))))
                  (tag $e (param i32))
                  (func $thrower (param i32) (result i32)
                    (if (i32.eq (local.get 0) (i32.const 13)) (then (throw $e (i32.const 99))))
                    (local.get 0))
                  (func (export "f") (param $p i32) (result i32) (local $acc i32) (local $b (ref null $box))
                    (local.set $acc (local.get $p))
                    (local.set $b (struct.new $box (local.get $p)))
                """);
        int depth = 30;
        for (int k = 0; k < depth; k++) {
            sb.append("(block $B").append(k).append(" (result i32)\n").append(steps(k * 5, 14));
            sb.append("(struct.set $box 0 (local.get $b) (i32.add (struct.get $box 0 (local.get $b)) (local.get $acc)))\n");
            sb.append("(local.set $acc (i32.add (local.get $acc) (block $h (result i32) (try_table (result i32) (catch $e $h)"
                    + " (call $thrower (i32.add (local.get $p) (i32.const ").append(k).append(")))))))\n");
            sb.append("(try (do (drop (call $thrower (i32.sub (local.get $p) (i32.const ").append(k)
                    .append("))))) (catch $e (local.set $acc (i32.xor (local.get $acc)))))\n");
            sb.append("(br_if $B").append(k / 2).append(" (local.get $acc) (i32.eq (local.get $p) (i32.const ")
                    .append(k + 30).append(")))\ndrop\n");
            sb.append("(block $x (result i32) (try_table (result i32) (catch $e $B").append(k / 2)
                    .append(") (call $thrower (i32.sub (local.get $p) (i32.const ").append(40 + k).append("))))) drop\n");
        }
        sb.append("(struct.get $box 0 (local.get $b))\n");
        for (int k = depth - 1; k >= 0; k--) {
            sb.append(steps(k * 11, 4)).append("(i32.add (i32.const ").append(k).append("))\n)\n");
        }
        sb.append("(local.get $acc) (i32.add)))");
        Call[] calls = callsOfF(0, 3, 13, 20, 31, 45, 53, 60, 69, 99);
        agree(sb.toString(), new int[] {1}, calls);
    }

    /**
     * A catch whose label is outside the piece that holds its try_table, with no branch there
     * besides: the piece leaves for that label, which its caller must know it may.
     */
    @Test
    void aCatchLeavesItsPiece() {
        StringBuilder sb = new StringBuilder("""
                (module
                  (tag $e (param i32))
                  (func $thrower (param i32) (result i32)
                    (if (i32.eq (local.get 0) (i32.const 13)) (then (throw $e (i32.const 99))))
                    (local.get 0))
                  (func (export "f") (param $p i32) (result i32) (local $acc i32)
                    (local.set $acc (local.get $p))
                    (block $h (result i32)
                """);
        for (int k = 0; k < 100; k++) {
            sb.append(steps(k * 5, 10));
            sb.append("(drop (try_table (result i32) (catch $e $h) (call $thrower (i32.add (local.get $p) (i32.const ")
                    .append(k).append(")))))\n");
        }
        sb.append("(local.get $acc))\n(i32.const 1000) (i32.add)))");
        Call[] calls = callsOfF(-46, -30, -26, -10, 0, 5, 13, 14);
        List<String> results = agree(sb.toString(), new int[] {1}, calls);
        assertTrue(results.contains("f[0] -> [1099]"), results.toString());
    }

    /** A trap deep in a split function: same message, offset and one frame per call as in the interpreter. */
    @Test
    void trapsDeepInsideNameTheFunctionOnceWithTheRightOffset() {
        String wat = trapping("");
        Call[] calls = callsOfF(0, 1, 20, 39, 100, 120, 139, 1000, 5000);
        List<String> out = agree(wat, new int[] {0}, calls);
        assertTrue(out.get(0).contains("trapped: integer divide by zero"), out.get(0));
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            for (long p : new long[] {0, 39, 139, 1000}) {
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("f").call(p));
                assertEquals(2, e.wasmStackTrace().size(), e.getMessage());
                assertTrue(e.wasmStackTrace().get(0).startsWith("M.big(i32) i32, offset 0x"), e.getMessage());
            }
        }
    }

    /**
     * A split function of more than 64 KiB of code, whose line numbers index a table of sites
     * that all its methods share, traps at the same offsets when it comes from a cache directory.
     */
    @Test
    void splitFunctionsPast64KiBOfCodeAndFromTheCache(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String wat = trapping(" nop".repeat(70_000));
        Call[] calls = {new Call("f", 0), new Call("f", 39), new Call("f", 139), new Call("f", 1000), new Call("f", 7)};
        List<String> reference = agree(wat, new int[] {0}, calls);
        for (int i = 0; i < 2; i++) {
            try (dev.jazero.CompilationCache cache = dev.jazero.CompilationCache.directory(dir)) {
                assertEquals(reference, run(wat, RuntimeConfig.compiler().withCompilationCache(cache), new int[] {0}, calls));
            }
            try (var files = java.nio.file.Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.toString().endsWith(".jzc")).count(), "one entry, written once, then read");
            }
        }
    }

    /** A function 40 blocks deep with traps at many depths, called from another. */
    private static String trapping(String prefix) {
        StringBuilder sb = new StringBuilder("(module $M (memory 1) (func $big (param $p i32) (result i32) (local $acc i32)"
                + prefix + " (local.set $acc (local.get $p))\n");
        int depth = 40;
        for (int k = 0; k < depth; k++) {
            sb.append("(block\n").append(steps(k * 3, 10));
            sb.append("(if (i32.eq (local.get $p) (i32.const ").append(k).append(")) (then (local.set $acc (i32.div_u (local.get $acc) (i32.const 0)))))\n");
            sb.append("(if (i32.eq (local.get $p) (i32.const ").append(100 + k).append(")) (then (local.set $acc (i32.load (i32.const 65536)))))\n");
        }
        sb.append("(if (i32.eq (local.get $p) (i32.const 1000)) (then unreachable))\n");
        for (int k = depth - 1; k >= 0; k--) {
            sb.append(steps(k * 11, 10)).append(")\n");
        }
        sb.append("(local.get $acc))\n");
        sb.append("(func (export \"f\") (param i32) (result i32) (i32.add (i32.const 1) (call $big (local.get 0)))))");
        return sb.toString();
    }

    /**
     * Recursion through a split function ends in the trap: at the interpreter's call depth limit,
     * or where compiled code runs out of stack, in a piece as at the start.
     */
    @Test
    void deepRecursionThroughASplitFunction() {
        StringBuilder sb = new StringBuilder("(module (func $r (export \"r\") (param $p i32) (result i32) (local $acc i32)"
                + " (local.set $acc (local.get $p))\n");
        int depth = 20;
        for (int k = 0; k < depth; k++) {
            sb.append("(block\n").append(steps(k * 3, 25));
        }
        sb.append("(if (local.get $p) (then (local.set $acc (i32.add (local.get $acc) (call $r (i32.sub (local.get $p) (i32.const 1)))))))\n");
        for (int k = depth - 1; k >= 0; k--) {
            sb.append(steps(k * 11, 25)).append(")\n");
        }
        sb.append("(local.get $acc)))");
        String wat = sb.toString();
        RuntimeConfig interpreter = RuntimeConfig.interpreter().withMaxCallDepth(400);
        agree(wat, interpreter, RuntimeConfig.compiler(), new int[] {0}, new Call("r", 10), new Call("r", 399));
        for (RuntimeConfig config : new RuntimeConfig[] {interpreter, RuntimeConfig.compiler()}) {
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(wat));
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("r").call(1_000_000));
                assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.trapKind());
                assertEquals(m.exportedFunction("r").call(300)[0], runtime.instantiate(runtime.compileModule(wat))
                        .exportedFunction("r").call(300)[0]);
            }
        }
    }

    /** If and else with large bodies, loops with parameters, select and calls in pieces. */
    @Test
    void largeIfElseAndLoopsWithParameters() {
        StringBuilder sb = new StringBuilder("""
                (module (import "env" "host" (func $host (param i32) (result i32)))
                  (func $g (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
                  (func (export "f") (param $p i32) (result i32) (local $acc i32) (local $i i32)
                    (local.set $acc (local.get $p))
                """);
        for (int k = 0; k < 6; k++) {
            sb.append("(if (result i32) (i32.and (local.get $p) (i32.const ").append(1 << k).append("))\n(then\n")
                    .append(steps(k * 100, 150)).append("(call $host (local.get $acc)))\n(else\n")
                    .append(steps(k * 100 + 50, 150)).append("(call $g (local.get $acc) (local.get $p))))\n");
            sb.append("(local.set $i (i32.const 3))\n");
            sb.append("(loop $l (param i32) (result i32)\n").append(steps(k * 7, 40))
                    .append("(local.set $i (i32.sub (local.get $i) (i32.const 1)))\n")
                    .append("(i32.add (local.get $acc))\n")
                    .append("(br_if $l (local.get $i))\n")
                    .append(")\n(local.set $acc (i32.add (select (local.get $acc) (i32.const 0) (i32.const ").append(k).append("))))\n");
        }
        sb.append("(local.get $acc)))");
        List<Call> calls = new ArrayList<>();
        for (int p = 0; p < 64; p += 5) {
            calls.add(new Call("f", p));
        }
        agree(sb.toString(), new int[] {2}, calls.toArray(Call[]::new));
    }

    /** Listeners hear one call of a split function, whichever piece it returns or traps in; cancellation stops it. */
    @Test
    void listenersAndCancellationSeeOneCall() {
        String wat = interpreterLoop(60, 12).replace(
                "(func $helper (param i32) (result i32) (i32.add (local.get 0) (i32.const 17)))",
                "(func $helper (param i32) (result i32) (if (i32.eq (local.get 0) (i32.const -1)) (then unreachable))"
                        + " (i32.add (local.get 0) (i32.const 17)))");
        List<List<String>> heard = new ArrayList<>();
        for (RuntimeConfig tier : new RuntimeConfig[] {RuntimeConfig.interpreter(), RuntimeConfig.compiler()}) {
            List<String> events = new ArrayList<>();
            RuntimeConfig config = tier.withCloseOnCancel(true).withFunctionListenerFactory(definition -> new FunctionListener() {
                @Override
                public void before(dev.jazero.api.Module module, FunctionDefinition d, long[] params, StackIterator stack) {
                    if (d.name() != null && d.name().equals("run")) {
                        events.add("before " + Arrays.toString(params));
                    }
                }

                @Override
                public void after(dev.jazero.api.Module module, FunctionDefinition d, long[] results) {
                    if (d.name() != null && d.name().equals("run")) {
                        events.add("after " + Arrays.toString(results));
                    }
                }

                @Override
                public void abort(dev.jazero.api.Module module, FunctionDefinition d, Throwable cause) {
                    if (d.name() != null && d.name().equals("run")) {
                        events.add("abort " + cause.getClass().getSimpleName());
                    }
                }
            });
            try (Runtime runtime = Runtime.create(config)) {
                hostModule(runtime);
                CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(wat);
                if (tier.isCompiler()) {
                    assertTrue(methods(compiled).contains("f2$1"));
                }
                Module m = runtime.instantiate(compiled);
                events.add(Arrays.toString(m.exportedFunction("run").call(5000)));
                ExitException e = assertThrows(ExitException.class,
                        () -> m.exportedFunction("run").call(Duration.ofMillis(200), Integer.MAX_VALUE));
                assertEquals(ExitException.DEADLINE_EXCEEDED, e.exitCode());
            }
            heard.add(events);
        }
        assertEquals(heard.get(0), heard.get(1));
        assertEquals(5, heard.get(1).size(), heard.get(1).toString());
    }
}
