package dev.jazero.internal.text;

import java.util.Arrays;

/**
 * A function type with value types in the compact form of {@link ValTypes}; used to find the type
 * index of a type use and to append implicit type definitions.
 */
record FuncType(long[] params, long[] results) {

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType f && Arrays.equals(params, f.params) && Arrays.equals(results, f.results);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    @Override
    public String toString() {
        return "FuncType" + Arrays.toString(params) + "->" + Arrays.toString(results);
    }

    void encode(ByteWriter w) {
        w.u8(0x60);
        w.u32(params.length);
        for (long p : params) {
            ValTypes.write(w, p);
        }
        w.u32(results.length);
        for (long r : results) {
            ValTypes.write(w, r);
        }
    }
}
