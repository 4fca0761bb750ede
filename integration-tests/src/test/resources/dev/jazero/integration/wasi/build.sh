#!/bin/sh
# Rebuilds malloc-blocks.wasm from malloc-blocks.c. The .wasm is committed, so that the tests need
# no clang. Needs Debian 12's packages:
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Wl,--strip-all -o malloc-blocks.wasm malloc-blocks.c
