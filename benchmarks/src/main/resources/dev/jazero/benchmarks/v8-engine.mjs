// The V8 side of the benchmarks' engine "v8": reads commands on stdin, one per line, and answers
// each with one line: "load FILE" instantiates a module that imports nothing ("ok"), "call NAME
// ARG" calls an export with one i32 argument (its result, an i32 as unsigned, an i64 as is).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

let instance;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, a, b] = line.split(' ');
  if (command === 'load') {
    instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(a)), {});
    process.stdout.write('ok\n');
  } else if (command === 'call') {
    const result = instance.exports[a](Number(b));
    process.stdout.write((typeof result === 'bigint' ? result : result >>> 0) + '\n');
  }
}
