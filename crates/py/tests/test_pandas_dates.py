"""pandas columns of `datetime.date` objects, read by object
(docs/python.md#date-objects): the worked example of
`docs/method.md#worked-example` from frames as `to_pandas` gives them, and
every column stegvis leaves to pyarrow read as pyarrow reads it."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List

import pytest

import stegvis
from conftest import NORDOST, error_facts
from test_inputs import AS_OF, ASSESSMENTS, PARTICIPANTS, check_worked_example

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

D = datetime.date


@pytest.fixture(scope="module")
def programme() -> stegvis.Programme:
    return stegvis.Programme.from_toml(NORDOST / "programme.toml")


def arrow_dates(records: List[Dict[str, Any]], *names: str) -> Any:
    table = pa.Table.from_pylist(records)
    for name in names:
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(i).cast(pa.date32()))
    return table


def outcome(programme: stegvis.Programme, participants: Any, assessments: Any, **options: Any) -> Any:
    try:
        return stegvis.evaluate(programme, participants, assessments, as_of=AS_OF, **options).to_dict()
    except stegvis.StegvisError as e:
        return {"error": error_facts(e)}


def as_before(frame: Any) -> Any:
    """What stegvis read before it read date objects itself: pyarrow's
    conversion of the whole frame, else the frame's records."""
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, ValueError, TypeError):
        return frame.to_dict("records")


@pytest.mark.parametrize("threads", [1, 2])
def test_to_pandas_frames_give_the_worked_example(programme: stegvis.Programme, threads: int) -> None:
    participants = arrow_dates(PARTICIPANTS, "entry_date", "exit_date").to_pandas()
    assessments = arrow_dates(ASSESSMENTS, "date").to_pandas()
    # The columns are what users hand over: one object per distinct date.
    assert isinstance(assessments["date"][0], D)
    assert assessments["date"].dtype == object and participants["exit_date"].isna().sum() == 2
    dates = assessments["date"].tolist()
    assert len({id(d) for d in dates}) == len(set(dates)) < len(dates)
    check_worked_example(stegvis.evaluate(programme, participants, assessments, as_of=AS_OF, threads=threads))


def test_a_day_is_its_own_day(programme: stegvis.Programme) -> None:
    # a exits on the report's date, b the day after: one exit. Born 1956-03-02,
    # a is 64 at entry on 2021-03-01, inside the eligible 16-64; b, born
    # 1956-04-01, is 65 at entry on 2021-04-01: outside. Days before 1970
    # count back from it.
    frame = pd.DataFrame(PARTICIPANTS)
    frame["birth_date"] = [D(1956, 3, 2), D(1956, 4, 1), D(1970, 1, 1)]
    frame["exit_date"] = pd.Series([D(2022, 6, 30), D(2022, 7, 1), None], dtype=object)
    report = stegvis.evaluate(programme, frame, ASSESSMENTS, as_of=AS_OF).to_dict()
    assert report["exits"]["exited"] == 1
    assert [(q["kind"], q["rows"]) for q in report["data_quality"]] == [("age_outside_eligible", [3])]
    assert outcome(programme, frame, ASSESSMENTS) == outcome(programme, as_before(frame), ASSESSMENTS)


class Day(datetime.date):
    """A subclass of date: pyarrow types it, not stegvis."""


def many_distinct(n: int) -> List[D]:
    # A new object per value, as `Series.dt.date` gives: more distinct objects
    # than stegvis reads by object.
    start = D(2021, 3, 1).toordinal()
    return [D.fromordinal(start + i % 400) for i in range(n)]


COLUMNS = {
    "datetimes": lambda n: [datetime.datetime(2021, 3, 1, 12) + datetime.timedelta(days=i % 300) for i in range(n)],
    "a_subclass": lambda n: [Day(2021, 3, 1) + datetime.timedelta(days=i % 300) for i in range(n)],
    "dates_and_text": lambda n: [D(2021, 3, 1)] * (n - 1) + ["2021-03-02"],
    "dates_and_nan": lambda n: [D(2021, 3, 1)] * (n - 1) + [float("nan")],
    "dates_and_nat": lambda n: [D(2021, 3, 1)] * (n - 1) + [pd.NaT],
    "only_none": lambda n: [None] * n,
    "dates_and_none": lambda n: [None, D(2021, 3, 1)] * (n // 2),
    "many_distinct_objects": many_distinct,
}


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_columns_read_as_pyarrow_reads_them(programme: stegvis.Programme, column: str) -> None:
    n = 70_000 if column == "many_distinct_objects" else 1_000
    participants = pd.DataFrame({"id": ["a"], "gender": ["K"], "entry_date": [D(2021, 3, 1)]})
    assessments = pd.DataFrame(
        {
            "participant_id": ["a"] * n,
            "date": pd.Series(COLUMNS[column](n), dtype=object),
            "parameter": ["swedish"] * n,
            "level": [1 + i % 5 for i in range(n)],
        }
    )
    expected = outcome(programme, as_before(participants), as_before(assessments))
    assert outcome(programme, participants, assessments) == expected
    assert outcome(programme, participants, assessments, threads=1) == expected


@pytest.mark.filterwarnings("ignore:DataFrame columns are not unique")
@pytest.mark.parametrize("labels", ["integers", "repeated"])
def test_frames_with_other_column_labels_are_read_as_before(programme: stegvis.Programme, labels: str) -> None:
    frame = arrow_dates(ASSESSMENTS, "date").to_pandas()
    frame["extra"] = frame["date"]
    frame.columns = [*frame.columns[:4], 7] if labels == "integers" else [*frame.columns[:4], "date"]
    assert outcome(programme, PARTICIPANTS, frame) == outcome(programme, PARTICIPANTS, as_before(frame))
