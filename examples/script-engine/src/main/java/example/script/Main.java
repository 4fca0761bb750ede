// tag::readme[]
package example.script;

import dev.jazero.api.Global;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

/** WebAssembly through javax.script: a module that imports a host module from the bindings. */
public final class Main {

    public static void main(String[] args) throws ScriptException, NoSuchMethodException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");
        engine.put("console", new Console("[wasm] "));   // a @HostModule object: the module "console"
        engine.eval("""
            (module
              (import "console" "log" (func $log (param i32 i32)))
              (memory 1)
              (data (i32.const 0) "started")
              (global (export "answer") i32 (i32.const 42))
              (func $main (call $log (i32.const 0) (i32.const 7)))
              (start $main)
              (func $fac (export "fac") (param $n i64) (result i64)
                (if (result i64) (i64.le_s (local.get $n) (i64.const 1))
                  (then (i64.const 1))
                  (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1))))))))
            """);                                                  // prints "[wasm] started"
        Invocable invocable = (Invocable) engine;
        System.out.println(invocable.invokeFunction("fac", 20L));  // prints 2432902008176640000
        Global answer = (Global) engine.get("answer");             // exports are in the bindings
        System.out.println(answer.get());                          // prints 42
    }
}
// end::readme[]
