package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.Module;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A comparison followed by {@code if} or {@code br_if} is compiled into one JVM jump on the
 * comparison's operands. For every comparison and test, on inputs at the edges (signed and
 * unsigned extremes, zeros of both signs, infinities, NaNs), the branch must go exactly where the
 * comparison's 0 or 1 says, in both tiers.
 */
class ConditionalBranchTest {

    private static final String[] INT_OPS = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
    private static final String[] FLOAT_OPS = {"eq", "ne", "lt", "gt", "le", "ge"};

    private static final long[] I32_INPUTS = {0, 1, 2, 0xFFFF_FFFFL, 0x7FFF_FFFFL, 0x8000_0000L, 0x8000_0001L};
    private static final long[] I64_INPUTS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0xFFFF_FFFFL};
    private static final long[] F32_INPUTS = {bits(0f), bits(-0f), bits(1f), bits(-1f), bits(Float.POSITIVE_INFINITY),
        bits(Float.NEGATIVE_INFINITY), bits(Float.NaN), 0xFFC0_0001L};
    private static final long[] F64_INPUTS = {Double.doubleToRawLongBits(0), Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(1), Double.doubleToRawLongBits(-1), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(Double.NaN), 0xFFF8_0000_0000_0001L};

    private static long bits(float f) {
        return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
    }

    private record Case(String name, String type, boolean unary, long[] inputs) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("i32.eqz", "i32", true, I32_INPUTS));
        cases.add(new Case("i64.eqz", "i64", true, I64_INPUTS));
        for (String op : INT_OPS) {
            cases.add(new Case("i32." + op, "i32", false, I32_INPUTS));
            cases.add(new Case("i64." + op, "i64", false, I64_INPUTS));
        }
        for (String op : FLOAT_OPS) {
            cases.add(new Case("f32." + op, "f32", false, F32_INPUTS));
            cases.add(new Case("f64." + op, "f64", false, F64_INPUTS));
        }
        return cases;
    }

    /** Per case: the value, the value through {@code if}, and through {@code br_if} taken and not taken. */
    private static String module(List<Case> cases) {
        StringBuilder wat = new StringBuilder("(module\n");
        for (Case c : cases) {
            String params = c.unary ? "(param " + c.type + ")" : "(param " + c.type + " " + c.type + ")";
            String cond = "(" + c.name + " (local.get 0)" + (c.unary ? "" : " (local.get 1)") + ")";
            wat.append("(func (export \"value ").append(c.name).append("\") ").append(params)
                    .append(" (result i32) ").append(cond).append(")\n");
            wat.append("(func (export \"if ").append(c.name).append("\") ").append(params)
                    .append(" (result i32) (if (result i32) ").append(cond)
                    .append(" (then (i32.const 1)) (else (i32.const 0))))\n");
            wat.append("(func (export \"br_if ").append(c.name).append("\") ").append(params)
                    .append(" (result i32) (block $taken (result i32) (drop (br_if $taken (i32.const 1) ")
                    .append(cond).append(")) (i32.const 0)))\n");
            // A plain br_if, whose label takes no values: the jump goes straight to the label.
            wat.append("(func (export \"plain br_if ").append(c.name).append("\") ").append(params)
                    .append(" (result i32) (block $taken (br_if $taken ").append(cond)
                    .append(") (return (i32.const 0))) (i32.const 1))\n");
        }
        return wat.append(")").toString();
    }

    @Test
    void everyComparisonBranchesWhereItsValueSays() {
        List<Case> cases = cases();
        String wat = module(cases);
        int checked = 0;
        for (String tier : new String[] {"interpreter", "compiler"}) {
            RuntimeConfig config = tier.equals("compiler") ? RuntimeConfig.compiler() : RuntimeConfig.interpreter();
            try (Runtime runtime = Runtime.create(config)) {
                Module m = runtime.instantiate(runtime.compileModule(wat));
                for (Case c : cases) {
                    Function value = m.exportedFunction("value " + c.name);
                    for (long a : c.inputs) {
                        for (long b : c.unary ? new long[] {0} : c.inputs) {
                            long[] args = c.unary ? new long[] {a} : new long[] {a, b};
                            long expected = expected(c, a, b);
                            String what = c.name + " " + Long.toHexString(a) + " " + Long.toHexString(b) + " in the " + tier;
                            assertEquals(expected, value.call(args)[0], "value of " + what);
                            for (String form : new String[] {"if ", "br_if ", "plain br_if "}) {
                                assertEquals(expected, m.exportedFunction(form + c.name).call(args)[0], form + what);
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(2 * (2 * 7 + 10 * (49 + 49) + 6 * (64 + 64)), checked);
    }

    /** The comparison's result, computed here from its definition, independently of both tiers. */
    private static long expected(Case c, long a, long b) {
        String op = c.name.substring(4);
        boolean r = switch (c.type) {
            case "i32" -> compareInts(op, (int) a, (int) b);
            case "i64" -> compareInts(op, a, b);
            case "f32" -> compareFloats(op, Float.intBitsToFloat((int) a), Float.intBitsToFloat((int) b));
            default -> compareFloats(op, Double.longBitsToDouble(a), Double.longBitsToDouble(b));
        };
        return r ? 1 : 0;
    }

    private static boolean compareInts(String op, long a, long b) {
        return switch (op) {
            case "eqz" -> a == 0;
            case "eq" -> a == b;
            case "ne" -> a != b;
            case "lt_s" -> a < b;
            case "gt_s" -> a > b;
            case "le_s" -> a <= b;
            case "ge_s" -> a >= b;
            case "lt_u" -> Long.compareUnsigned(a, b) < 0;
            case "gt_u" -> Long.compareUnsigned(a, b) > 0;
            case "le_u" -> Long.compareUnsigned(a, b) <= 0;
            default -> Long.compareUnsigned(a, b) >= 0;
        };
    }

    private static boolean compareInts(String op, int a, int b) {
        return switch (op) {
            case "lt_u", "gt_u", "le_u", "ge_u" -> compareInts(op, Integer.toUnsignedLong(a), Integer.toUnsignedLong(b));
            default -> compareInts(op, (long) a, (long) b);
        };
    }

    private static boolean compareFloats(String op, double a, double b) {
        return switch (op) {
            case "eq" -> a == b;
            case "ne" -> a != b;
            case "lt" -> a < b;
            case "gt" -> a > b;
            case "le" -> a <= b;
            default -> a >= b;
        };
    }
}
