"""Shared fixtures: the repository root, the shared vectors, and the same
table given as each kind of input stegvis accepts."""

from __future__ import annotations

import datetime
import json
import math
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[3]
VECTORS_DIR = ROOT / "tests" / "vectors"
NORDOST = ROOT / "examples" / "nordost"

Records = List[Dict[str, Any]]


def load_vectors() -> List[Path]:
    return sorted(VECTORS_DIR.glob("*.json"))


def read_vector(path: Path) -> Dict[str, Any]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def pytest_configure(config: Any) -> None:
    # Selected by default; `-m "not signals"` leaves the Ctrl-C tests out.
    config.addinivalue_line("markers", "signals: Ctrl-C during large evaluations (a few seconds)")


# ------------------------------------------------------------ tables per backend


def as_records(records: Records) -> Records:
    return records


def as_pandas(records: Records) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.DataFrame.from_records(records) if records else pd.DataFrame()


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_pandas_dates(records: Records) -> Any:
    """A pandas frame whose columns of ISO dates hold `datetime.date`
    objects, one per distinct date, as `to_pandas` gives Arrow dates: the
    columns stegvis reads by object (docs/python.md#date-objects)."""
    pd = pytest.importorskip("pandas")
    frame = as_pandas(records)
    for name in frame.columns:
        values = [None if _missing(v) else v for v in frame[name].tolist()]
        present = [v for v in values if v is not None]
        if not present or not all(isinstance(v, str) and ISO_DATE.fullmatch(v) for v in present):
            continue
        memo: Dict[str, datetime.date] = {}
        try:
            dates = [None if v is None else memo.setdefault(v, datetime.date.fromisoformat(v)) for v in values]
        except ValueError:  # 2021-02-30 stays text
            continue
        frame[name] = pd.Series(dates, index=frame.index, dtype=object)
    return frame


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def as_polars(records: Records) -> Any:
    pl = pytest.importorskip("polars")
    if not records:
        return pl.DataFrame()
    # Columns of mixed types (integer and text ids) become text, as they
    # would when read from a CSV file.
    return pl.from_dicts(records, infer_schema_length=None, strict=False)


def _column(values: List[Any]) -> Any:
    pa = pytest.importorskip("pyarrow")
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # Mixed types: text, as a CSV file holds them.
        return pa.array([None if v is None else str(v) for v in values])


def as_pyarrow(records: Records) -> Any:
    pa = pytest.importorskip("pyarrow")
    names: List[str] = []
    for record in records:
        for key in record:
            if key not in names:
                names.append(key)
    columns = {name: _column([r.get(name) for r in records]) for name in names}
    return pa.table(columns) if columns else pa.table({})


def as_pyarrow_reader(records: Records) -> Any:
    """A RecordBatchReader yielding one small batch at a time, so rows are
    numbered across batches."""
    pa = pytest.importorskip("pyarrow")
    table = as_pyarrow(records)
    return pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=2))


BACKENDS: Dict[str, Callable[[Records], Any]] = {
    "pandas": as_pandas,
    "pandas_dates": as_pandas_dates,
    "polars": as_polars,
    "pyarrow": as_pyarrow,
    "pyarrow_reader": as_pyarrow_reader,
}


# ------------------------------------------------------------ the vectors' matching rules


def partial_match(expected: Any, actual: Any, path: str, failures: List[str]) -> None:
    """tests/vectors/README.md: objects key by key, lists element by element
    with equal lengths, numbers within 5e-4 (two integers exactly), other
    values exactly."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            failures.append(f"{path}: expected an object, got {actual!r}")
            return
        for key, value in expected.items():
            if key not in actual:
                failures.append(f"{path}.{key}: missing")
            else:
                partial_match(value, actual[key], f"{path}.{key}", failures)
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            failures.append(f"{path}: expected {len(expected)} items, got {actual!r}")
            return
        for i, (e, a) in enumerate(zip(expected, actual)):
            partial_match(e, a, f"{path}[{i}]", failures)
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        if type(actual) is not type(expected) or actual != expected:
            failures.append(f"{path}: expected {expected!r}, got {actual!r}")
    elif isinstance(expected, (int, float)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            failures.append(f"{path}: expected {expected!r}, got {actual!r}")
        elif isinstance(expected, int) and isinstance(actual, int):
            if expected != actual:
                failures.append(f"{path}: expected {expected}, got {actual}")
        elif not (math.isfinite(actual) and abs(actual - expected) <= 5e-4):
            failures.append(f"{path}: expected {expected!r}, got {actual!r}")
    else:
        failures.append(f"{path}: the vector holds an unexpected value {expected!r}")


def error_facts(error: Exception) -> Dict[str, Optional[Any]]:
    return {
        "code": getattr(error, "code", None),
        "path": getattr(error, "path", None),
        "row": getattr(error, "row", None),
        "column": getattr(error, "column", None),
        "table": getattr(error, "table", None),
    }


def error_match(expected: Dict[str, Any], error: Exception, failures: List[str]) -> None:
    facts = error_facts(error)
    for key, value in expected.items():
        if facts.get(key) != value:
            failures.append(f"error.{key}: expected {value!r}, got {facts.get(key)!r}")


@pytest.fixture(scope="session")
def nordost_programme() -> Any:
    import stegvis

    return stegvis.Programme.from_toml(NORDOST / "programme.toml")
