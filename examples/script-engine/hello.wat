;; For jrunscript: jrunscript -cp cli/target/jazero-cli-VERSION-all.jar -l wasm -f examples/script-engine/hello.wat
;; tag::readme[]
(module
  (import "jsr223" "println" (func $println (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "Hello from WebAssembly")
  (func $main (call $println (i32.const 0) (i32.const 22)))
  (start $main))
;; end::readme[]
