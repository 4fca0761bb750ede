package dev.jazero.internal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.MalformedModuleException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastParserTest {

    private static List<WastCommand> parse(String script) {
        return WastParser.parse(script, "test.wast");
    }

    @Test
    void modulesInAllThreeForms() {
        List<WastCommand> cmds = parse("""
                (module $M (func (export "f")))
                (module $B binary "\\00asm" "\\01\\00\\00\\00")
                (module quote "(func" " (nop))")
                (module definition $D (memory 1))
                (module instance $I $D)
                """);
        assertEquals(5, cmds.size());
        WastCommand.Module m = assertInstanceOf(WastCommand.Module.class, cmds.get(0));
        assertEquals(1, m.line());
        assertEquals(WastModule.Kind.TEXT, m.module().kind());
        assertEquals("$M", m.module().name());
        assertEquals("(module $M (func (export \"f\")))", m.module().text());
        assertFalse(m.definition());

        WastModule b = ((WastCommand.Module) cmds.get(1)).module();
        assertEquals(WastModule.Kind.BINARY, b.kind());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, b.encode());

        WastModule q = ((WastCommand.Module) cmds.get(2)).module();
        assertEquals(WastModule.Kind.QUOTE, q.kind());
        assertEquals("(func (nop))", q.text());
        assertArrayEquals(WatParser.parseModule("(func (nop))"), q.encode());

        WastCommand.Module d = (WastCommand.Module) cmds.get(3);
        assertTrue(d.definition());
        assertEquals("$D", d.module().name());
        assertArrayEquals(WatParser.parseModule("(module (memory 1))"), withoutName(d.module().encode()));

        assertEquals(new WastCommand.ModuleInstance(5, "$I", "$D"), cmds.get(4));
    }

    private static byte[] withoutName(byte[] b) {
        return TestSupport.withoutNameSection(b);
    }

    @Test
    void actionsAndValues() {
        List<WastCommand> cmds = parse("""
                (register "spectest" $M)
                (invoke "f" (i32.const -1) (i64.const 0xffff_ffff_ffff_ffff) (f32.const -nan:0x1) (f64.const -0))
                (get $M "g")
                (invoke "v" (v128.const i32x4 1 2 3 4) (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 0xff)
                   (ref.null func) (ref.null extern) (ref.extern 7) (ref.host 3))
                """);
        assertEquals(new WastCommand.Register(1, "spectest", "$M"), cmds.get(0));
        WastAction a = ((WastCommand.Action) cmds.get(1)).action();
        assertEquals(WastAction.Kind.INVOKE, a.kind());
        assertNull(a.module());
        assertEquals("f", a.name());
        assertEquals(List.of(new WastValue.I32(-1), new WastValue.I64(-1), new WastValue.F32(0xff800001),
                new WastValue.F64(0x8000000000000000L)), a.args());
        WastAction g = ((WastCommand.Action) cmds.get(2)).action();
        assertEquals(new WastAction(WastAction.Kind.GET, "$M", "g", List.of()), g);
        List<WastValue> v = ((WastCommand.Action) cmds.get(3)).action().args();
        assertEquals(new WastValue.V128(0x0000000200000001L, 0x0000000400000003L), v.get(0));
        assertEquals(new WastValue.V128(0x0706050403020100L, 0xff0e0d0c0b0a0908L), v.get(1));
        assertEquals(new WastValue.RefNull("func"), v.get(2));
        assertEquals(new WastValue.RefNull("extern"), v.get(3));
        assertEquals(new WastValue.RefExtern(7), v.get(4));
        assertEquals(new WastValue.RefHost(3), v.get(5));
        assertEquals(4, cmds.get(3).line());
    }

    @Test
    void expectedResults() {
        List<WastCommand> cmds = parse("""
                (assert_return (invoke "f") (i32.const 1) (f32.const nan:canonical) (f64.const nan:arithmetic)
                  (f64.const 1.5) (ref.null func) (ref.null) (ref.extern 1) (ref.extern) (ref.func) (ref.i31))
                (assert_return (invoke "v") (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic)
                  (v128.const i16x8 -1 0 0 0 0 0 0 0x8000))
                (assert_return (invoke "e") (either (i32.const 1) (i32.const 2)))
                """);
        List<WastResult> r = ((WastCommand.AssertReturn) cmds.get(0)).expected();
        assertEquals(new WastResult.Value(new WastValue.I32(1)), r.get(0));
        assertEquals(new WastResult.NaN(false, WastResult.NanKind.CANONICAL), r.get(1));
        assertEquals(new WastResult.NaN(true, WastResult.NanKind.ARITHMETIC), r.get(2));
        assertEquals(new WastResult.Value(new WastValue.F64(Double.doubleToRawLongBits(1.5))), r.get(3));
        assertEquals(new WastResult.Value(new WastValue.RefNull("func")), r.get(4));
        assertEquals(new WastResult.Value(new WastValue.RefNull(null)), r.get(5));
        assertEquals(new WastResult.Value(new WastValue.RefExtern(1)), r.get(6));
        assertEquals(new WastResult.NonNullRef("extern"), r.get(7));
        assertEquals(new WastResult.NonNullRef("func"), r.get(8));
        assertEquals(new WastResult.NonNullRef("i31"), r.get(9));

        List<WastResult> v = ((WastCommand.AssertReturn) cmds.get(1)).expected();
        WastResult.V128 f = (WastResult.V128) v.get(0);
        assertEquals(WastResult.Shape.F32X4, f.shape());
        // lanes: canonical NaN, 1.0, -0.0, arithmetic NaN (with a payload)
        long low = 0x7fc00000L | ((long) Float.floatToRawIntBits(1f) << 32);
        long high = 0x80000000L | (0x7fc00001L << 32);
        assertTrue(f.matches(low, high));
        assertFalse(f.matches(low, 0)); // -0.0 lane must be exact
        assertFalse(f.matches(low | 1, high)); // 0x7fc00001 is not canonical
        WastResult.V128 i = (WastResult.V128) v.get(1);
        assertEquals(WastResult.Shape.I16X8, i.shape());
        assertEquals(0xffff, i.lanes()[0]);
        assertTrue(i.matches(0xffffL, 0x8000L << 48));

        WastResult.Either e = (WastResult.Either) ((WastCommand.AssertReturn) cmds.get(2)).expected().get(0);
        assertEquals(2, e.alternatives().size());
    }

    @Test
    void assertions() {
        List<WastCommand> cmds = parse("""
                (assert_trap (invoke "t") "unreachable")
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_exhaustion (invoke "r") "call stack exhausted")
                (assert_malformed (module quote "(func (i32.const0))") "unknown operator")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
                (assert_uninstantiable (module binary "") "out of bounds")
                (assert_exception (invoke "throw"))
                """);
        assertInstanceOf(WastCommand.AssertTrap.class, cmds.get(0));
        WastCommand.AssertModuleTrap mt = assertInstanceOf(WastCommand.AssertModuleTrap.class, cmds.get(1));
        assertEquals("unreachable", mt.message());
        assertInstanceOf(WastCommand.AssertExhaustion.class, cmds.get(2));
        WastCommand.AssertMalformed mal = assertInstanceOf(WastCommand.AssertMalformed.class, cmds.get(3));
        MalformedModuleException ex = assertThrows(MalformedModuleException.class, () -> mal.module().encode());
        assertTrue(ex.getMessage().contains(mal.message()), ex.getMessage());
        WastCommand.AssertInvalid inv = assertInstanceOf(WastCommand.AssertInvalid.class, cmds.get(4));
        inv.module().encode(); // invalid, but well formed
        assertInstanceOf(WastCommand.AssertUnlinkable.class, cmds.get(5));
        assertInstanceOf(WastCommand.AssertUninstantiable.class, cmds.get(6));
        assertInstanceOf(WastCommand.AssertException.class, cmds.get(7));
        for (int k = 0; k < cmds.size(); k++) {
            assertEquals(k + 1, cmds.get(k).line());
        }
    }

    @Test
    void errorsInTextModulesUseScriptPositions() {
        List<WastCommand> cmds = parse("\n\n   (module\n  (func i32.bogus))");
        WastModule m = ((WastCommand.Module) cmds.get(0)).module();
        assertEquals(3, m.line());
        assertEquals(4, m.column());
        MalformedModuleException e = assertThrows(MalformedModuleException.class, m::encode);
        assertEquals("4:9: unknown operator i32.bogus", e.getMessage());
    }

    @Test
    void quotedTextWithInvalidUtf8IsMalformedWhenEncoded() {
        WastModule m = ((WastCommand.AssertMalformed) parse("(assert_malformed (module quote \"(func) ;; \\ff\") \"malformed UTF-8 encoding\")").get(0)).module();
        MalformedModuleException e = assertThrows(MalformedModuleException.class, m::encode);
        assertTrue(e.getMessage().endsWith("malformed UTF-8 encoding"), e.getMessage());
    }

    @Test
    void scriptErrorsNameFileLineAndColumn() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class,
                () -> parse("(invoke \"f\")\n  (frobnicate)"));
        assertEquals("test.wast:2:4: unknown operator frobnicate", e.getMessage());
        e = assertThrows(MalformedModuleException.class,
                () -> parse("(assert_return (invoke \"f\") (i32.const 0x1_0000_0000))"));
        assertEquals("test.wast:1:40: constant out of range", e.getMessage());
    }

    @Test
    void bareModuleFieldsFormOneModule() {
        List<WastCommand> cmds = parse("(func) (memory 0) (func (export \"f\"))");
        assertEquals(1, cmds.size());
        WatParser.parseModule(((WastCommand.Module) cmds.get(0)).module().text());
    }
}
