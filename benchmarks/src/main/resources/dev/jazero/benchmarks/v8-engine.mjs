// The V8 side of the benchmarks' engine "v8": reads commands on stdin, one per line, and answers
// each with one line: "load FILE" instantiates a module that imports nothing ("ok"), "call NAME
// ARG" calls an export with one i32 argument (its result, an i32 as unsigned, an i64 as is, and a
// number that is not an integer, an f64, as its bits).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

let instance;
const view = new DataView(new ArrayBuffer(8));
function bits(f64) {
  view.setFloat64(0, f64, true);
  return view.getBigInt64(0, true);
}
for await (const line of createInterface({ input: process.stdin })) {
  const [command, a, b] = line.split(' ');
  if (command === 'load') {
    instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(a)), {});
    process.stdout.write('ok\n');
  } else if (command === 'call') {
    const result = instance.exports[a](Number(b));
    process.stdout.write((typeof result === 'bigint' ? result : Number.isInteger(result) ? result >>> 0 : bits(result)) + '\n');
  }
}
