package dev.jazero.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {

    @Test
    void i32AcceptsSignedUnsignedAndHex() {
        assertEquals(0xFFFF_FFFFL, ArgumentParser.parse(ValueType.I32, "-1"));
        assertEquals(0xFFFF_FFFFL, ArgumentParser.parse(ValueType.I32, "4294967295"));
        assertEquals(0xFFFF_FFFFL, ArgumentParser.parse(ValueType.I32, "0xffff_ffff"));
        assertEquals(0x8000_0000L, ArgumentParser.parse(ValueType.I32, "-2147483648"));
        assertEquals(16, ArgumentParser.parse(ValueType.I32, "+0x10"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.I32, "4294967296"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.I32, "-2147483649"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.I32, "1.0"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.I32, ""));
    }

    @Test
    void i64AcceptsTheWholeUnsignedRange() {
        assertEquals(-1L, ArgumentParser.parse(ValueType.I64, "18446744073709551615"));
        assertEquals(Long.MIN_VALUE, ArgumentParser.parse(ValueType.I64, "-0x8000000000000000"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.I64, "18446744073709551616"));
    }

    @Test
    void floatsAcceptJavaAndWasmText() {
        assertEquals(0x3FC0_0000L, ArgumentParser.parse(ValueType.F32, "1.5"));
        assertEquals(0x7FC0_0000L, ArgumentParser.parse(ValueType.F32, "nan"));
        assertEquals(0xFFC0_0000L, ArgumentParser.parse(ValueType.F32, "-nan"));
        assertEquals(0x7F80_0001L, ArgumentParser.parse(ValueType.F32, "nan:0x1"));
        assertEquals(0x7F80_0000L, ArgumentParser.parse(ValueType.F32, "inf"));
        assertEquals(0xFF80_0000L, ArgumentParser.parse(ValueType.F32, "-Infinity"));
        assertEquals(0x4160_0000L, ArgumentParser.parse(ValueType.F32, "0x1.cp3"));
        assertEquals(Double.doubleToRawLongBits(1.5), ArgumentParser.parse(ValueType.F64, "0x1.8"));
        assertEquals(Double.doubleToRawLongBits(1e10), ArgumentParser.parse(ValueType.F64, "1_0e9"));
        assertEquals(0x7FF8_0000_0000_0000L, ArgumentParser.parse(ValueType.F64, "NaN"));
        assertEquals(0xFFF0_0000_0000_0001L, ArgumentParser.parse(ValueType.F64, "-nan:0x1"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.F32, "nan:0x800000"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.F64, "one"));
    }

    @Test
    void f32TextRoundsOnceStraightToF32() {
        // Rounding through f64 first would give the other neighbour of this halfway case.
        String text = "1.00000005960464477539062500000000001";
        assertEquals(0x3F80_0001L, ArgumentParser.parse(ValueType.F32, text));
    }

    @Test
    void parsesAListAndNamesTheBadArgument() {
        assertArrayEquals(new long[] {7, 0x10, 0, -2}, ArgumentParser.parse(
                List.of(ValueType.I32, ValueType.V128, ValueType.I64), List.of("7", "0x10", "-2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArgumentParser.parse(List.of(ValueType.I32, ValueType.I64), List.of("1", "x")));
        assertTrue(e.getMessage().startsWith("argument 2 'x' is not a valid i64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(List.of(ValueType.I32), List.of()));
        assertEquals("expected 1 argument (i32), got 0", e.getMessage());
    }

    @Test
    void referencesAreNullOrHostValues() {
        assertEquals(0, ArgumentParser.parse(ValueType.FUNCREF, "null"));
        assertEquals(42, ArgumentParser.parse(ValueType.EXTERNREF, "42"));
        assertThrows(IllegalArgumentException.class, () -> ArgumentParser.parse(ValueType.FUNCREF, "1"));
    }
}
