// tag::readme[]
package example.hostmodule;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.PtrLen;
import dev.jazero.annotations.WasmExport;
import java.io.PrintStream;

/** The host module "greeter": each {@code @WasmExport} method is a function a guest can import. */
@HostModule("greeter")
public class Greeter {
    private final PrintStream out;
    private int count;

    public Greeter(PrintStream out) {
        this.out = out;
    }

    /** Imported as "greet": (func (param $name i32) (param $name_len i32)). */
    @WasmExport
    public void greet(@PtrLen String name) {
        out.println("Hello, " + name + "!");
        count++;
    }

    /** Imported as "greeting_count": (func (result i32)). */
    @WasmExport
    public int greetingCount() {
        return count;
    }
}
// end::readme[]
