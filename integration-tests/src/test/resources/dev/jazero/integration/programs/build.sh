#!/bin/sh
# Rebuilds the programs' .wasm files and the outputs the tests expect of them.
#
# two-memories.wasm: main.c and primes.c, each a module with a memory of its own, merged
# by binaryen's wasm-merge into one module with two memories (main's memory 0, primes' memory 1,
# which primes' loads, stores and memory.fill name). Then writes two-memories.expected, the output
# of the same C built natively. The .wasm is committed, so that the tests need none of this.
# Needs clang and lld (Debian 12: apt-get install -y clang lld), gcc, and binaryen 132 from npm:
#   npm install --prefix /tmp/binaryen binaryen@132.0.0
set -eu
cd "$(dirname "$0")"
binaryen="${BINARYEN:-/tmp/binaryen/node_modules/.bin}"
tmp="$(mktemp -d)"
for m in main primes; do
  clang --target=wasm32 -O2 -mbulk-memory -nostdlib -Wl,--no-entry -o "$tmp/$m.wasm" "$m.c"
done
"$binaryen/wasm-merge" --enable-multimemory --enable-bulk-memory --skip-export-conflicts \
  "$tmp/main.wasm" main "$tmp/primes.wasm" primes -o two-memories.wasm
gcc -O2 -o "$tmp/native" native-main.c
"$tmp/native" > two-memories.expected

# wasm64.wasm: a wasm64 WASI command whose data lives above 4 GiB and whose WASI calls take 32-bit
# offsets (no wasm64 libc needed);
# wasm64.expected is the output of the same C built natively.
clang --target=wasm64 -O2 -nostdlib -Wl,--entry=_start -o wasm64.wasm wasm64-main.c
gcc -O2 -o "$tmp/native64" wasm64-main.c
"$tmp/native64" > wasm64.expected

# tail-calls.wasm: threaded code whose handlers tail-call each other ([[musttail]]), built by
# clang 19 with -mtail-call (apt-get install -y clang-19 lld-19); tail-calls.expected is the
# native build's output (clang, as gcc 12 has no musttail).
clang-19 --target=wasm32 -O2 -mtail-call -nostdlib -Wl,--no-entry -Wl,--export=run -o tail-calls.wasm tail-calls.c
clang-19 -O2 -o "$tmp/native-tail" tail-calls.c
"$tmp/native-tail" > tail-calls.expected

# relaxed-simd.wasm: relaxed SIMD intrinsics on inputs where every allowed result agrees, by
# clang 19 with -mrelaxed-simd, linked by wasm-ld itself (clang would run an older wasm-opt on
# PATH, which cannot read relaxed SIMD); relaxed-simd.expected is the scalar native build's.
clang-19 --target=wasm32 -O2 -msimd128 -mrelaxed-simd -c -o "$tmp/relaxed-simd.o" relaxed-simd.c
wasm-ld-19 --no-entry --export=run -o relaxed-simd.wasm "$tmp/relaxed-simd.o"
clang-19 -O2 -o "$tmp/native-relaxed" relaxed-simd.c -lm
"$tmp/native-relaxed" > relaxed-simd.expected
# setjmp-errors.wasm and setjmp-errors-legacy.wasm: a calculator whose errors leave deep recursion
# by longjmp, which clang 22 (apt-get install -y clang-22 lld-22) lowers to WebAssembly exceptions
# with -mllvm -wasm-enable-sjlj: try_table and throw_ref with -mllvm -wasm-use-legacy-eh=false,
# the legacy try, catch and delegate without; setjmp-runtime.c is the runtime the lowering calls.
# setjmp-errors.expected is the native build's output (the libc's setjmp and longjmp).
clang-22 --target=wasm32 -O2 -mexception-handling -c -o "$tmp/setjmp-runtime.o" setjmp-runtime.c
for eh in new legacy; do
  flags="-mllvm -wasm-use-legacy-eh=false"
  out=setjmp-errors.wasm
  if [ "$eh" = legacy ]; then flags=""; out=setjmp-errors-legacy.wasm; fi
  clang-22 --target=wasm32 -O2 -fno-builtin -mexception-handling -mllvm -wasm-enable-sjlj $flags \
    -c -o "$tmp/setjmp-errors-$eh.o" setjmp-errors.c
  wasm-ld-22 --entry=_start -o "$out" "$tmp/setjmp-errors-$eh.o" "$tmp/setjmp-runtime.o"
done
gcc -O2 -o "$tmp/native-setjmp" setjmp-errors.c
"$tmp/native-setjmp" > setjmp-errors.expected
rm -r "$tmp"
