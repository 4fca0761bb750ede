package example.deadline;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.Module;
import dev.jazero.sys.ExitException;
import java.time.Duration;

/**
 * Stops a guest that never returns: with cancellation on, a call given a deadline ends there,
 * in a loop without calls too, and the runtime stays usable.
 */
public final class Main {

    public static void main(String[] args) {
        RuntimeConfig config = RuntimeConfig.compiler().withCloseOnCancel(true);
        try (Runtime runtime = Runtime.create(config)) {
            Module module = runtime.instantiate(runtime.compileModule("""
                (module
                  (func (export "spin") (loop $forever (br $forever)))
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (local.get 0) (local.get 1))))
                """));
            Function spin = module.exportedFunction("spin");
            long start = System.nanoTime();
            try {
                spin.call(Duration.ofMillis(200));
            } catch (ExitException e) {  // the module was closed at the deadline
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("spin stopped at its deadline: " + (millis >= 200 && millis < 10_000));
            }
            System.out.println("module closed: " + module.isClosed());

            Module again = runtime.instantiate(runtime.compileModule("""
                (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                """));
            System.out.println("the runtime still runs modules: 2 + 3 = " + again.exportedFunction("add").call(2, 3)[0]);
        }
    }
}
