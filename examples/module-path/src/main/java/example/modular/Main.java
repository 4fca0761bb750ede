package example.modular;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

/** A guest that imports the module "clock" from the bindings of a script engine. */
public final class Main {

    public static void main(String[] args) throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("wasm");
        engine.put("clock", new Clock());
        engine.eval("""
            (module
              (import "clock" "hour" (func $hour (result i32)))
              (import "clock" "report" (func $report (param i32)))
              (func $main (call $report (i32.add (call $hour) (i32.const 1))))
              (start $main))
            """);
        Module module = Main.class.getModule();
        System.out.println(module.isNamed() ? "in module " + module.getName() : "on the class path");
    }
}
