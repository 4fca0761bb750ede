package dev.jazero.integration.hostmodule;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.I31;
import dev.jazero.api.WasmStruct;
import java.util.ArrayList;
import java.util.List;

/** A host module whose functions take and return references: host objects and the guest's structs. */
@HostModule("labels")
public class Labels {

    /** Two results: a reference and a number. */
    public record Measured(Object label, int length) {
    }

    final List<WasmStruct> kept = new ArrayList<>();

    @WasmExport
    public Object repeat(Object value, int times) {
        return String.valueOf(value).repeat(times);
    }

    @WasmExport
    public Measured measure(Object value) {
        return new Measured(value, String.valueOf(value).length());
    }

    @WasmExport
    public void keep(WasmStruct struct) {
        kept.add(struct);
    }

    @WasmExport
    public WasmStruct first() {
        return kept.isEmpty() ? null : kept.get(0);
    }

    @WasmExport
    public I31 small(int value) {
        return I31.of(value);
    }
}
