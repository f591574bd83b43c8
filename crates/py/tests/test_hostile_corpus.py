"""The hostile corpus (``tests/hostile/``, format in its README) through the
Python package: programmes as text, tables as CSV paths. Each case must end
in its expected coded error or report within a time bound; no message may
hold the case's secret; the text report holds no control character."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import stegvis

from conftest import NORDOST, ROOT

HOSTILE = ROOT / "tests" / "hostile"
# Per case, for the release build; generous for a loaded 2-core machine.
TIME_LIMIT_S = 5.0
# Growth of the process's peak resident memory over the whole corpus.
MEMORY_LIMIT_MB = 1024

DEFAULT_FILES = {
    "programme": NORDOST / "programme.toml",
    "participants": NORDOST / "participants.csv",
    "assessments": NORDOST / "assessments.csv",
    "follow_ups": NORDOST / "follow_ups.csv",
}


def _cases() -> List[Dict[str, Any]]:
    with (HOSTILE / "cases.json").open(encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    return [c for c in cases if "python" in c.get("surfaces", ["python"])]


def source_bytes(source: Dict[str, Any]) -> bytes:
    """The bytes a source describes (``text``, ``file`` or ``parts``)."""
    if "text" in source:
        return str(source["text"]).encode("utf-8")
    if "file" in source:
        return (ROOT / "tests" / source["file"]).read_bytes()
    out = bytearray()
    for text, times in source["parts"]:
        if "{i}" in text:
            for i in range(times):
                out += text.replace("{i}", str(i)).encode("utf-8")
        else:
            out += text.encode("utf-8") * times
    return bytes(out)


def _input(case: Dict[str, Any], key: str, tmp: Path) -> Optional[Path]:
    source = case.get(key)
    if source is None:
        return DEFAULT_FILES[key]
    if "path" in source:
        return Path(source["path"])
    path = tmp / f"{key}.{source.get('format', 'csv')}"
    path.write_bytes(source_bytes(source))
    return path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_START_MB = _peak_mb()


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_hostile_case(case: Dict[str, Any], tmp_path: Path) -> None:
    paths = {key: _input(case, key, tmp_path) for key in DEFAULT_FILES}
    expect = case["expect"]
    secret = case.get("secret")
    started = time.perf_counter()
    try:
        programme_path = paths["programme"]
        assert programme_path is not None
        text = programme_path.read_bytes().decode("utf-8")
        read = stegvis.Programme.from_json if programme_path.suffix == ".json" else stegvis.Programme.from_toml
        programme = read(text)
        report = stegvis.evaluate(
            programme,
            paths["participants"],
            paths["assessments"],
            paths["follow_ups"],
            as_of=case.get("as_of", "2023-01-31"),
        )
        text_report = report.to_text() + report.suppress(5).to_text(language="sv")
    except stegvis.StegvisError as e:
        took = time.perf_counter() - started
        assert took < TIME_LIMIT_S, f"took {took:.1f} s"
        assert "enrolled" not in expect, f"expected a report, got {e.code}: {e}"
        if secret:
            assert secret not in str(e) and secret not in repr(e.args)
        if "code" in expect:
            assert e.code == expect["code"], str(e)
        if "row" in expect:
            assert getattr(e, "row", None) == expect["row"], str(e)
        if "column" in expect:
            assert getattr(e, "column", None) == expect["column"], str(e)
        return
    took = time.perf_counter() - started
    assert took < TIME_LIMIT_S, f"took {took:.1f} s"
    assert "enrolled" in expect, f"expected an error {expect}, got a report"
    assert report.enrolment["enrolled"] == expect["enrolled"]
    controls = [c for c in text_report if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0]
    assert not controls, f"the text report holds control characters {controls!r}"
    assert _peak_mb() - _START_MB < MEMORY_LIMIT_MB
