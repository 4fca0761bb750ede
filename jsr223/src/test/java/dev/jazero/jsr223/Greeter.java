package dev.jazero.jsr223;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.PtrLen;
import dev.jazero.annotations.WasmExport;
import java.util.ArrayList;
import java.util.List;

/** A host module from an annotated class, bound into the engine by putting an object of it into the bindings. */
@HostModule("greeter")
public class Greeter {
    final List<String> greeted = new ArrayList<>();

    @WasmExport
    public void greet(@PtrLen String name) {
        greeted.add(name);
    }

    @WasmExport
    public int greetingCount() {
        return greeted.size();
    }
}
