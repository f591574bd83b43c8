"""Breakdowns through the Python API (docs/report.md#breakdowns): the
report's dict section, breakdown_frame(name) on both backends, extra
columns kept by every table reader, and the error for an unknown name."""

from __future__ import annotations

import pytest

import stegvis

PROGRAMME = {
    "id": "B",
    "name": "Breakdowns",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "planned_participants": 10,
    "breakdowns": ["tag:na", "column:district"],
    "parameters": [{"id": "p", "scale": [1, 5]}],
    "goals": [{"id": "g", "target": 0.5, "criterion": {"improved": {"parameters": ["p"]}}}],
}
PEOPLE = [
    {"id": "a", "gender": "K", "entry_date": "2022-01-10", "tags": "na", "district": "Norr"},
    {"id": "b", "gender": "M", "entry_date": "2022-01-10", "district": " Norr "},
    {"id": "c", "gender": "K", "entry_date": "2022-01-10", "tags": "na", "district": None},
]
READINGS = [
    {"participant_id": "a", "date": "2022-01-10", "parameter": "p", "level": 1},
    {"participant_id": "a", "date": "2022-05-01", "parameter": "p", "level": 3},
    {"participant_id": "b", "date": "2022-01-10", "parameter": "p", "level": 2},
    {"participant_id": "b", "date": "2022-05-01", "parameter": "p", "level": 2},
]


def report(people=PEOPLE) -> stegvis.Report:
    return stegvis.evaluate(PROGRAMME, people, READINGS, as_of="2022-06-30")


def test_the_section_lists_each_breakdown_and_its_groups() -> None:
    b = report().breakdowns
    assert [x["id"] for x in b] == ["tag:na", "column:district"]
    # tag:na yes = a (improved), c (no readings): 1 of 2 under unknown "fail".
    yes = b[0]["groups"][0]
    assert yes["group"] == "yes"
    assert yes["enrolment"]["enrolled"] == 2
    assert yes["goals"][0]["achieved"] == 1
    assert yes["goals"][0]["denominator"] == 2
    # column:district: "Norr" and " Norr " are one group; c is unknown.
    assert [(g["group"], g["enrolment"]["enrolled"]) for g in b[1]["groups"]] == [
        ("Norr", 2),
        ("unknown", 1),
    ]


def test_a_small_group_is_suppressed_in_a_publishable_copy() -> None:
    groups = report().suppress(5).breakdowns[0]["groups"]
    assert groups[0]["enrolment"]["enrolled"] == "suppressed"


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_breakdown_frame(backend: str) -> None:
    pytest.importorskip(backend)
    frame = report().breakdown_frame("column:district", backend=backend)
    assert list(frame.columns) == [
        "group",
        "table",
        "id",
        "gender",
        "measure",
        "value",
        "lower",
        "upper",
        "suppressed",
    ]
    rows = frame.to_dicts() if backend == "polars" else frame.to_dict("records")
    enrolled = {r["group"]: r["value"] for r in rows if r["measure"] == "enrolled"}
    assert enrolled == {"Norr": 2, "unknown": 1}
    mean = [
        r["value"]
        for r in rows
        if r["group"] == "Norr" and r["id"] == "p" and r["gender"] == "all" and r["measure"] == "mean_gain"
    ]
    assert mean == [1.0]  # (2 + 0) / 2


def test_an_undeclared_breakdown_is_an_argument_error() -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        report().breakdown_frame("age")
    assert raised.value.code == "invalid_argument"


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_every_table_reader_keeps_the_breakdown_column(backend: str) -> None:
    lib = pytest.importorskip(backend)
    rows = [dict(p, tags=p.get("tags", "")) for p in PEOPLE]
    if backend == "pandas":
        table = lib.DataFrame(rows)
    elif backend == "polars":
        table = lib.DataFrame(rows)
    else:
        table = lib.Table.from_pylist(rows)
    groups = report(table).breakdowns[1]["groups"]
    assert [(g["group"], g["enrolment"]["enrolled"]) for g in groups] == [
        ("Norr", 2),
        ("unknown", 1),
    ]


def test_a_list_in_a_breakdown_column_is_invalid_group() -> None:
    people = PEOPLE[:2] + [dict(PEOPLE[2], district=["Norr", "Syd"])]
    with pytest.raises(stegvis.DataError) as raised:
        report(people)
    e = raised.value
    assert (e.code, e.row, e.column) == ("invalid_group", 4, "district")
    assert "Syd" not in str(e)
