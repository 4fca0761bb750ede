/**
 * A {@code javax.script} engine for WebAssembly: {@code new ScriptEngineManager().getEngineByName("wasm")}.
 * See {@link dev.jazero.jsr223.WasmScriptEngine}.
 */
module dev.jazero.jsr223 {
    requires transitive java.scripting;
    requires transitive dev.jazero;
    requires dev.jazero.wasi;

    exports dev.jazero.jsr223;

    uses dev.jazero.jsr223.HostModuleProvider;

    provides javax.script.ScriptEngineFactory with dev.jazero.jsr223.WasmScriptEngineFactory;
}
