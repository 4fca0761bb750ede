package example.modular;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;

/** The host module "clock": a fixed time, so that the example prints the same every run. */
@HostModule("clock")
public class Clock {

    /** Imported as "hour": (func (result i32)). */
    @WasmExport
    public int hour() {
        return 9;
    }

    /** Imported as "report": (func (param $hour i32)). */
    @WasmExport
    public void report(int hour) {
        System.out.println("the guest says it is " + hour + " o'clock");
    }
}
