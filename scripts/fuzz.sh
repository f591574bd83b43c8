#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a fixed short time (default 60 s
# each: 7 minutes for the seven, plus about 3 minutes to build them cold;
# FUZZ_SECONDS to change, FUZZ_TARGETS="a b" to pick targets). scripts/test.sh
# runs it, so CI fuzzes every target briefly. Needs the nightly toolchain;
# installs cargo-fuzz when nightly is there but cargo-fuzz is not. Without
# nightly it prints "skipped: …" and exits 0.
# A crash, panic, timeout (> 1 s per input) or memory blow-up (> 2 GB)
# fails the script; the input is left in fuzz/artifacts/<target>/.
# See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-programme_toml programme_json csv_tables records pipeline xlsx_tables partial_json}"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "skipped: fuzzing needs the nightly toolchain (cargo +nightly), which is not installed"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz (cargo install cargo-fuzz --locked)"
    if ! cargo install cargo-fuzz --locked; then
        echo "skipped: cargo-fuzz is not installed and could not be installed"
        exit 0
    fi
fi

started=$(date +%s)
echo "==> building the fuzz targets"
(cd fuzz && cargo +nightly fuzz build)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in $TARGETS; do
    echo "==> fuzzing $target for ${SECONDS_EACH} s"
    mkdir -p "$scratch/$target"
    # New inputs go to the scratch corpus; the committed seeds are only read.
    log="$scratch/$target.log"
    if (cd fuzz && cargo +nightly fuzz run "$target" "$scratch/$target" "corpus/$target" -- \
        -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 \
        -print_final_stats=1) >"$log" 2>&1; then
        grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
    else
        tail -n 60 "$log"
        echo "FAILED: $target found a problem; the input is in fuzz/artifacts/$target/ (see fuzz/README.md)"
        exit 1
    fi
done
echo "==> fuzzing passed: $(echo $TARGETS | wc -w) targets, $(( $(date +%s) - started )) s in all"
