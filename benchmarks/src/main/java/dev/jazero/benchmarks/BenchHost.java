package dev.jazero.benchmarks;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;

/** The host module of the host-call benchmark; jazero-processor generates BenchHost_HostModule. */
@HostModule("bench")
public class BenchHost {
    /** Imported as "add": (func (param $a i32) (param $b i32) (result i32)). */
    @WasmExport
    public int add(int a, int b) {
        return a + b;
    }
}
