// tag::readme[]
package example.hostmodule;

import dev.jazero.Runtime;
import dev.jazero.api.Module;

/** A guest that imports the functions of {@link Greeter}, through the generated Greeter_HostModule. */
public final class Main {

    public static void main(String[] args) {
        String wat = """
            (module
              (import "greeter" "greet" (func $greet (param i32 i32)))
              (import "greeter" "greeting_count" (func $count (result i32)))
              (memory 1)
              (data (i32.const 0) "WebAssembly")
              (func (export "main") (result i32)
                (call $greet (i32.const 0) (i32.const 11))
                (call $count)))
            """;
        try (Runtime runtime = Runtime.create()) {
            Greeter_HostModule.newBuilder(runtime, new Greeter(System.out)).instantiate();
            Module guest = runtime.instantiate(runtime.compileModule(wat));
            long[] results = guest.exportedFunction("main").call();   // prints "Hello, WebAssembly!"
            System.out.println("greetings: " + results[0]);          // prints "greetings: 1"
        }
    }
}
// end::readme[]
