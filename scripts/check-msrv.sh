#!/usr/bin/env bash
# Checks the workspace's `rust-version` (the minimum supported Rust version,
# MSRV) as far as this machine allows. Downloads no toolchain by default.
#
# 1. Dependencies: no package in Cargo.lock declares a `rust-version` above
#    the workspace's (from `cargo metadata`; web-free once the crates are
#    fetched).
# 2. Standard library: clippy's `incompatible_msrv` lint reads
#    `rust-version` and rejects any std item stabilised after it. It is part
#    of `clippy::all`, which scripts/test.sh runs with `-D warnings`, and is
#    also named there explicitly. This script does not repeat it.
# 3. The language: `cargo +<rust-version> check` of the whole workspace, the
#    only check that catches syntax and compiler features newer than
#    `rust-version` (let-chains need 1.88, for instance). When rustup does
#    not have that toolchain it tries to install it (a minimal profile, a
#    few seconds where rustup's server is reachable); where it cannot, the
#    step says it was skipped rather than failing, since the machine, not
#    the code, is at fault. STEGVIS_MSRV_INSTALL=0 skips the attempt.
#
# Safe to re-run, needs no stdin; exits non-zero on a failed check.
set -euo pipefail
cd "$(dirname "$0")/.."

metadata=$(cargo metadata --format-version 1 --locked)

# Prints the highest dependency rust-version, then on its own last line the
# workspace's; fails on any dependency that needs more than the workspace says.
report=$(python3 -c '
import json, sys

def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))

meta = json.load(sys.stdin)
members = set(meta["workspace_members"])
ours = {p["rust_version"] for p in meta["packages"] if p["id"] in members}
if len(ours) != 1 or None in ours:
    sys.exit(f"workspace members disagree on rust-version: {sorted(map(str, ours))}")
(msrv,) = ours
deps = [(version(p["rust_version"]), p["name"], p["version"], p["rust_version"])
        for p in meta["packages"] if p["id"] not in members and p.get("rust_version")]
too_new = [d for d in deps if d[0] > version(msrv)]
for _, name, ver, rv in sorted(too_new, reverse=True):
    print(f"  {name} {ver} needs Rust {rv}", file=sys.stderr)
if too_new:
    sys.exit(f"rust-version = \"{msrv}\" is below what locked dependencies need (above)")
top = max(deps, default=None)
if top:
    print(f"highest rust-version among the locked dependencies: {top[3]} ({top[1]} {top[2]})")
print(msrv)
' <<<"$metadata")
msrv=${report##*$'\n'}
[ "$report" = "$msrv" ] || echo "${report%$'\n'*}"
echo "rust-version = $msrv covers every locked dependency"

if ! command -v rustup >/dev/null 2>&1; then
    echo "skipped: compiling with Rust $msrv itself (no rustup on this machine)"
    exit 0
fi
find_toolchain() {
    rustup toolchain list | awk '{print $1}' \
        | grep -E "^${msrv//./\\.}(\.[0-9]+)?-" | sort -V | head -n 1 || true
}
toolchain=$(find_toolchain)
if [ -z "$toolchain" ] && [ "${STEGVIS_MSRV_INSTALL:-1}" = 1 ]; then
    timeout 300 rustup toolchain install "$msrv" --profile minimal --no-self-update </dev/null \
        || echo "rustup could not install Rust $msrv here"
    toolchain=$(find_toolchain)
fi
if [ -z "$toolchain" ]; then
    echo "skipped: compiling with Rust $msrv itself (toolchain not installed and not installable here)"
    exit 0
fi
echo "cargo +$toolchain check --workspace --all-targets"
CARGO_TARGET_DIR=target/msrv cargo "+$toolchain" check --workspace --all-targets --locked --quiet
echo "the workspace compiles with $toolchain"
