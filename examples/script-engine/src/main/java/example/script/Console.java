// tag::readme[]
package example.script;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.PtrLen;
import dev.jazero.annotations.WasmExport;

/** The host module "console", which a script engine finds when an instance is in its bindings. */
@HostModule("console")
public class Console {
    private final String prefix;

    public Console(String prefix) {
        this.prefix = prefix;
    }

    /** Imported as "log": (func (param $text i32) (param $text_len i32)). */
    @WasmExport
    public void log(@PtrLen String text) {
        System.out.println(prefix + text);
    }
}
// end::readme[]
