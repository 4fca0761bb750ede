package dev.jazero.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link ValueType} as a class: the 2.0 constants one instance each, WebAssembly 3.0's reference
 * types made by {@link ValueType#ref}, compared by what they are, and written as the text format
 * writes them.
 */
class ValueTypeTest {

    @Test
    void theNullableReferencesToAbstractHeapTypesAreTheConstants() {
        assertSame(ValueType.FUNCREF, ValueType.ref(HeapType.FUNC, true));
        assertSame(ValueType.EXTERNREF, ValueType.ref(HeapType.EXTERN, true));
        assertSame(ValueType.ref(HeapType.ANY, true), ValueType.ref(HeapType.ANY, true));
        assertEquals("anyref", ValueType.ref(HeapType.ANY, true).toString());
        assertEquals("nullfuncref", ValueType.ref(HeapType.NOFUNC, true).toString());
    }

    @Test
    void otherReferenceTypesCompareByWhatTheyAre() {
        ValueType nonNullFunc = ValueType.ref(HeapType.FUNC, false);
        assertEquals(nonNullFunc, ValueType.ref(HeapType.FUNC, false));
        assertEquals(nonNullFunc.hashCode(), ValueType.ref(HeapType.FUNC, false).hashCode());
        assertNotEquals(ValueType.FUNCREF, nonNullFunc);
        assertEquals("(ref func)", nonNullFunc.toString());
        assertEquals(0x64, nonNullFunc.code());
        ValueType typed = ValueType.ref(HeapType.type(3), true);
        assertEquals(ValueType.ref(HeapType.type(3), true), typed);
        assertNotEquals(ValueType.ref(HeapType.type(4), true), typed);
        assertNotEquals(ValueType.ref(HeapType.type(3), false), typed);
        assertEquals("(ref null 3)", typed.toString());
        assertEquals(0x63, typed.code());
        assertEquals(3, typed.heapType().typeIndex());
        assertFalse(typed.heapType().isAbstract());
        assertThrows(IllegalArgumentException.class, () -> HeapType.type(-1));
    }

    @Test
    void kindsSortEveryType() {
        assertEquals(ValueType.Kind.I32, ValueType.I32.kind());
        assertEquals(ValueType.Kind.V128, ValueType.V128.kind());
        assertEquals(ValueType.Kind.REF, ValueType.EXTERNREF.kind());
        assertEquals(ValueType.Kind.REF, ValueType.ref(HeapType.type(0), false).kind());
        assertEquals(2, ValueType.V128.slots());
        assertEquals(1, ValueType.ref(HeapType.STRUCT, false).slots());
        assertTrue(ValueType.FUNCREF.isNullable());
        assertFalse(ValueType.I32.isNullable());
        assertNull(ValueType.I64.heapType());
        assertSame(HeapType.EXTERN, ValueType.EXTERNREF.heapType());
    }

    @Test
    void oneByteCodes() {
        assertSame(ValueType.I32, ValueType.fromCode(0x7F));
        assertSame(ValueType.FUNCREF, ValueType.fromCode(0x70));
        assertEquals(ValueType.ref(HeapType.EXN, true), ValueType.fromCode(0x69));
        assertNull(ValueType.fromCode(0x40));
        assertSame(HeapType.I31, HeapType.fromCode(0x6C));
        assertNull(HeapType.fromCode(0x7F));
    }
}
