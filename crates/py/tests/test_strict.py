"""Dates are strict on every path and printed text shows control characters
as escapes (docs/data.md#dates, docs/report.md#control-characters,
decisions 67 and 68)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import stegvis

PROGRAMME = {
    "id": "S",
    "name": "Strict",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "planned_participants": 10,
    "parameters": [{"id": "p", "scale": [1, 5]}],
    "goals": [{"id": "g", "target": 0.5, "criterion": {"improved": {}}}],
}
OK = {"id": "a", "gender": "woman", "entry_date": "2022-03-01"}


@pytest.mark.parametrize(
    "entry",
    [
        "0000-01-01",
        "+2021-03-01",
        "2021-03-01T25:00",
        "-0001-01-01",
        "2021-3-1",
        "2021-03-01 xyz",
        "1899-12-31",
        "2200-01-01",
        datetime.date(1899, 12, 31),
        datetime.date(1, 1, 1),
        datetime.datetime(2200, 1, 1, 12, 0),
    ],
)
def test_lenient_dates_are_invalid_date_with_row_and_column(entry: Any) -> None:
    participants = [OK, {"id": "b", "gender": "man", "entry_date": entry}]
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(PROGRAMME, participants, [], as_of="2022-06-30")
    e = raised.value
    assert (e.code, e.table, e.row, e.column) == ("invalid_date", "participants", 3, "entry_date")
    assert str(entry) not in str(e)
    assert "+2021" not in str(e) and "0000" not in str(e) and "25:00" not in str(e)


def test_dates_with_a_time_of_day_are_the_date_written() -> None:
    participants = [
        {"id": "a", "gender": "woman", "entry_date": "2022-06-30T23:59:59.5-05:00"},
        {"id": "b", "gender": "woman", "entry_date": "2022-07-01T00:30:00+02:00"},
        {"id": "c", "gender": "woman", "entry_date": "2022-03-01 10:00Z", "birth_date": datetime.date(1900, 1, 1)},
    ]
    report = stegvis.evaluate(PROGRAMME, participants, [], as_of="2022-06-30")
    # a and c entered by 30 June as written; b on 1 July (the offset is not applied).
    assert report.enrolment["enrolled"] == 2


@pytest.mark.parametrize(
    "as_of",
    [
        "0000-01-01",
        "+2022-06-30",
        "2022-06-30T25:00",
        "2022-6-30",
        "2022-06-30 xyz",
        "2200-01-01",
        datetime.date(1899, 12, 31),
        datetime.date(1, 1, 1),
        datetime.datetime(2200, 1, 1),
    ],
)
def test_as_of_follows_the_date_rule(as_of: Any) -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        stegvis.evaluate(PROGRAMME, [OK], [], as_of=as_of)
    assert raised.value.code == "invalid_date"


@pytest.mark.parametrize("as_of", ["2022-06-30T10:00:00Z", "2022-06-30 23:59:59+01:00", datetime.datetime(2022, 6, 30, 23, 0)])
def test_as_of_with_a_time_of_day(as_of: Any) -> None:
    assert stegvis.evaluate(PROGRAMME, [OK], [], as_of=as_of).as_of == datetime.date(2022, 6, 30)


@pytest.mark.parametrize(
    "start", ["0000-01-01", "+2022-01-01", "2022-1-1", "2022-01-01T00:00", "1899-12-31", datetime.date(1899, 12, 31)]
)
def test_programme_dates_are_strict(start: Any) -> None:
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.Programme.from_dict({**PROGRAMME, "start": start})
    assert (raised.value.code, raised.value.path) == ("invalid_value", "start")


NAME = "X\x1b[2J\x07Y"


def test_controls_in_names_print_as_escapes() -> None:
    programme = {
        **PROGRAMME,
        "name": NAME,
        "id": "S\r1",
        "goals": [{"id": "g\u202e", "name": "N\x9b31m", "target": 0.5, "criterion": {"improved": {}}}],
    }
    report = stegvis.evaluate(programme, [OK], [], as_of="2022-06-30")
    hidden = ["\x1b", "\x07", "\r", "\x9b", "\u202e"]
    for text in (report.to_text(), report.to_text(language="sv"), str(report), repr(report), report._repr_html_()):
        assert not any(c in text for c in hidden), text
    assert report.to_text().startswith("X\\u{1b}[2J\\u{7}Y (S\\u{d}1)\n")
    assert "g\\u{202e}" in report.to_text()
    assert repr(report).startswith("<stegvis.Report X\\u{1b}[2J\\u{7}Y (S\\u{d}1)")
    assert not any(c in repr(stegvis.Programme.from_dict(programme)) for c in hidden)
    # Data keeps the name exactly as written.
    assert report.to_dict()["programme"]["name"] == NAME
