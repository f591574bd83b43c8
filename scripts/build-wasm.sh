#!/usr/bin/env bash
# Builds the npm package `stegvis` (WebAssembly) and the offline web page.
#
#   crates/wasm/pkg/       ES module for browsers and bundlers (--target web)
#   crates/wasm/pkg-node/  CommonJS build for Node (--target nodejs)
#   crates/wasm/www/       the page; pkg/ and the Nordost example are copied in
#
# Installs what it needs when missing (wasm32 target, wasm-bindgen-cli of the
# version in Cargo.lock, npm packages), so it runs on a fresh machine and is
# safe to run again. Prints the .wasm size, raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_CRATE=crates/wasm
step() { printf '\n==> %s\n' "$*"; }

# --- tools -------------------------------------------------------------------

if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        step "Installing the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
fi

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate.
WBV=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WBV" ]; then
    echo "cannot find the wasm-bindgen version in Cargo.lock" >&2
    exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBV" ]; then
    step "Installing wasm-bindgen-cli $WBV"
    # --locked can fail when the registry lacks one pinned transitive crate.
    cargo install wasm-bindgen-cli --version "$WBV" --locked \
        || cargo install wasm-bindgen-cli --version "$WBV"
fi

# npm ci only when node_modules does not match package-lock.json.
if ! cmp -s "$WASM_CRATE/package-lock.json" "$WASM_CRATE/node_modules/.stegvis-package-lock.json"; then
    step "Installing npm packages (binaryen, typescript, playwright-core)"
    (cd "$WASM_CRATE" && npm ci --no-audit --no-fund)
    cp "$WASM_CRATE/package-lock.json" "$WASM_CRATE/node_modules/.stegvis-package-lock.json"
fi

# --- build -------------------------------------------------------------------

step "Building the wasm module (release)"
# rustc optimises for speed (opt-level 3) and wasm-opt -Oz then for size:
# measured on 100 000 participants × 10 assessments in Chromium, opt-level
# "s" was 2.1× slower for a module only 5 % smaller gzipped. Fat LTO removes
# more dead code; it is set through the environment so the workspace's
# release profile stays as it is.
CARGO_PROFILE_RELEASE_LTO=fat \
    cargo build -p stegvis-wasm --target wasm32-unknown-unknown --release --locked
# Honour CARGO_TARGET_DIR and build.target-dir: ask cargo where it built.
METADATA=$(cargo metadata --no-deps --format-version 1 --locked)
field() { node -e 'const m=JSON.parse(require("fs").readFileSync(0,"utf8"));
    const wasm=m.packages.find(p=>p.name==="stegvis-wasm");
    console.log({target:m.target_directory, version:wasm.version}[process.argv[1]])' "$1" <<<"$METADATA"; }
WASM=$(field target)/wasm32-unknown-unknown/release/stegvis_wasm.wasm
VERSION=$(field version)

# The features rustc enables by default for wasm32-unknown-unknown.
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-reference-types --enable-multivalue --enable-mutable-globals)

# package.json of one output directory. The web build is an ES module; the
# Node build is CommonJS and must not say "type": "module".
package_json() {
    local dir=$1 type=$2
    node - "$dir" "$type" "$VERSION" <<'EOF'
const [dir, type, version] = process.argv.slice(2);
const fs = require("fs");
const pkg = {
  name: "stegvis",
  version,
  description: "Goal attainment, progression and data quality for labour-market programmes, computed locally in WebAssembly",
  license: "MIT OR Apache-2.0",
  keywords: ["evaluation", "labour-market", "statistics", "esf", "webassembly"],
  ...(type === "module" ? { type: "module" } : {}),
  main: "stegvis.js",
  types: "stegvis.d.ts",
  exports: {
    ".": { types: "./stegvis.d.ts", default: "./stegvis.js" },
    "./stegvis_bg.wasm": "./stegvis_bg.wasm",
    "./package.json": "./package.json",
  },
  files: ["stegvis.js", "stegvis.d.ts", "stegvis_bg.wasm", "stegvis_bg.wasm.d.ts", "README.md"],
  sideEffects: false,
};
fs.writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
EOF
}

build_package() {
    local target=$1 dir=$2 type=$3
    rm -rf "$dir"
    wasm-bindgen --target "$target" --out-dir "$dir" --out-name stegvis "$WASM"
    "$WASM_CRATE/node_modules/.bin/wasm-opt" -Oz "${WASM_OPT_FEATURES[@]}" \
        "$dir/stegvis_bg.wasm" -o "$dir/stegvis_bg.wasm"
    cp "$WASM_CRATE/README.md" "$dir/README.md"
    package_json "$dir" "$type"
}

step "wasm-bindgen and wasm-opt: pkg (web) and pkg-node (Node)"
build_package web "$WASM_CRATE/pkg" module
build_package nodejs "$WASM_CRATE/pkg-node" commonjs

step "Assembling the web page"
WWW=$WASM_CRATE/www
rm -rf "$WWW/pkg" "$WWW/examples" "$WWW/templates"
mkdir -p "$WWW/pkg" "$WWW/examples/nordost" "$WWW/templates"
cp "$WASM_CRATE"/pkg/stegvis.js "$WASM_CRATE"/pkg/stegvis_bg.wasm "$WWW/pkg/"
cp examples/nordost/programme.toml examples/nordost/*.csv "$WWW/examples/nordost/"
# The templates the page offers (docs/page.md#templates).
cp examples/templates/programme.toml examples/templates/*.csv "$WWW/templates/"

RAW=$(wc -c < "$WASM_CRATE/pkg/stegvis_bg.wasm")
GZ=$(gzip -9 -c "$WASM_CRATE/pkg/stegvis_bg.wasm" | wc -c)
printf 'stegvis_bg.wasm: %d bytes raw, %d bytes gzip -9\n' "$RAW" "$GZ"
