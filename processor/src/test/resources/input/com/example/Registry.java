package com.example;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.I31;
import dev.jazero.api.WasmStruct;

/** References: objects in and out, alone and in a record. */
@HostModule("registry")
public class Registry {

    public record Labelled(Object label, int length) {
    }

    @WasmExport
    public Object label(Object value, int times) {
        return String.valueOf(value).repeat(times);
    }

    @WasmExport
    public void keep(WasmStruct struct) {
    }

    @WasmExport
    public Labelled labelled(Object value) {
        return new Labelled(value, String.valueOf(value).length());
    }

    @WasmExport
    public I31 small(int value) {
        return I31.of(value);
    }
}
