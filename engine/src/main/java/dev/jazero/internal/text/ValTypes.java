package dev.jazero.internal.text;

import java.util.Map;

/**
 * Value, reference and heap types: parsing from text and binary encoding.
 *
 * <p>A value type is held in a {@code long}: the single binary byte for number, vector and
 * nullable abstract reference types ({@code i32} is 0x7F, {@code funcref} 0x70); for the other
 * reference types of the typed-function-references proposal, the prefix byte (0x63 nullable, 0x64
 * non-null) in bits 32-39 and the heap type in the low bits, either a type index or, with bit 40
 * set, an abstract heap type byte.
 */
final class ValTypes {

    private ValTypes() {}

    static final long I32 = 0x7F;
    static final long I64 = 0x7E;
    static final long F32 = 0x7D;
    static final long F64 = 0x7C;
    static final long V128 = 0x7B;
    static final long FUNCREF = 0x70;
    static final long EXTERNREF = 0x6F;

    static final long ABSTRACT = 1L << 40;

    private static final Map<String, Integer> HEAP_TYPES = Map.ofEntries(
            Map.entry("func", 0x70), Map.entry("extern", 0x6F), Map.entry("any", 0x6E),
            Map.entry("eq", 0x6D), Map.entry("i31", 0x6C), Map.entry("struct", 0x6B),
            Map.entry("array", 0x6A), Map.entry("exn", 0x69), Map.entry("none", 0x71),
            Map.entry("nofunc", 0x73), Map.entry("noextern", 0x72), Map.entry("noexn", 0x74));

    private static final Map<String, Long> SIMPLE = Map.ofEntries(
            Map.entry("i32", I32), Map.entry("i64", I64), Map.entry("f32", F32),
            Map.entry("f64", F64), Map.entry("v128", V128),
            Map.entry("funcref", FUNCREF), Map.entry("externref", EXTERNREF),
            Map.entry("anyref", 0x6EL), Map.entry("eqref", 0x6DL), Map.entry("i31ref", 0x6CL),
            Map.entry("structref", 0x6BL), Map.entry("arrayref", 0x6AL), Map.entry("exnref", 0x69L),
            Map.entry("nullref", 0x71L), Map.entry("nullfuncref", 0x73L),
            Map.entry("nullexternref", 0x72L), Map.entry("nullexnref", 0x74L));

    /** Whether the cursor is at a value type. */
    static boolean atValType(Cursor c) {
        return (c.at(Tokens.ATOM) && SIMPLE.containsKey(c.text())) || c.atForm("ref");
    }

    /** Whether the cursor is at a reference type. */
    static boolean atRefType(Cursor c) {
        if (c.at(Tokens.ATOM)) {
            Long v = SIMPLE.get(c.text());
            return v != null && v <= 0x74;
        }
        return c.atForm("ref");
    }

    static long valType(Cursor c, IndexSpace types) {
        if (c.at(Tokens.ATOM)) {
            Long v = SIMPLE.get(c.text());
            if (v == null) {
                throw c.unexpected();
            }
            c.pos++;
            return v;
        }
        if (!c.atForm("ref")) {
            throw c.unexpected();
        }
        c.pos += 2;
        boolean nullable = false;
        if (c.atAtom("null")) {
            nullable = true;
            c.pos++;
        }
        long heap = heapType(c, types);
        c.expectRParen();
        if (nullable && (heap & ABSTRACT) != 0) {
            return heap & 0xFF; // (ref null func) is funcref
        }
        return ((nullable ? 0x63L : 0x64L) << 32) | heap;
    }

    static long refType(Cursor c, IndexSpace types) {
        if (!atRefType(c)) {
            throw c.unexpected();
        }
        return valType(c, types);
    }

    /** A heap type: an abstract one (with the ABSTRACT bit) or a type index. */
    static long heapType(Cursor c, IndexSpace types) {
        if (c.at(Tokens.ATOM)) {
            Integer h = HEAP_TYPES.get(c.text());
            if (h != null) {
                c.pos++;
                return ABSTRACT | h;
            }
        }
        if (c.atIndex()) {
            return types.resolve(c);
        }
        throw c.unexpected();
    }

    /** Writes a heap type as parsed by {@link #heapType}: one byte, or an s33 type index. */
    static void writeHeapType(ByteWriter w, long heap) {
        if ((heap & ABSTRACT) != 0) {
            w.u8((int) (heap & 0xFF));
        } else {
            w.s64(heap & 0xFFFFFFFFL);
        }
    }

    static void write(ByteWriter w, long type) {
        if (type < 0x100) {
            w.u8((int) type);
            return;
        }
        w.u8((int) ((type >>> 32) & 0xFF));
        writeHeapType(w, type & (ABSTRACT | 0xFFFFFFFFL));
    }
}
