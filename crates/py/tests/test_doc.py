"""The docstring examples run, as written, against the installed package.

Examples may use three names besides ``stegvis``: ``programme`` (the bundled
Nordost programme), ``report`` (the worked example of `docs/method.md#worked-example` as of
2022-06-30) and relative paths from the repository root."""

from __future__ import annotations

import doctest
import os
from typing import Any, Dict, List, Tuple

import pytest

import stegvis
import stegvis.dask
import stegvis.stats
from conftest import ROOT
from test_inputs import ASSESSMENTS, PARTICIPANTS


def documented() -> List[Tuple[str, Any]]:
    objects: List[Tuple[str, Any]] = [
        ("stegvis", stegvis),
        ("stegvis.stats", stegvis.stats),
        ("stegvis.evaluate", stegvis.evaluate),
        ("stegvis.partial", stegvis.partial),
        ("stegvis.combine", stegvis.combine),
        ("stegvis.partition_of", stegvis.partition_of),
        ("stegvis.partitions", stegvis.partitions),
        ("stegvis.dask", stegvis.dask),
    ]
    for name in stegvis.dask.__all__:
        objects.append((f"stegvis.dask.{name}", getattr(stegvis.dask, name)))
    classes = (
        stegvis.Programme,
        stegvis.Report,
        stegvis.Partial,
        stegvis.StegvisError,
        stegvis.ProgrammeError,
        stegvis.DataError,
        stegvis.PartialError,
    )
    for cls in classes:
        objects.append((f"stegvis.{cls.__name__}", cls))
        for name in dir(cls):
            if not name.startswith("_"):
                objects.append((f"stegvis.{cls.__name__}.{name}", getattr(cls, name)))
    for name in stegvis.stats.__all__:
        objects.append((f"stegvis.stats.{name}", getattr(stegvis.stats, name)))
    return [(name, obj) for name, obj in objects if isinstance(getattr(obj, "__doc__", None), str)]


DOCUMENTED = documented()
WITH_EXAMPLES = [(n, o) for n, o in DOCUMENTED if ">>>" in o.__doc__]


def globs() -> Dict[str, Any]:
    programme = stegvis.Programme.from_toml(ROOT / "examples" / "nordost" / "programme.toml")
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of="2022-06-30")
    return {"stegvis": stegvis, "programme": programme, "report": report}


def test_there_are_examples() -> None:
    names = {n for n, _ in WITH_EXAMPLES}
    assert {"stegvis", "stegvis.stats", "stegvis.evaluate", "stegvis.Programme", "stegvis.Report"} <= names
    assert {"stegvis.Partial", "stegvis.partial", "stegvis.partition_of", "stegvis.partitions"} <= names


@pytest.mark.parametrize("name,obj", WITH_EXAMPLES, ids=[n for n, _ in WITH_EXAMPLES])
def test_docstring_examples(name: str, obj: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest(obj.__doc__, globs(), name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    failures: List[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
    assert runner.tries > 0


def test_public_items_are_documented() -> None:
    public = ("stegvis.evaluate", "stegvis.Programme", "stegvis.Report", "stegvis.Partial", "stegvis.partial",
              "stegvis.combine", "stegvis.partition_of", "stegvis.partitions", "stegvis.dask.evaluate",
              "stegvis.dask.partial", "stegvis.dask.co_partition")
    missing = [n for n in public if n not in {d for d, _ in DOCUMENTED}]
    assert not missing
    for cls in (stegvis.Programme, stegvis.Report, stegvis.Partial):
        for name in dir(cls):
            if not name.startswith("_"):
                assert (getattr(cls, name).__doc__ or "").strip(), f"{cls.__name__}.{name} has no docstring"
    assert os.path.exists(os.path.join(os.path.dirname(stegvis.__file__), "py.typed"))
