// Runs a Ruby script on CRuby for WASI (the npm package @ruby/3.4-wasm-wasi's ruby.wasm, a WASI
// reactor with a component-model interface) on V8: `node node-ruby.mjs ruby.wasm SCRIPT.rb`.
// The same steps as RubyScript.java on Jazero: _initialize, ruby-init, ruby-init-loadpath, then
// rb-eval-string-protect of the script's text. The JavaScript-interop imports trap if called; the
// canonical ABI's resources are a table of the guest's own values.
import { readFile } from 'node:fs/promises';
import { argv, exit } from 'node:process';
import { WASI } from 'node:wasi';

const wasi = new WASI({ version: 'preview1', args: ['ruby'], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const imports = wasi.getImportObject();
const resources = [];
imports.canonical_abi = {
    'resource_new_rb-abi-value': (rep) => resources.push(rep),
    'resource_get_rb-abi-value': (handle) => resources[handle - 1],
    'resource_drop_js-abi-value': () => {},
};
for (const entry of WebAssembly.Module.imports(module)) {
    if (entry.kind === 'function' && !(entry.module in imports && entry.name in imports[entry.module])) {
        imports[entry.module] ??= {};
        imports[entry.module][entry.name] = () => { throw new Error(`unknown import called: ${entry.module}.${entry.name}`); };
    }
}
const instance = await WebAssembly.instantiate(module, imports);
wasi.initialize(instance);
const e = instance.exports;
const memory = () => new DataView(e.memory.buffer);
const encoder = new TextEncoder();
// A string in the guest's memory, allocated by its cabi_realloc: [pointer, length]. A NUL follows
// it: ruby-init hands the arguments to C as they are.
function string(text) {
    const bytes = encoder.encode(text);
    const ptr = e.cabi_realloc(0, 0, 1, bytes.length + 1) >>> 0;
    new Uint8Array(e.memory.buffer, ptr, bytes.length + 1).set([...bytes, 0]);
    return [ptr, bytes.length];
}
const args = ['ruby', '--disable-gems', '-e_=0'].map(string);
const list = e.cabi_realloc(0, 0, 4, args.length * 8) >>> 0;
args.forEach(([ptr, len], i) => { memory().setUint32(list + i * 8, ptr, true); memory().setUint32(list + i * 8 + 4, len, true); });
e['ruby-init: func(args: list<string>) -> ()'](list, args.length);
e['ruby-init-loadpath: func() -> ()']();
// Evaluates Ruby code; false when it raised.
function evaluate(code) {
    const result = e['rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>'](...string(code));
    return memory().getInt32((result >>> 0) + 4, true) === 0;
}
// Ruby buffers standard output until its exit, which a reactor never reaches: the second call flushes.
const ok = evaluate(await readFile(argv[3], 'utf8'));
evaluate('$stdout.flush; $stderr.flush');
if (!ok) {
    console.error('the script raised an exception');
    exit(1);
}
