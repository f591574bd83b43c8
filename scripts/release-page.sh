#!/usr/bin/env bash
# The single-file page for a release (docs/page.md#release): builds the
# wasm package and writes target/page/stegvis.html, which works when opened
# from disk. Prints its path and SHA-256; attaching it to the release is
# done by hand (this repository has no CI release workflow).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-wasm.sh
OUT=${1:-target/page/stegvis.html}
node scripts/build-page.mjs "$OUT"
sha256sum "$OUT"
