"""The Python quick start: the bundled Nordost example read with pandas and
polars gives the CLI's numbers, and the README's Python snippets run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

import stegvis
from conftest import NORDOST, ROOT

AS_OF = "2023-01-31"

# The deliberate mess of the example (examples/nordost/README.md, "Deliberate
# mess"): designed into the generator, so known without running stegvis.
EXPECTED_QUALITY = {
    ("participants", "age_outside_eligible"): (1, [78]),
    ("participants", "unknown_gender"): (1, [43]),
    ("participants", "missing_exit_outcome"): (1, [24]),
    ("assessments", "unknown_participant"): (1, [1504]),
    ("assessments", "outside_window"): (3, [28, 242, 491]),
    ("assessments", "conflicting_duplicate"): (1, [123]),
}


def quick_start() -> stegvis.Report:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    programme = stegvis.Programme.from_toml(NORDOST / "programme.toml")
    return stegvis.evaluate(
        programme,
        pd.read_csv(NORDOST / "participants.csv"),
        pl.read_csv(NORDOST / "assessments.csv"),
        pd.read_csv(NORDOST / "follow_ups.csv"),
        as_of=AS_OF,
    )


def test_quick_start_reads_the_example() -> None:
    report = quick_start()
    # 200 planned; entries run to 2022-07-31, so all have entered by the end.
    assert report.enrolment["enrolled"] == 200
    assert [g["id"] for g in report.goals] == ["closer", "progression", "retention", "newly_arrived"]
    # The first two count everyone; the others a narrower population
    # (docs/programme.md#population): those due for the 12-month follow-up
    # who left for work or studies, and the newly arrived.
    assert [g["population_size"] for g in report.goals[:2]] == [200, 200]
    assert [g["population"] for g in report.goals] == ["enrolled", "enrolled", "due", "enrolled"]
    assert report.goals[2]["population_after_months"] == 12
    assert report.goals[3]["population_where"] == {"tag": "newly_arrived"}
    for goal in report.goals:
        assert goal["achieved"] == round(goal["share"] * goal["denominator"])
    found = {(i["table"], i["kind"]): (i["count"], i["rows"]) for i in report.data_quality}
    assert found == EXPECTED_QUALITY


def cli() -> List[str]:
    configured = os.environ.get("STEGVIS_CLI")
    if configured:
        return [configured]
    for build in ("release", "debug"):
        binary = ROOT / "target" / build / "stegvis"
        if binary.exists():
            return [str(binary)]
    if shutil.which("cargo"):
        return ["cargo", "run", "--quiet", "--release", "-p", "stegvis-cli", "--"]
    pytest.skip("no stegvis CLI binary and no cargo to build one")


def test_same_numbers_as_the_cli() -> None:
    done = subprocess.run(
        cli() + ["report", "--example", "nordost", "--format", "json", "--as-of", AS_OF],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    cli_report = json.loads(done.stdout)
    # The command line's example carries its comparison group
    # (docs/comparison.md#example); the quick start does not.
    assert cli_report["comparison"] is not None
    cli_report["comparison"] = None
    assert quick_start().to_dict() == cli_report


def test_every_input_form_gives_the_same_report() -> None:
    pa_csv = pytest.importorskip("pyarrow.csv")
    pl = pytest.importorskip("polars")
    programme = stegvis.Programme.from_toml(NORDOST / "programme.toml")
    names = ("participants", "assessments", "follow_ups")
    paths = [NORDOST / f"{name}.csv" for name in names]
    expected = quick_start().to_dict()
    forms: Dict[str, List[Any]] = {
        "csv paths": [str(p) for p in paths],
        # pyarrow types the columns: date32 dates, booleans, integers.
        "pyarrow csv": [pa_csv.read_csv(p) for p in paths],
        "polars with parsed dates": [pl.read_csv(p, try_parse_dates=True) for p in paths],
    }
    for form, tables in forms.items():
        report = stegvis.evaluate(programme, *tables, as_of=AS_OF)
        assert report.to_dict() == expected, form


def python_blocks(markdown: str) -> List[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.DOTALL)


def test_readme_python_snippets_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    readmes = [ROOT / "README.md", ROOT / "crates" / "py" / "README.md"]
    blocks = [(path, block) for path in readmes if path.exists() for block in python_blocks(path.read_text("utf-8"))]
    assert blocks, "the README has a Python quick start"
    monkeypatch.chdir(ROOT)
    for path, block in blocks:
        exec(compile(block, str(path), "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out  # the snippets print their results
