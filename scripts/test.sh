#!/usr/bin/env bash
# Runs every test of the project: Rust, Python and WebAssembly (Node and
# headless Chromium). Installs what it needs first and is safe to re-run.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Rust: format, lints, docs"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "Rust: unit, conformance, property and doc tests"
cargo test --workspace --locked

step "Rust: benches compile (they run with cargo bench, not here)"
cargo bench -p stegvis-benches --no-run --locked

step "Example data: the committed CSVs are what the generator makes"
python3 examples/nordost/generate.py --check

step "Example report runs"
cargo run --release --locked -q -p stegvis-cli -- report --example nordost > /dev/null

step "Python"
scripts/test-python.sh

step "WebAssembly"
scripts/test-wasm.sh

step "All tests passed"
