// Runs a Kotlin/Wasm WASI module under Node.js (>= 22) with node:wasi preview1.
// Usage: node run.mjs path/to/module.wasm [args...]
// Kotlin/Wasm WASI modules export `memory` and `_start` (main) and carry a Wasm
// start function (_initializeModule) that runs on instantiation.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import { argv, env, exit } from 'node:process';

const file = argv[2];
if (!file) {
  console.error('usage: node run.mjs module.wasm [args...]');
  exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [file, ...argv.slice(3)], env, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(file));
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
const code = wasi.start(instance);
exit(code ?? 0);
