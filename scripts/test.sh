#!/usr/bin/env bash
# Runs every test of the project: Rust, Python and WebAssembly (Node and
# headless Chromium). Installs what it needs first and is safe to re-run.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Rust: format, lints, docs"
cargo fmt --all -- --check
# incompatible_msrv (in clippy::all, named so it cannot be switched off by
# accident) rejects std items newer than the workspace's rust-version.
cargo clippy --workspace --all-targets --locked -- -D warnings -D clippy::incompatible_msrv
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "Rust: rust-version covers the dependencies (and the code, where that toolchain is installed)"
scripts/check-msrv.sh

step "Rust: unit, conformance, property and doc tests"
cargo test --workspace --locked

step "Rust: benches compile (they run with cargo bench, not here)"
cargo bench -p stegvis-benches --no-run --locked

step "Example data: the committed CSVs are what the generator makes"
python3 examples/nordost/generate.py --check
python3 examples/region/generate.py --check

step "Example report runs"
cargo run --release --locked -q -p stegvis-cli -- report --example nordost > /dev/null

step "Python"
scripts/test-python.sh

step "WebAssembly"
scripts/test-wasm.sh

step "Fuzzing: every target for a short fixed time (skipped without nightly)"
scripts/fuzz.sh

step "All tests passed"
