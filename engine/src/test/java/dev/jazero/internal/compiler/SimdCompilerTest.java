package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.ValueType;
import dev.jazero.experimental.FunctionListener;
import dev.jazero.experimental.StackIterator;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import dev.jazero.internal.validation.SimdValidation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SIMD in the compiler tier: every function that uses v128 is compiled, and it computes exactly
 * what the interpreter does, for every SIMD instruction and for every way a v128 travels (calls,
 * results, globals, blocks, branches, select, tables, host functions, other modules, listeners).
 */
class SimdCompilerTest {

    private static final RuntimeConfig[] TIERS = {RuntimeConfig.interpreter(), RuntimeConfig.compiler()};

    // ---- every instruction, on many inputs ----------------------------------------------------

    /** Lanes of the lane instructions' shapes: extract/replace 21..34, load/store lane 84..91. */
    private static int lanes(int sub) {
        if (sub >= 84) {
            return 16 >> ((sub - 84) & 3);
        }
        return sub <= 23 ? 16 : sub <= 26 ? 8 : sub <= 28 ? 4 : sub <= 30 ? 2 : sub <= 32 ? 4 : 2;
    }

    private static boolean hasMemarg(int sub) {
        return sub <= 11 || (sub >= 84 && sub <= 93);
    }

    private static boolean hasLane(int sub) {
        return (sub >= 21 && sub <= 34) || (sub >= 84 && sub <= 91);
    }

    /** One exported function per SIMD instruction (per lane for the lane ones), operands as parameters. */
    private record Case(String name, int sub, ValueType[] params, ValueType result) {
    }

