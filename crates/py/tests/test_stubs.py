"""The shipped stubs (_core.pyi) match the extension module: mypy's stubtest."""

from __future__ import annotations

import subprocess
import sys
import tempfile

import pytest


def test_stubtest() -> None:
    pytest.importorskip("mypy")
    # Run away from the source tree so the installed package is checked.
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [sys.executable, "-m", "mypy.stubtest", "stegvis"],
            cwd=empty,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 0, done.stdout + done.stderr


def test_package_is_typed_strictly() -> None:
    pytest.importorskip("mypy")
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", f"{empty}/.mypy_cache", "-p", "stegvis"],
            cwd=empty,
            capture_output=True,
            text=True,
        )
    assert done.returncode == 0, done.stdout + done.stderr
