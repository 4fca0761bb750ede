package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import java.util.List;

/**
 * {@link RuntimeConfig#withCanonicalNaNs}, in both tiers: every instruction that may make an
 * arithmetic NaN makes the canonical one from a negative signalling NaN with a payload, lane by
 * lane for vectors; numbers pass unchanged; the instructions that only move bits keep the NaN.
 */
class CanonicalNaNsTest {

    private static final int NAN32 = 0xFFA1_2345;
    private static final long NAN64 = 0xFFF4_0000_0001_2345L;
    private static final int CANONICAL32 = 0x7FC0_0000;
    private static final long CANONICAL64 = 0x7FF8_0000_0000_0000L;

    private static final List<String> UNARY = List.of("ceil", "floor", "trunc", "nearest", "sqrt");
    private static final List<String> BINARY = List.of("add", "sub", "mul", "div", "min", "max");

    /** For each operator {@code op} of f32 and f64, an export {@code t.op} taking and returning raw bits. */
    private static String scalarModule() {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String t : List.of("f32", "f64")) {
            String i = t.equals("f32") ? "i32" : "i64";
            for (String op : UNARY) {
                wat.append("(func (export \"%s.%s\") (param %s) (result %s) (%s.reinterpret_%s (%s.%s (%s.reinterpret_%s (local.get 0)))))\n"
                        .formatted(t, op, i, i, i, t, t, op, t, i));
            }
            for (String op : BINARY) {
                wat.append(("(func (export \"%s.%s\") (param %s %s) (result %s)"
                        + " (%s.reinterpret_%s (%s.%s (%s.reinterpret_%s (local.get 0)) (%s.reinterpret_%s (local.get 1)))))\n")
                        .formatted(t, op, i, i, i, i, t, t, op, t, i, t, i));
            }
            for (String op : List.of("neg", "abs")) {
                wat.append("(func (export \"%s.%s\") (param %s) (result %s) (%s.reinterpret_%s (%s.%s (%s.reinterpret_%s (local.get 0)))))\n"
                        .formatted(t, op, i, i, i, t, t, op, t, i));
            }
        }
        wat.append("""
                (func (export "f32.demote_f64") (param i64) (result i32)
                  (i32.reinterpret_f32 (f32.demote_f64 (f64.reinterpret_i64 (local.get 0)))))
                (func (export "f64.promote_f32") (param i32) (result i64)
                  (i64.reinterpret_f64 (f64.promote_f32 (f32.reinterpret_i32 (local.get 0)))))
                (func (export "f64.copysign") (param i64 i64) (result i64)
                  (i64.reinterpret_f64 (f64.copysign (f64.reinterpret_i64 (local.get 0)) (f64.reinterpret_i64 (local.get 1)))))
                )""");
        return wat.toString();
    }

    @InBothTiers
    void arithmeticMakesTheCanonicalNaN(RuntimeConfig config) {
        try (Runtime runtime = Runtime.create(config.withCanonicalNaNs(true))) {
            Module m = runtime.instantiate(runtime.compileModule(scalarModule()));
            for (String op : UNARY) {
                assertEquals(CANONICAL32, (int) m.exportedFunction("f32." + op).call(NAN32)[0], "f32." + op);
                assertEquals(CANONICAL64, m.exportedFunction("f64." + op).call(NAN64)[0], "f64." + op);
            }
            for (String op : BINARY) {
                assertEquals(CANONICAL32, (int) m.exportedFunction("f32." + op).call(NAN32, bits(1.5f))[0], "f32." + op);
                assertEquals(CANONICAL32, (int) m.exportedFunction("f32." + op).call(bits(1.5f), NAN32)[0], "f32." + op);
                assertEquals(CANONICAL64, m.exportedFunction("f64." + op).call(NAN64, bits(1.5))[0], "f64." + op);
                assertEquals(CANONICAL64, m.exportedFunction("f64." + op).call(bits(1.5), NAN64)[0], "f64." + op);
            }
            // A NaN made from numbers only: 0 / 0 and sqrt(-1).
            assertEquals(CANONICAL64, m.exportedFunction("f64.div").call(0, 0)[0]);
            assertEquals(CANONICAL32, (int) m.exportedFunction("f32.sqrt").call(bits(-1f))[0]);
            assertEquals(CANONICAL32, (int) m.exportedFunction("f32.demote_f64").call(NAN64)[0]);
            assertEquals(CANONICAL64, m.exportedFunction("f64.promote_f32").call(NAN32)[0]);
        }
    }

    @InBothTiers
    void numbersAndBitOperationsAreUnchanged(RuntimeConfig config) {
        try (Runtime runtime = Runtime.create(config.withCanonicalNaNs(true))) {
            Module m = runtime.instantiate(runtime.compileModule(scalarModule()));
            assertEquals(bits(3.75f), (int) m.exportedFunction("f32.add").call(bits(1.5f), bits(2.25f))[0]);
            assertEquals(bits(-2.0), m.exportedFunction("f64.floor").call(bits(-1.5))[0]);
            assertEquals(bits(1.5), m.exportedFunction("f64.promote_f32").call(bits(1.5f))[0]);
            assertEquals(NAN32 ^ 0x8000_0000, (int) m.exportedFunction("f32.neg").call(NAN32)[0]);
            assertEquals(NAN64 & Long.MAX_VALUE, m.exportedFunction("f64.abs").call(NAN64)[0]);
            assertEquals(NAN64 & Long.MAX_VALUE, m.exportedFunction("f64.copysign").call(NAN64, bits(1.0))[0]);
        }
    }

    /** Without the setting, the results are still NaNs, of whichever bits the JVM makes. */
    @InBothTiers
    void withoutTheSettingTheResultIsSomeNaN(RuntimeConfig config) {
        try (Runtime runtime = Runtime.create(config)) {
            Module m = runtime.instantiate(runtime.compileModule(scalarModule()));
            for (String op : BINARY) {
                assertTrue(Float.isNaN(Float.intBitsToFloat((int) m.exportedFunction("f32." + op).call(NAN32, bits(1.5f))[0])));
                assertTrue(Double.isNaN(Double.longBitsToDouble(m.exportedFunction("f64." + op).call(bits(1.5), NAN64)[0])));
            }
        }
    }

    @InBothTiers
    void vectorLanesAreMadeCanonicalOneByOne(RuntimeConfig config) {
        String wat = """
                (module
                  (memory 1)
                  (func (export "f32x4.add") (v128.store (i32.const 0) (f32x4.add (v128.load (i32.const 16)) (v128.load (i32.const 32)))))
                  (func (export "f64x2.mul") (v128.store (i32.const 0) (f64x2.mul (v128.load (i32.const 16)) (v128.load (i32.const 32)))))
                  (func (export "f32x4.sqrt") (v128.store (i32.const 0) (f32x4.sqrt (v128.load (i32.const 16)))))
                  (func (export "f64x2.nearest") (v128.store (i32.const 0) (f64x2.nearest (v128.load (i32.const 16)))))
                  (func (export "f32x4.demote") (v128.store (i32.const 0) (f32x4.demote_f64x2_zero (v128.load (i32.const 16)))))
                  (func (export "f64x2.promote") (v128.store (i32.const 0) (f64x2.promote_low_f32x4 (v128.load (i32.const 16)))))
                  (func (export "f32x4.neg") (v128.store (i32.const 0) (f32x4.neg (v128.load (i32.const 16))))))
                """;
        try (Runtime runtime = Runtime.create(config.withCanonicalNaNs(true))) {
            Module m = runtime.instantiate(runtime.compileModule(wat));
            var memory = m.memory();
            int[] a = {NAN32, bits(1.5f), bits(-2f), NAN32 ^ 0x8000_0000};
            int[] b = {bits(1f), NAN32, bits(0.25f), bits(1f)};
            for (int i = 0; i < 4; i++) {
                memory.writeInt(16 + 4 * i, a[i]);
                memory.writeInt(32 + 4 * i, b[i]);
            }
            m.exportedFunction("f32x4.add").call();
            assertLanes32(memory, CANONICAL32, CANONICAL32, bits(-1.75f), CANONICAL32);
            m.exportedFunction("f32x4.sqrt").call();
            assertLanes32(memory, CANONICAL32, bits((float) Math.sqrt(1.5f)), CANONICAL32, CANONICAL32);
            m.exportedFunction("f32x4.neg").call();
            assertLanes32(memory, NAN32 ^ 0x8000_0000, bits(-1.5f), bits(2f), NAN32);
            m.exportedFunction("f64x2.promote").call();
            assertEquals(CANONICAL64, memory.readLong(0));
            assertEquals(bits(1.5), memory.readLong(8));

            memory.writeLong(16, NAN64);
            memory.writeLong(24, bits(2.5));
            memory.writeLong(32, bits(3.0));
            memory.writeLong(40, NAN64);
            m.exportedFunction("f64x2.mul").call();
            assertEquals(CANONICAL64, memory.readLong(0));
            assertEquals(CANONICAL64, memory.readLong(8));
            m.exportedFunction("f64x2.nearest").call();
            assertEquals(CANONICAL64, memory.readLong(0));
            assertEquals(bits(2.0), memory.readLong(8));
            m.exportedFunction("f32x4.demote").call();
            assertLanes32(memory, CANONICAL32, bits(2.5f), 0, 0);
        }
    }

    private static void assertLanes32(dev.jazero.api.Memory memory, int... lanes) {
        for (int i = 0; i < lanes.length; i++) {
            assertEquals(Integer.toHexString(lanes[i]), Integer.toHexString(memory.readInt(4 * i)), "lane " + i);
        }
    }

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }
}
