package com.example;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;

/** A package-private generic nested class, and adapter names that would clash. */
class Outer {

    @HostModule("wasi_snapshot_preview1")
    static class Inner<T> {

        @WasmExport
        public int inner(int x) {
            return x;
        }

        @WasmExport("inner_long")
        public long inner(long x) {
            return x;
        }

        @WasmExport
        public int getHTTPStatus() {
            return 200;
        }

        @WasmExport
        public void valueType() {
        }
    }
}
