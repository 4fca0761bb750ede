package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.CompilationCache;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A loop entered with values on the operand stack (its parameters, values under it) has a header
 * with an empty operand stack, which HotSpot needs to compile a long loop of a method called once
 * (on stack replacement): the values wait in locals, come back as branches leave the loop, and go
 * to the parameters' locals as branches come back to the header.
 */
class FreeLoopTest {

    private static final String MODULE = """
            (module
              (func (export "sum") (param $n i32) (result i32)
                (local $i i32)
                (i32.const 1000)
                (i32.const 0)
                (loop $l (param i32) (result i32)
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (i32.add (local.get $i))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (i32.add))
              (func (export "nested") (param $n i32) (result i32)
                (local $i i32) (local $j i32)
                (i32.const 7)
                (block $out (result i32)
                  (i32.const 100)
                  (loop $a (param i32) (result i32)
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (i32.const 50)
                    (i32.const 3)
                    (local.set $j (i32.const 0))
                    (loop $b (param i32) (result i32)
                      (local.set $j (i32.add (local.get $j) (i32.const 1)))
                      (i32.add (local.get $j))
                      (br_if $out (i32.and (i32.eq (local.get $i) (local.get $n)) (i32.eq (local.get $j) (i32.const 2))))
                      (br_if $b (i32.lt_u (local.get $j) (i32.const 4))))
                    (i32.add)
                    (i32.add)
                    (br_if $out (i32.gt_u (local.get $i) (i32.const 1000000)))
                    (br $a)))
                (i32.add))
              (func $countdown (export "countdown") (param $n i32) (result i32)
                (i32.const 7)
                (loop (result i32)
                  (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
                  (return_call $countdown (i32.sub (local.get $n) (i32.const 1))))
                (i32.add))
              (func (export "table") (param $n i32) (result i32)
                (local $i i32)
                (i32.const 1)
                (loop $l (result i32)
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (block $done
                    (block $again
                      (br_table $again $done (i32.ge_u (local.get $i) (local.get $n)))))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n)))
                  (local.get $i))
                (i32.add)))
            """;

    @Test
    void bothTiersAgree() {
        for (RuntimeConfig tier : new RuntimeConfig[] {RuntimeConfig.compiler(), RuntimeConfig.interpreter()}) {
            try (Runtime runtime = Runtime.create(tier)) {
                Module m = runtime.instantiate(runtime.compileModule(MODULE));
                assertEquals(1055, call(m, "sum", 10));
                assertEquals((1000 + 2_000_001_000_000L) % (1L << 32), call(m, "sum", 2_000_000) & 0xFFFF_FFFFL);
                // Out of the inner loop, across both, to the block with a value under it.
                assertEquals(13, call(m, "nested", 1));
                assertEquals(13, call(m, "nested", 5));
                // Out of the outer loop after a million iterations: 7 + 100 + 63 * 1,000,001.
                assertEquals(63_000_170, call(m, "nested", 2_000_000));
                assertEquals(11, call(m, "table", 10));
                // A tail call of the function itself from a loop with a value under it.
                assertEquals(1, call(m, "countdown", 100_000));
            }
        }
    }

    private static long call(Module m, String name, long arg) {
        return m.exportedFunction(name).call(arg)[0];
    }

    @Test
    void everyLoopHeaderHasAnEmptyOperandStack() {
        // With a compilation cache, every class is generated up front, where its bytes can be read.
        try (CompilationCache cache = CompilationCache.inMemory();
                Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(MODULE);
            CompiledClasses classes = (CompiledClasses) compiled.moduleCode();
            assertTrue(classes.isComplete());
            List<String> nonEmpty = new ArrayList<>();
            int headers = 0;
            for (byte[] bytes : classes.classBytes()) {
                headers += backwardTargets(bytes, nonEmpty);
            }
            assertEquals(5, headers, "the loops' headers");
            assertEquals(List.of(), nonEmpty);
        }
    }

    /**
     * Counts the targets of backward jumps in a class and lists those whose stack map frame has
     * values on the operand stack, as HotSpot's on-stack replacement refuses them.
     */
    private static int backwardTargets(byte[] bytes, List<String> nonEmpty) {
        int[] count = {0};
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                Map<Label, Integer> stackAt = new HashMap<>();
                return new MethodVisitor(Opcodes.ASM9) {
                    private Label last;

                    @Override
                    public void visitLabel(Label label) {
                        last = label;
                    }

                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        if (last != null) {
                            stackAt.put(last, numStack);
                        }
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label target) {
                        Integer stack = stackAt.get(target);
                        if (stack != null) {
                            count[0]++;
                            if (stack != 0) {
                                nonEmpty.add(name + ": " + stack + " values at a loop header");
                            }
                        }
                    }
                };
            }
        }, ClassReader.EXPAND_FRAMES);
        return count[0];
    }
}
