#!/usr/bin/env bash
# Rebuilds kotlin-wasm.wasm (new EH proposal: try_table/exnref) and
# kotlin-wasm-legacy.wasm (legacy EH: try/catch) from Main.kt for the Kotlin/Wasm
# WASI target, without Gradle, and writes kotlin-wasm.expected from a Node.js run.
#
# Needs: java (17+), mvn (Maven Central reachable), npm (npm registry reachable).
# Everything else (Kotlin compiler, WASI stdlib klib, Node 22) is downloaded here.
#
# Environment knobs:
#   WORK=<dir>      scratch dir for downloads/intermediates (default: /tmp/kotlin-wasm/build)
#   NODE_DIR=<dir>  where `npm install node@22` goes (default: /tmp/kotlin-wasm/node22)
#   NODE=<path>     use this node (>= 22) instead of installing one
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KOTLIN_VERSION=2.4.21
WORK="${WORK:-/tmp/kotlin-wasm/build}"
NODE_DIR="${NODE_DIR:-/tmp/kotlin-wasm/node22}"
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

mkdir -p "$WORK"
rm -rf "$WORK/lib" "$WORK/klib" "$WORK/new" "$WORK/legacy"

# --- 1. Download the compiler (with its runtime deps) and the WASI stdlib klib ----
# kotlin-stdlib-wasm-wasi is published with packaging "klib"; its Gradle module
# metadata (kotlin-stdlib-wasm-wasi-2.4.21.module) names the file
# kotlin-stdlib-wasm-wasi-2.4.21.klib for the wasmWasi{Api,Runtime}Elements variants.
cat > "$WORK/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>kotlinc-wasm-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.jetbrains.kotlin</groupId><artifactId>kotlin-compiler-embeddable</artifactId><version>${KOTLIN_VERSION}</version></dependency>
    <dependency><groupId>org.jetbrains.kotlin</groupId><artifactId>kotlin-stdlib-wasm-wasi</artifactId><version>${KOTLIN_VERSION}</version><type>klib</type></dependency>
  </dependencies>
</project>
EOF
mvn -q -B -f "$WORK/pom.xml" "$DEP_PLUGIN:copy-dependencies" -DoutputDirectory="$WORK/lib"

STDLIB="$WORK/lib/kotlin-stdlib-wasm-wasi-${KOTLIN_VERSION}.klib"
CP="$(ls "$WORK"/lib/*.jar | tr '\n' ':')"
# Since Kotlin 2.4.0 `K2JSCompiler -Xwasm` is deprecated; KotlinWasmCompiler is kotlinc-wasm.
KOTLINC=(java -cp "$CP" org.jetbrains.kotlin.cli.js.KotlinWasmCompiler)

# --- 2. Compile Main.kt to a klib ---------------------------------------------------
"${KOTLINC[@]}" -Xwasm-target=wasm-wasi \
  -libraries "$STDLIB" \
  -ir-output-dir "$WORK/klib" -ir-output-name main \
  "$HERE/Main.kt"

# --- 3. Link the klib (+ stdlib) into .wasm, once per exception-handling flavour -----
# -Xir-produce-js is the "produce executable" switch (for Wasm it emits .wasm + .mjs);
# -Xir-dce is what Gradle's production build uses (dead-code elimination).
# -Xwasm-use-new-exception-proposal is already the default for wasm-wasi in 2.4.21;
# it is passed explicitly for clarity.
link() { # $1 = out dir, rest = extra flags
  local out="$1"; shift
  "${KOTLINC[@]}" -Xwasm-target=wasm-wasi -Xir-produce-js -Xir-dce "$@" \
    -Xinclude="$WORK/klib/main.klib" \
    -libraries "$STDLIB" \
    -ir-output-dir "$out" -ir-output-name kotlin-wasm
}
link "$WORK/new" -Xwasm-use-new-exception-proposal
link "$WORK/legacy" -Xwasm-use-new-exception-proposal=false

cp "$WORK/new/kotlin-wasm.wasm" "$HERE/kotlin-wasm.wasm"
cp "$WORK/legacy/kotlin-wasm.wasm" "$HERE/kotlin-wasm-legacy.wasm"
ls -l "$HERE/kotlin-wasm.wasm" "$HERE/kotlin-wasm-legacy.wasm"

# --- 4. Optional: check which EH instructions each module uses (binaryen) ----------
BINARYEN_BIN="${BINARYEN_BIN:-$HOME/.cache/jazero/binaryen-132/node_modules/.bin}"
if [ -x "$BINARYEN_BIN/wasm-dis" ]; then
  for m in kotlin-wasm kotlin-wasm-legacy; do
    "$BINARYEN_BIN/wasm-dis" --all-features "$HERE/$m.wasm" -o "$WORK/$m.wat"
    echo "$m.wasm: try_table=$(grep -cE '\(try_table' "$WORK/$m.wat")" \
         "legacy try=$(grep -cE '\(try( |$)' "$WORK/$m.wat")" \
         "throw_ref=$(grep -cE '\(throw_ref' "$WORK/$m.wat")"
  done
fi

# --- 5. Run under Node.js >= 22 (node:wasi preview1) and record the output ----------
if [ -z "${NODE:-}" ]; then
  if [ ! -x "$NODE_DIR/node_modules/.bin/node" ]; then
    npm install --no-save --prefix "$NODE_DIR" node@22 >/dev/null
  fi
  NODE="$NODE_DIR/node_modules/.bin/node"
fi
echo "node: $("$NODE" --version)"
# stderr carries only Node's "WASI is an experimental feature" warning.
"$NODE" "$HERE/run.mjs" "$HERE/kotlin-wasm.wasm" > "$HERE/kotlin-wasm.expected"
"$NODE" "$HERE/run.mjs" "$HERE/kotlin-wasm-legacy.wasm" > "$WORK/legacy.out"
if cmp -s "$HERE/kotlin-wasm.expected" "$WORK/legacy.out"; then
  echo "legacy output matches ($(wc -l < "$HERE/kotlin-wasm.expected") lines)"
else
  echo "legacy output DIFFERS" >&2
  diff "$HERE/kotlin-wasm.expected" "$WORK/legacy.out" >&2 || true
  exit 1
fi
