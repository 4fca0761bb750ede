#!/bin/sh
# Rebuilds examples/hello.wasm from examples/hello.c: the committed .wasm is what CI and README
# run, so that nothing needs clang just to run it. Needs Debian 12's packages:
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Wl,--strip-all -o hello.wasm hello.c
