package com.example;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;

/** An interface: newBuilder takes any implementation. */
@HostModule("clock")
public interface Clock {

    @WasmExport
    long nowNanos();

    @WasmExport("sleep")
    void sleepNanos(long nanos);
}