    @Test
    void everySimdInstructionIsCompiledAndAgreesWithTheInterpreter() {
        SplittableRandom random = new SplittableRandom(0x51D_2026L);
        List<Case> cases = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int sub = 0; sub < 256; sub++) {
            ValueType[] params = SimdValidation.params(sub);
            if (params == null) {
                continue;
            }
            // Lanes at both ends of both halves.
            int[] laneChoices = hasLane(sub)
                    ? IntStream.of(0, lanes(sub) / 2 - 1, lanes(sub) / 2, lanes(sub) - 1).distinct().toArray()
                    : new int[] {-1};
            for (int lane : laneChoices) {
                cases.add(new Case("f" + sub + (lane >= 0 ? "_" + lane : ""), sub, params, SimdValidation.result(sub)));
                bodies.add(body(sub, params.length, lane, random));
            }
        }
        byte[] wasm = module(cases, bodies);
        Module[] modules = new Module[2];
        Runtime[] runtimes = new Runtime[2];
        try {
            for (int t = 0; t < 2; t++) {
                runtimes[t] = Runtime.create(TIERS[t]);
                CompiledModuleImpl compiled = (CompiledModuleImpl) runtimes[t].compileModule(wasm);
                if (t == 1) {
                    for (int f = 0; f < cases.size(); f++) {
                        assertTrue(compiled.isCompiled(f), cases.get(f).name() + " is compiled");
                    }
                }
                modules[t] = runtimes[t].instantiate(compiled);
            }
            int compared = 0;
            for (Case c : cases) {
                for (int round = 0; round < 150; round++) {
                    long[] args = arguments(c, random);
                    byte[] memory = new byte[256];
                    random.nextBytes(memory);
                    String[] outcome = new String[2];
                    for (int t = 0; t < 2; t++) {
                        modules[t].memory().write(65536 - 256, memory);
                        modules[t].memory().write(0, memory);
                        outcome[t] = outcome(modules[t], c, args);
                    }
                    assertEquals(outcome[0], outcome[1], c.name() + Arrays.toString(args));
                    compared++;
                }
            }
            assertTrue(compared > 30_000, "compared " + compared);
        } finally {
            for (Runtime r : runtimes) {
                if (r != null) {
                    r.close();
                }
            }
        }
    }

    /** The results or the trap, then the memory's first and last 256 bytes, which stores change. */
    private static String outcome(Module m, Case c, long[] args) {
        String result;
        try {
            result = Arrays.toString(arithmeticNaNsAlike(c.sub(), m.exportedFunction(c.name()).call(args)));
        } catch (TrapException e) {
            result = "trap " + e.getMessage();
        }
        return result + " " + Arrays.toString(m.memory().read(0, 256)) + Arrays.toString(m.memory().read(65536 - 256, 256));
    }

    /**
     * For the float lane operations of two operands (f32x4 228..233, f64x2 240..245), turns every
     * arithmetic (quiet) NaN lane into the canonical one. When both operands are NaNs, which one
     * the result carries is up to the JVM (the specification allows any arithmetic NaN): HotSpot
     * may commute {@code a + b}, so it changes with JIT compilation, in either tier. Any other
     * NaN is kept as it is and must match.
     */
    private static long[] arithmeticNaNsAlike(int sub, long[] results) {
        if (sub >= 228 && sub <= 233) {
            for (int i = 0; i < results.length; i++) {
                long low = quietF32(results[i]), high = quietF32(results[i] >>> 32);
                results[i] = (low & 0xFFFF_FFFFL) | high << 32;
            }
        } else if (sub >= 240 && sub <= 245) {
            for (int i = 0; i < results.length; i++) {
                long bits = results[i];
                boolean quietNaN = (bits & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
                results[i] = quietNaN ? 0x7FF8_0000_0000_0000L : bits;
            }
        }
        return results;
    }

    private static long quietF32(long lane) {
        int bits = (int) lane;
        return (bits & 0x7FC0_0000) == 0x7FC0_0000 ? 0x7FC0_0000 : bits;
    }

    /** Bit patterns that lanes of every width trip over: NaNs, infinities, zeros, limits. */
    private static final long[] SPECIAL = {
        0, -1, 0x8000_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, 0x7FF8_0000_0000_0000L, 0x7FF4_0000_0000_0001L,
        0xFFF0_0000_0000_0000L, 0x4330_0000_0000_0000L, 0x41E0_0000_0000_0000L, 0xC1E0_0000_0020_0000L,
        0x7FC0_0000_7FA0_0001L, 0xFF80_0000_7F80_0000L, 0x4F00_0000_CF00_0000L, 0x3FC0_0000_BF00_0000L,
        0x8080_8080_7F7F_7F7FL, 0x8000_7FFF_FFFF_0001L, 0x0102_0304_1112_1314L, 0x1F1E_1D1C_0F0E_0D0CL,
    };

    private static long half(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
            case 1 -> SPECIAL[random.nextInt(SPECIAL.length)] ^ (1L << random.nextInt(64));
            case 2 -> random.nextLong() & 0x1F1F_1F1F_1F1F_1F1FL; // small bytes: shuffle and swizzle indices
            default -> random.nextLong();
        };
    }

    private static long[] arguments(Case c, SplittableRandom random) {
        long[] args = new long[Arrays.stream(c.params()).mapToInt(ValueType::slots).sum()];
        int slot = 0;
        for (int i = 0; i < c.params().length; i++) {
            ValueType t = c.params()[i];
            if (i == 0 && hasMemarg(c.sub())) {
                // An address near either end of the one page, sometimes out of bounds.
                int[] addresses = {0, 1, 7, 65536 - 16 - 3, 65536 - 8 - 3, 65536 - 4, 65536 - 3, 65536, -1, -3};
                args[slot++] = random.nextBoolean() ? addresses[random.nextInt(addresses.length)] : random.nextInt(256);
            } else if (t == ValueType.V128) {
                args[slot++] = half(random);
                args[slot++] = half(random);
            } else if (t == ValueType.I32 && i == c.params().length - 1 && c.params().length == 2) {
                // Shift counts past the lane width, and lane values.
                args[slot++] = random.nextBoolean() ? random.nextInt(140) : (int) half(random);
            } else {
                long v = half(random);
                args[slot++] = t == ValueType.I32 || t == ValueType.F32 ? v & 0xFFFF_FFFFL : v;
            }
        }
        return args;
    }

    /** local.get of each parameter, the instruction with its immediates, end. */
    private static byte[] body(int sub, int params, int lane, SplittableRandom random) {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0); // no locals
        for (int i = 0; i < params; i++) {
            code.write(0x20);
            code.write(i);
        }
        code.write(0xFD);
        leb(code, sub);
        if (hasMemarg(sub)) {
            leb(code, 0); // alignment hint 1
            leb(code, 3); // offset
        }
        if (sub == 12) {
            for (int i = 0; i < 16; i++) {
                code.write((int) half(random));
            }
        } else if (sub == 13) {
            for (int i = 0; i < 16; i++) {
                code.write(random.nextInt(32));
            }
        }
        if (hasLane(sub)) {
            code.write(lane);
        }
        code.write(0x0B);
        return code.toByteArray();
    }

    private static byte[] module(List<Case> cases, List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, s -> {
            leb(s, cases.size());
            for (Case c : cases) {
                s.write(0x60);
                leb(s, c.params().length);
                for (ValueType t : c.params()) {
                    s.write(t.code());
                }
                leb(s, c.result() == null ? 0 : 1);
                if (c.result() != null) {
                    s.write(c.result().code());
                }
            }
        });
        section(out, 3, s -> {
            leb(s, cases.size());
            for (int i = 0; i < cases.size(); i++) {
                leb(s, i);
            }
        });
        section(out, 5, s -> s.writeBytes(new byte[] {1, 0, 1}));
        section(out, 7, s -> {
            leb(s, cases.size());
            for (int i = 0; i < cases.size(); i++) {
                byte[] name = cases.get(i).name().getBytes(StandardCharsets.UTF_8);
                leb(s, name.length);
                s.writeBytes(name);
                s.write(0);
                leb(s, i);
            }
        });
        section(out, 10, s -> {
            leb(s, bodies.size());
            for (byte[] b : bodies) {
                leb(s, b.length);
                s.writeBytes(b);
            }
        });
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, Consumer<ByteArrayOutputStream> content) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        content.accept(s);
        out.write(id);
        leb(out, s.size());
        out.writeBytes(s.toByteArray());
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    // ---- v128 values through everything that carries values ------------------------------------

    private static final String FLOW = """
            (module
              (import "env" "swap" (func $swap (param v128) (result v128)))
              (import "other" "mix" (func $mix (param i32 v128 f64) (result v128 i32)))
              (type $vv (func (param v128) (result v128)))
              (table funcref (elem $double $swap))
              (memory 1)
              (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
              (global $k v128 (v128.const i64x2 -1 7))

              (func $double (type $vv) (i32x4.add (local.get 0) (local.get 0)))

              (func (export "params") (param i32 v128 i64 v128 f32) (result v128)
                (i64x2.add (local.get 1) (local.get 3)))

              (func (export "multi") (param v128 i32) (result v128 i32 v128 f64)
                (local.get 0) (local.get 1) (i8x16.neg (local.get 0)) (f64.const 2.5))

              (func $callsMulti (export "callsMulti") (param v128) (result v128)
                (local $a v128) (local $i i32) (local $b v128) (local $d f64)
                (call $multiInner (local.get 0))
                (local.set $d) (local.set $b) (local.set $i) (local.set $a)
                (i32x4.replace_lane 0 (v128.xor (local.get $a) (local.get $b)) (local.get $i)))
              (func $multiInner (param v128) (result v128 i32 v128 f64)
                (local.get 0) (i32.const 77) (v128.not (local.get 0)) (f64.const 1))

              (func (export "globals") (param v128) (result v128)
                (global.set $g (i16x8.sub (global.get $g) (local.get 0)))
                (v128.or (global.get $g) (global.get $k)))

              (func (export "select") (param v128 v128 i32) (result v128 v128)
                (select (result v128) (local.get 0) (local.get 1) (local.get 2))
                (select (local.get 1) (local.get 0) (local.get 2)))

              (func (export "tee") (param v128) (result v128) (local $t v128)
                (i32x4.mul (local.tee $t (local.get 0)) (local.get $t)))

              ;; 0: br_if to $out, 1: br_table to $out, 2 and 3: to $inner, then if or else.
              (func (export "blocks") (param v128 i32) (result v128)
                (local.get 0)
                (block $out (param v128) (result v128)
                  (block $inner (param v128) (result v128)
                    ;; A branch that carries a v128 over other values: drops them.
                    (i32.const 1) (v128.const i64x2 5 6) (local.get 0)
                    (br_if $out (i32.eqz (local.get 1)))
                    (drop) (drop) (drop)
                    (br_table $inner $out $inner (i8x16.abs) (local.get 1)))
                  (if (param v128) (result v128) (i32.gt_s (local.get 1) (i32.const 2))
                    (then (f32x4.sqrt))
                    (else (i64x2.shl (i32.const 3))))))

              (func (export "loop") (param v128 i32) (result v128)
                (local.get 0)
                (loop $again (param v128) (result v128)
                  (i16x8.add_sat_s (v128.const i16x8 1 2 3 4 5 6 7 -8))
                  (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))
                  (br_if $again)))

              (func (export "dropped") (param v128) (result i32)
                (drop (local.get 0)) (i32.const 9))

              (func (export "indirect") (param v128 i32) (result v128)
                (call_indirect (type $vv) (local.get 0) (local.get 1)))

              (func (export "host") (param v128) (result v128)
                (call $swap (local.get 0)))

              (func (export "cross") (param v128) (result v128 i32)
                (call $mix (i32.const 3) (local.get 0) (f64.const -0.5)))

              (func (export "memory") (param i32 v128) (result v128)
                (v128.store offset=16 (local.get 0) (local.get 1))
                (v128.load64_lane offset=8 1 (local.get 0) (v128.load offset=16 (local.get 0)))))
            """;

    private static final String OTHER = """
            (module
              (func (export "mix") (param i32 v128 f64) (result v128 i32)
                (f64x2.mul (local.get 1) (f64x2.splat (local.get 2)))
                (i32.add (local.get 0) (i8x16.bitmask (local.get 1)))))
            """;

    /** A decimal or (unsigned) hexadecimal long. */
    private static long parse(String text) {
        return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
    }

    @Test
    void vectorsTravelThroughCallsResultsGlobalsBlocksAndBranches() {
        String[][] calls = {
            {"params", "-7", "0x0102030405060708", "0x1111111111111111", "99", "0x7FFFFFFFFFFFFFFF", "1", "0x3F800000"},
            {"multi", "0x0180FF7F00000001", "0x8000000000000000", "5"},
            {"callsMulti", "0x123456789", "-2"},
            {"globals", "1", "2"},
            {"globals", "0x0001000100010001", "-1"},
            {"select", "1", "2", "3", "4", "0"},
            {"select", "1", "2", "3", "4", "7"},
            {"tee", "0x0000000300000002", "0xFFFFFFFF00000005"},
            {"blocks", "0x807F000100FF0102", "0x3F8000004E800000", "0"},
            {"blocks", "0x807F000100FF0102", "0x3F8000004E800000", "1"},
            {"blocks", "0x807F000100FF0102", "0x3F8000004E800000", "2"},
            {"blocks", "0x807F000100FF0102", "0x3F8000004E800000", "3"},
            {"loop", "0x7FFF7FF000000001", "-1", "40"},
            {"dropped", "1", "2"},
            {"indirect", "0x0000000200000001", "0x0000000400000003", "0"},
            {"indirect", "0x0000000200000001", "0x0000000400000003", "1"},
            {"indirect", "0x0000000200000001", "0x0000000400000003", "2"},
            {"host", "11", "22"},
            {"cross", "0x4000000000000000", "0xC008000000000000"},
            {"memory", "100", "0x0102030405060708", "0x1112131415161718"},
            {"memory", "65520", "1", "2"},
        };
        List<List<String>> outcomes = new ArrayList<>();
        List<List<String>> listened = new ArrayList<>();
        for (RuntimeConfig tier : TIERS) {
            List<String> heard = new ArrayList<>();
            RuntimeConfig config = tier.withFunctionListenerFactory(definition -> new FunctionListener() {
                @Override
                public void before(Module module, FunctionDefinition d, long[] params, StackIterator stack) {
                    heard.add(d.debugName() + " before " + Arrays.toString(params));
                }

                @Override
                public void after(Module module, FunctionDefinition d, long[] results) {
                    heard.add(d.debugName() + " after " + Arrays.toString(results));
                }
            });
            for (RuntimeConfig c : new RuntimeConfig[] {tier, config}) {
                try (Runtime runtime = Runtime.create(c)) {
                    runtime.newHostModuleBuilder("env")
                            .newFunctionBuilder()
                            .withStackFunction(stack -> {
                                long low = stack[0];
                                stack[0] = stack[1];
                                stack[1] = low;
                            }, List.of(ValueType.V128), List.of(ValueType.V128))
                            .export("swap")
                            .instantiate();
                    CompiledModuleImpl other = (CompiledModuleImpl) runtime.compileModule(OTHER);
                    runtime.instantiate(other, ModuleConfig.defaults().withName("other"));
                    CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(FLOW);
                    if (tier == TIERS[1]) {
                        // All but the two imports.
                        for (int f = 2; f < compiled.module().functionCount(); f++) {
                            assertTrue(compiled.isCompiled(f), "function " + f + " is compiled");
                        }
                        assertTrue(other.isCompiled(0));
                    }
                    Module m = runtime.instantiate(compiled);
                    List<String> results = new ArrayList<>();
                    for (String[] call : calls) {
                        long[] args = Arrays.stream(call).skip(1).mapToLong(SimdCompilerTest::parse).toArray();
                        String r;
                        try {
                            r = Arrays.toString(m.exportedFunction(call[0]).call(args));
                        } catch (TrapException e) {
                            r = "trap " + e.trapKind();
                        }
                        results.add(call[0] + " " + r);
                    }
                    results.add("g " + m.exportedGlobal("g").get() + " " + m.exportedGlobal("g").getHigh());
                    outcomes.add(results);
                }
            }
            listened.add(heard);
        }
        // Interpreter, interpreter listened, compiler, compiler listened: all the same.
        for (int i = 1; i < outcomes.size(); i++) {
            assertEquals(outcomes.get(0), outcomes.get(i), "run " + i);
        }
        assertEquals(listened.get(0), listened.get(1));
        assertTrue(listened.get(1).contains("params before [4294967289, 72623859790382856, 1229782938247303441, 99, "
                + "9223372036854775807, 1, 1065353216]"), listened.get(1).toString());
        // A few values checked by hand, so that agreeing on something wrong does not pass.
        List<String> r = outcomes.get(0);
        assertEquals("params [-9150748177064392953, 1229782938247303442]", r.get(0));
        assertEquals("select [3, 4, 1, 2]", r.get(5));
        assertEquals("select [1, 2, 3, 4]", r.get(6));
        assertEquals("dropped [9]", r.get(13));
        assertEquals("indirect [" + 0x0000000400000002L + ", " + 0x0000000800000006L + "]", r.get(14));
        assertEquals("indirect [" + 0x0000000400000003L + ", " + 0x0000000200000001L + "]", r.get(15));
        assertEquals("indirect trap UNDEFINED_ELEMENT", r.get(16));
        assertEquals("host [22, 11]", r.get(17));
        assertEquals("memory trap MEMORY_OUT_OF_BOUNDS", r.get(20));
    }
}
