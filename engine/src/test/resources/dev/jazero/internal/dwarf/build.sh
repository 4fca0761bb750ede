#!/bin/sh
# Rebuilds the DWARF test modules from traps.c and helper.c (two compilation units, and a
# function from helper.h), and the reference dumps of their line tables that the tests compare
# with. The .wasm and .txt files are committed, so the tests need neither clang nor this script.
# Needs Debian's clang 14, lld and llvm (llvm-dwarfdump-14):
#   apt-get install -y clang lld llvm
# -O0 keeps every function (no inlining); -nostdlib, --no-entry and --export=run make a module
# that imports nothing; -fdebug-compilation-dir=. keeps the build directory out of the DWARF.
# traps.wasm has DWARF 4 (clang 14's default), traps-dwarf5.wasm DWARF 5.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang}
FLAGS="--target=wasm32 -nostdlib -O0 -fdebug-compilation-dir=. -Wl,--no-entry -Wl,--export=run"
$CC $FLAGS -g -o traps.wasm traps.c helper.c
$CC $FLAGS -gdwarf-5 -o traps-dwarf5.wasm traps.c helper.c
for m in traps traps-dwarf5; do
    llvm-dwarfdump-14 --debug-line $m.wasm | sed "s|^.*$m.wasm:|$m.wasm:|" > $m.debug_line.txt
done
