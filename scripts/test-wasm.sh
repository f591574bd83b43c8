#!/usr/bin/env bash
# WebAssembly tests: wasm-bindgen tests under Node, the Node suite (every
# shared vector, the error objects, the same numbers as the CLI), the
# TypeScript types, and the page end to end in headless Chromium.
#
# Installs what it needs when missing (Chromium from apt, and through
# scripts/build-wasm.sh the wasm32 target, wasm-bindgen-cli and the npm
# packages); safe to run again. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
WASM_CRATE=crates/wasm
OUTPUT=test-output/wasm

if [ ! -x /usr/bin/chromium ]; then
    step "Installing Chromium (Debian package)"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update </dev/null
    $SUDO apt-get install -y --no-install-recommends chromium </dev/null
fi

scripts/build-wasm.sh

step "wasm32: clippy"
cargo clippy -p stegvis-wasm --all-targets --target wasm32-unknown-unknown --locked -- -D warnings

step "wasm-bindgen tests in Node"
cargo test -p stegvis-wasm --target wasm32-unknown-unknown --locked

step "Node: API, errors, hostile values and every shared vector"
mkdir -p "$OUTPUT"
# The CLI's report of the example, which the Node build must reproduce exactly.
cargo run --release --locked -q -p stegvis-cli -- \
    report --example nordost --as-of 2023-01-31 --format json > "$OUTPUT/nordost-cli.json"
STEGVIS_CLI_JSON="$PWD/$OUTPUT/nordost-cli.json" \
    node --test --test-reporter=spec "$WASM_CRATE"/tests/api.test.mjs "$WASM_CRATE"/tests/encodings.test.mjs "$WASM_CRATE"/tests/hostile.test.mjs \
        "$WASM_CRATE"/tests/vectors.test.mjs "$WASM_CRATE"/tests/readme.test.mjs "$WASM_CRATE"/tests/hostile-corpus.test.mjs \
        "$WASM_CRATE"/tests/episodes.test.mjs \
        "$WASM_CRATE"/tests/esf.test.mjs "$WASM_CRATE"/tests/status_on.test.mjs \
        "$WASM_CRATE"/tests/comparison.test.mjs \
        "$WASM_CRATE"/tests/document.test.mjs \
        "$WASM_CRATE"/tests/xlsx.test.mjs "$WASM_CRATE"/tests/partials.test.mjs \
        "$WASM_CRATE"/tests/participants.test.mjs "$WASM_CRATE"/tests/feed.test.mjs

step "TypeScript: tsc --noEmit over a consumer of the types"
"$WASM_CRATE/node_modules/.bin/tsc" -p "$WASM_CRATE/tests/types" --noEmit

step "The single-file page (docs/page.md#single-file)"
node scripts/build-page.mjs target/page/stegvis.html

step "Browser: the page in headless Chromium"
node --test --test-reporter=spec "$WASM_CRATE"/tests/page.test.mjs
step "Browser: the page used alone (file://, half-loaded data, axe-core, templates)"
node --test --test-reporter=spec "$WASM_CRATE"/tests/page-alone.test.mjs

step "Browser: evaluation in a Web Worker with progress, served and from file:// (docs/page.md#worker)"
node --test --test-reporter=spec "$WASM_CRATE"/tests/worker.test.mjs

step "Browser: the printable report printed to PDF (A4) in headless Chromium"
node --test --test-reporter=spec "$WASM_CRATE"/tests/print.test.mjs
echo "screenshots: $OUTPUT/"
