package dev.jazero.internal.text;

import static dev.jazero.internal.text.TestSupport.hex;
import static dev.jazero.internal.text.TestSupport.withoutNameSection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.MalformedModuleException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Encodings of small modules. The expected bytes were cross-checked with an independent
 * assembler (wabt's wat2wasm), which emits the same canonical encoding when no names are given.
 */
class WatParserTest {

    private static String encode(String wat) {
        return hex(withoutNameSection(WatParser.parseModule(wat)));
    }

    private static String error(String wat) {
        return assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(wat)).getMessage();
    }

    @Test
    void foldedInstructions() {
        assertEquals("0061736d0100000001060160017f017f03020100070501016600000a09010700200041016a0b",
                encode("(module (func (export \"f\") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))"));
    }

    @Test
    void bareFieldsEqualModuleForm() {
        assertArrayEquals(WatParser.parseModule("(module (func (param i32)) (memory 1))"),
                WatParser.parseModule("(func (param i32)) (memory 1)"));
        assertEquals("0061736d01000000", hex(WatParser.parseModule("")));
        assertEquals("0061736d01000000", hex(WatParser.parseModule("(module)")));
    }

    @Test
    void inlineImportOfFunction() {
        assertEquals("0061736d0100000001080260017f00600000020701016d01660000030201010a08010600410710000b",
                encode("(module (func (import \"m\" \"f\") (param i32)) (func (call 0 (i32.const 7))))"));
    }

    @Test
    void tableWithInlineElem() {
        assertEquals("0061736d01000000010401600000030302000004050170010202070501017401000908010041000b0200010a070202000b02000b",
                encode("(module (table (export \"t\") funcref (elem 0 1)) (func) (func))"));
        assertEquals("0061736d01000000010401600000030201000408026f000270010202090e01060141000b7002d2000bd0700b0a040102000b",
                encode("(module (table 2 externref) (table funcref (elem (ref.func 0) (ref.null func))) (func))"));
    }

    @Test
    void memoryWithInlineData() {
        byte[] m = WatParser.parseModule("(module (memory (data \"hello\" \"world\")))");
        String h = hex(m);
        // memory: min = max = 1 page; data count section; active segment 0 at offset 0.
        assertTrue(h.contains("05040101" + "0101"), h);
        assertTrue(h.contains("0c0101"), h);
        assertTrue(h.endsWith("0b10010041000b0a" + hex("helloworld".getBytes(StandardCharsets.US_ASCII))), h);
    }

    @Test
    void dataSegmentsAndBulkMemory() {
        assertEquals("0061736d01000000010401600000030201000504010101020c01020a11010f00410041004101fc080100fc09010b0b11020041080b026162010770617373697665",
                encode("(module (memory 1 2) (data (i32.const 8) \"ab\") (data \"passive\")"
                        + " (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 1)))"));
    }

    @Test
    void ifFoldedAndPlainAreTheSame() {
        String expected = "0061736d0100000001060160017f017f030201000a0e010c002000047f41010541020b0b";
        assertEquals(expected, encode("(module (func (param i32) (result i32)"
                + " (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))"));
        assertEquals(expected, encode("(module (func (param i32) (result i32)"
                + " local.get 0 if (result i32) i32.const 1 else i32.const 2 end))"));
        assertEquals(expected, encode("(module (func $f (param $p i32) (result i32)"
                + " local.get $p if $l (result i32) i32.const 1 else $l i32.const 2 end $l))"));
    }

    @Test
    void selectWithAndWithoutTypes() {
        assertEquals("0061736d01000000010401600000030201000a1c011a004101410241001b1a430000803f430000004041001c017d1a0b",
                encode("(module (func (select (i32.const 1) (i32.const 2) (i32.const 0)) drop"
                        + " (select (result f32) (f32.const 1) (f32.const 2) (i32.const 0)) drop))"));
    }

    @Test
    void memargsAndLanes() {
        assertEquals("0061736d010000000104016000000302010005030100010a2b01290041002800041a410042053d01104100fd0c01000000020000000300000004000000fd540003071a0b",
                encode("(module (memory 1) (func (drop (i32.load offset=4 align=1 (i32.const 0)))"
                        + " (i64.store16 offset=0x10 (i32.const 0) (i64.const 5))"
                        + " (drop (v128.load8_lane offset=3 7 (i32.const 0) (v128.const i32x4 1 2 3 4)))))"));
    }

    @Test
    void simdConstantsAndShuffle() {
        assertEquals("0061736d010000000105016000017b030201000a3a013800fd0cffff020003000400050006000700fffffd0c0000c03f000000800000c07f0000807ffd0d000102030405060708090a0b0c0d0e1f0b",
                encode("(module (func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31"
                        + " (v128.const i16x8 -1 2 3 4 5 6 7 0xffff) (v128.const f32x4 1.5 -0 nan inf))))"));
        assertEquals("0061736d010000000105016000017b030201000a22012000fd0c0100000000000000010000000000f0ff44a0c8eb85f3cce17ffd22010b",
                encode("(module (func (result v128) (f64x2.replace_lane 1 (v128.const f64x2 0x1p-1074 -nan:0x1) (f64.const 1e308))))"));
    }

    @Test
    void elementSegmentForms() {
        assertEquals("0061736d0100000001040160000003020100040401700004091a040041010b010001000100030001000441020b02d2000bd0700b0a040102000b",
                encode("(module (table 4 funcref) (elem (i32.const 1) 0) (elem func 0) (elem declare func 0)"
                        + " (elem (table 0) (offset (i32.const 2)) funcref (item ref.func 0) (ref.null func)) (func))"));
    }

    @Test
    void tableInstructionsWithNames() {
        assertEquals("0061736d01000000010401600000030201000407027000016f0001090b01060141000b6f01d06f0b0a30012e00410041004100fc0e0000410041004100fc0c0001fc0d00fc10011ad06f4101fc0f011a4100d06f4100fc11010b",
                encode("(module (table $t 1 funcref) (table $u 1 externref)"
                        + " (elem (table $u) (i32.const 0) externref (ref.null extern))"
                        + " (func (table.copy $t $t (i32.const 0) (i32.const 0) (i32.const 0))"
                        + " (table.init $u 0 (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 0)"
                        + " (drop (table.size $u)) (drop (table.grow $u (ref.null extern) (i32.const 1)))"
                        + " (table.fill $u (i32.const 0) (ref.null extern) (i32.const 0))))"));
    }

    @Test
    void numericEdgesAndSaturation() {
        assertEquals("0061736d01000000010401600000030201000a26012400430000803ffc001a4203c41a43ffff7f7f1a4400000000000010801a43010000001a0b",
                encode("(module (func (i32.trunc_sat_f32_s (f32.const 1)) drop (i64.extend32_s (i64.const 3)) drop"
                        + " (f32.const 0x1.fffffep127) drop (f64.const -0x1.0p-1022) drop (f32.const 1e-45) drop))"));
    }

    @Test
    void startAndMultiValueBlocks() {
        assertEquals("0061736d01000000010401600000030201000801000a040102000b", encode("(module (start 0) (func))"));
        assertEquals("0061736d010000000109026000027f7e60000003030200010a12020600410142020b0900020010000b1a1a0b",
                encode("(module (func (result i32 i64) (i32.const 1) (i64.const 2))"
                        + " (func (block (result i32 i64) (call 0)) drop drop))"));
    }

    @Test
    void implicitTypesAreAppendedAfterExplicitOnes() {
        // (type 0) is the explicit [i32]->[]; the i64 function gets a new type 1; the third reuses 0.
        String h = encode("(module (func (param i64)) (type (func (param i32))) (func (param i32)))");
        assertTrue(h.startsWith("0061736d01000000" + "010902" + "60017f00" + "60017e00" + "0303020100"), h);
    }

    @Test
    void labelsAndBranchTables() {
        String expected = "0061736d01000000010401600000030201000a11010f000240024041000e020100000b0b0b";
        assertEquals(expected, encode("(module (func (block (block (br_table 1 0 0 (i32.const 0))))))"));
        assertEquals(expected, encode("(module (func (block $a (block $b (br_table $a $b $b (i32.const 0))))))"));
        assertEquals(expected, encode("(module (func block $a block $b i32.const 0 br_table $a $b 0 end end))"));
    }

    @Test
    void nameSectionCarriesModuleFunctionAndLocalNames() {
        byte[] m = WatParser.parseModule("(module $mod (func $fun (param $a i32) (local $b i64)))");
        String h = hex(m);
        String names = hex("name".getBytes(StandardCharsets.US_ASCII));
        assertTrue(h.contains(names), h);
        assertTrue(h.contains("0004036d6f64"), h); // module name "mod"
        assertTrue(h.contains("010601000366756e"), h); // function 0 "fun"
        assertTrue(h.contains("0209010002000161010162"), h); // locals 0 "a", 1 "b"
    }

    @Test
    void textErrorsCarryPositionsAndSpecMessages() {
        assertEquals("1:14: unknown operator i32.const0", error("(func (drop (i32.const0)))"));
        assertEquals("2:22: unexpected token (near 'result')", error("(func\n  (param i32) (nop) (result i32))"));
        assertTrue(error("(func (i32.const 0x100000000) drop)").endsWith("constant out of range"));
        assertTrue(error("(func $f) (func $f)").endsWith("duplicate func"));
        assertTrue(error("(func (local $x i32) (local $x i32))").endsWith("duplicate local"));
        assertTrue(error("(func block $a end $b)").endsWith("mismatching label"));
        assertTrue(error("(func (br $nowhere))").contains("unknown label"));
        assertTrue(error("(func (call $nowhere))").contains("unknown func"));
        assertTrue(error("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))").endsWith("alignment must be a power of two"));
        assertTrue(error("(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))").endsWith("i32 constant out of range"));
        assertTrue(error("(func) (import \"\" \"\" (func))").endsWith("import after function"));
        assertTrue(error("(func) (start 0) (start 0)").endsWith("multiple start sections"));
        assertTrue(error("(type $t (func)) (func (type $t) (param i32))").endsWith("inline function type"));
        assertTrue(error("(export \"\\80\" (func 0)) (func)").endsWith("malformed UTF-8 encoding"));
        assertTrue(error("(func (v128.const i32x4 1 2 3))").endsWith("wrong number of lane literals"));
        assertTrue(error("(func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)))").endsWith("malformed lane index"));
        assertTrue(error("(global anyfunc (ref.null func))").endsWith("unknown operator anyfunc"));
        assertTrue(error("(data $l\"a\")").contains("unknown operator"));
        assertTrue(error("(func (f32.const nan:canonical))").contains("unexpected token"));
        assertTrue(error("(func \"unclosed)").endsWith("unclosed string"));
        assertTrue(error("(; never closed").endsWith("unclosed comment"));
    }

    @Test
    void positionsCountLinesAndColumns() {
        assertEquals("3:5: unknown operator i32.nope", error("(module\n  (func\n    i32.nope))"));
        assertEquals("10:7: unknown operator bad", WatParserTest.errorAt("(func bad)", 10, 1));
    }

    private static String errorAt(String wat, int line, int column) {
        return assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(wat, line, column)).getMessage();
    }

    @Test
    void annotationsAndCommentsAreIgnored() {
        assertArrayEquals(WatParser.parseModule("(module (func (nop)))"),
                WatParser.parseModule("(module (@name \"x\" (nested ( ) ) ) ;; line\n (func (; block (; nested ;) ;) (nop)))"));
    }

    @Test
    void invalidButWellFormedModulesStillEncode() {
        // Out-of-range numeric indices and type errors are for the validator.
        WatParser.parseModule("(module (func (call 42) (local.get 7) (i32.add (f32.const 0))))");
        WatParser.parseModule("(module (memory 70000) (func (drop (i32.load align=8 (i32.const 0)))))");
    }

    @Test
    void deepPlainNestingDoesNotOverflowTheStack() {
        int depth = 100_000;
        StringBuilder b = new StringBuilder("(module (func ");
        b.append("block ".repeat(depth)).append("end ".repeat(depth)).append("))");
        byte[] m = WatParser.parseModule(b.toString());
        assertTrue(m.length > 2 * depth);
    }

    @Test
    void deepFoldedNestingDoesNotOverflowTheStack() {
        int depth = 100_000;
        StringBuilder b = new StringBuilder("(module (func (result i32) ");
        b.append("(i32.add (i32.const 1) ".repeat(depth)).append("(i32.const 0)").append(")".repeat(depth));
        b.append(" (block ".repeat(depth)).append(")".repeat(depth));
        b.append(" (if (i32.const 1) (then ".repeat(1000)).append("))".repeat(1000));
        b.append("))");
        byte[] m = WatParser.parseModule(b.toString());
        assertTrue(m.length > 4 * depth);
    }

    @Test
    void unbalancedDeepNestingIsAnError() {
        String wat = "(module (func " + "(block ".repeat(200_000) + "))";
        assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(wat));
    }

    @Test
    void largeModulesParseQuickly() {
        StringBuilder b = new StringBuilder("(module (memory 1)\n");
        int funcs = 0;
        while (b.length() < 10_000_000) {
            b.append("(func $f").append(funcs++).append(" (param $x i32) (result i32)")
                    .append(" (i32.add (i32.mul (local.get $x) (i32.const 0x1234)) (i32.load offset=8 (local.get $x)))")
                    .append(" (f64.const 1.2345678901234567e-300) drop (f32.const 0x1.8p3) drop)\n");
        }
        b.append(")");
        long t0 = System.nanoTime();
        byte[] m = WatParser.parseModule(b.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(m.length > 1_000_000);
        assertTrue(ms < 20_000, "10 MB took " + ms + " ms");
    }
}
