// tag::readme[]
package example.callexport;

import dev.jazero.CompiledModule;
import dev.jazero.Runtime;
import dev.jazero.api.Function;
import dev.jazero.api.Module;
import java.io.IOException;
import java.io.InputStream;

/** Compiles a module, instantiates it and calls one of its exported functions. */
public final class Main {

    public static void main(String[] args) throws IOException {
        byte[] wat;
        try (InputStream in = Main.class.getResourceAsStream("/gcd.wat")) {
            wat = in.readAllBytes();  // the text format, or a .wasm file's bytes
        }
        try (Runtime runtime = Runtime.create()) {
            CompiledModule compiled = runtime.compileModule(wat);
            Module module = runtime.instantiate(compiled);
            Function gcd = module.exportedFunction("gcd");
            long[] results = gcd.call(1071, 462);  // i64 parameters and results are plain longs
            System.out.println("gcd(1071, 462) = " + results[0]);
        }
    }
}
// end::readme[]
