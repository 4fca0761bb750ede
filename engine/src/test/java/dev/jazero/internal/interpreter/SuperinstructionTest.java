package dev.jazero.internal.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's superinstructions (see {@code CodeBuffer}) against the instructions they stand
 * for: each i32 operation with a constant operand, which fuses, must give what the same operation
 * gives when the constant arrives as a parameter, which does not fuse.
 */
class SuperinstructionTest {

    private static final String[] OPS = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u",
        "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u"};
    private static final int[] VALUES = {0, 1, -1, 2, 31, 32, 33, 0x7FFF_FFFF, Integer.MIN_VALUE, 0x1234_5678};

    @Test
    void constantOperandsGiveWhatParametersGive() {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String op : OPS) {
            wat.append("(func (export \"").append(op).append("\") (param i32 i32) (result i32) (i32.")
                    .append(op).append(" (local.get 0) (local.get 1)))\n");
            for (int c : VALUES) {
                // With a local: local.get, i32.const and the operation; on a computed value: the
                // constant and the operation alone.
                wat.append("(func (export \"").append(op).append(' ').append(c).append("\") (param i32) (result i32) (i32.")
                        .append(op).append(" (local.get 0) (i32.const ").append(c).append(")))\n");
                wat.append("(func (export \"").append(op).append(" computed ").append(c)
                        .append("\") (param i32) (result i32) (i32.").append(op)
                        .append(" (i32.xor (local.get 0) (i32.const 0)) (i32.const ").append(c).append(")))\n");
            }
        }
        wat.append(")");
        int checked = 0;
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
            Module m = runtime.instantiate(runtime.compileModule(wat.toString()));
            for (String op : OPS) {
                for (int c : VALUES) {
                    for (int x : VALUES) {
                        long expected = m.exportedFunction(op).call(x & 0xFFFF_FFFFL, c & 0xFFFF_FFFFL)[0];
                        String what = "i32." + op + " " + x + " " + c;
                        assertEquals(expected, m.exportedFunction(op + " " + c).call(x & 0xFFFF_FFFFL)[0], what);
                        assertEquals(expected, m.exportedFunction(op + " computed " + c).call(x & 0xFFFF_FFFFL)[0], what);
                        checked++;
                    }
                }
            }
        }
        assertEquals(OPS.length * VALUES.length * VALUES.length, checked);
    }

    /**
     * A loop whose first instructions would fuse with the {@code local.get} before it: the back
     * branch lands between them, so they must stay apart.
     */
    @Test
    void aBranchTargetBetweenInstructionsKeepsThemApart() {
        String wat = """
                (module
                  (func (export "count") (param i32) (result i32) (local i32)
                    (local.get 0)
                    (loop $again (param i32) (result i32)
                      (i32.const 1)
                      (i32.add)
                      (local.tee 1)
                      (i32.lt_s (local.get 1) (i32.const 10))
                      (br_if $again)))
                  (func (export "eqz") (param i32) (result i32) (local i32)
                    (block $out
                      (loop $again
                        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                        (br_if $out (i32.eqz (local.get 0)))
                        (br $again)))
                    (local.get 1)))
                """;
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter())) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            assertEquals(10, m.exportedFunction("count").call(0)[0]);
            assertEquals(10, m.exportedFunction("count").call(7)[0]);
            assertEquals(12, m.exportedFunction("count").call(11)[0]);
            assertEquals(5, m.exportedFunction("eqz").call(5)[0]);
        }
    }
}
