#!/usr/bin/env bash
# Builds the Python package (crates/py) as a wheel, installs it into .venv at
# the repository root, and runs the Python suite: pytest (shared vectors,
# input corpus, docstring examples, README quick start), mypy's stubtest on
# the shipped stubs, and the example notebook executed headless.
#
# Safe to re-run and needs no stdin: the venv and each tool are created or
# installed only when missing. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

step() { printf '\n--> %s\n' "$*"; }

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    step "Creating .venv"
    "$PYTHON" -m venv .venv
fi
VENV_PY=$ROOT/.venv/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

# Installs a requirement unless its module already imports.
need() {
    local module=$1 requirement=$2
    if ! "$VENV_PY" -c "import $module" >/dev/null 2>&1; then
        step "Installing $requirement"
        "$VENV_PY" -m pip install --quiet "$requirement"
    fi
}
need maturin "maturin>=1.9.4,<2"
need pytest pytest
need mypy mypy
need numpy numpy
need pandas pandas
need polars polars
need pyarrow pyarrow
need matplotlib matplotlib
need nbclient nbclient
need openpyxl openpyxl
need nbformat nbformat
need ipykernel ipykernel
# stegvis.dask's tests run a two-process LocalCluster (crates/py/tests/test_dask.py).
need dask.dataframe "dask[dataframe]"
need distributed distributed

# The quick-start test compares with the CLI's JSON on the Nordost example.
step "Building the CLI"
cargo build --release --locked --quiet -p stegvis-cli
export STEGVIS_CLI=$ROOT/target/release/stegvis

step "Building the wheel"
rm -f target/wheels/stegvis-*.whl
"$ROOT/.venv/bin/maturin" build --release --quiet -m crates/py/Cargo.toml -o target/wheels \
    --interpreter "$VENV_PY"
WHEEL=$(ls target/wheels/stegvis-*.whl)
"$VENV_PY" -m pip install --quiet --force-reinstall --no-deps "$WHEEL"

# Tests import the installed package, never the source tree, so run them
# from a directory where `stegvis` is not importable by path.
cd "$ROOT/crates/py"

step "pytest"
"$VENV_PY" -m pytest tests -q -p no:cacheprovider

step "stubtest"
"$VENV_PY" -m mypy.stubtest stegvis

step "Notebook examples/notebooks/nordost.ipynb"
"$VENV_PY" - "$ROOT/examples/notebooks/nordost.ipynb" <<'PY'
import sys
import nbformat
from nbclient import NotebookClient

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
directory = path.rsplit("/", 1)[0]
# Raises CellExecutionError (and so exits non-zero) if any cell fails.
NotebookClient(notebook, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": directory}}).execute()
print(f"notebook ran: {len(notebook.cells)} cells")
PY

step "Python suite passed"
