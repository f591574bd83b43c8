"""Trends and entry cohorts through the Python API (docs/method.md#trend,
docs/method.md#cohorts): ``as_of=[...]``, ``every=``, the report's ``trend``
section, ``trend_frame()`` on both backends, and the errors of bad options.
The numbers are those of vector 230, worked out by hand there."""

from __future__ import annotations

import datetime

import pytest

import stegvis

PROGRAMME = {
    "id": "T",
    "name": "Trend",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "planned_participants": 10,
    "breakdowns": ["cohort:half-year"],
    "parameters": [{"id": "step", "scale": [1, 5]}],
    "goals": [{"id": "g", "target": 0.5, "criterion": {"improved": {"parameters": ["step"], "min_gain": 1}}}],
}
PEOPLE = [
    {"id": "a", "gender": "K", "entry_date": "2022-02-01"},
    {"id": "b", "gender": "M", "entry_date": "2022-03-01"},
    {"id": "c", "gender": "K", "entry_date": "2022-08-01"},
    {"id": "d", "gender": "M", "entry_date": "2022-01-15", "exit_date": "2022-10-15", "exit_outcome": "employment"},
]
READINGS = [
    {"participant_id": "a", "date": "2022-02-01", "parameter": "step", "level": 1},
    {"participant_id": "a", "date": "2022-05-01", "parameter": "step", "level": 2},
    {"participant_id": "b", "date": "2022-03-01", "parameter": "step", "level": 2},
    {"participant_id": "b", "date": "2022-09-01", "parameter": "step", "level": 4},
]


def evaluate(**options) -> stegvis.Report:
    return stegvis.evaluate(PROGRAMME, PEOPLE, READINGS, **options)


def test_a_list_of_dates_is_a_trend_reported_at_the_latest() -> None:
    r = evaluate(as_of=[datetime.date(2022, 12, 31), "2022-06-30"])
    assert r.as_of == datetime.date(2022, 12, 31)
    assert [p["as_of"] for p in r.trend] == ["2022-06-30", "2022-12-31"]
    first, last = r.trend
    # 06-30: a, b, d present; a improved (1 -> 2), b's second reading comes later.
    assert first["enrolled"] == 3
    assert first["by_gender"]["woman"] == {"count": 1, "share": pytest.approx(1 / 3)}
    assert (first["goals"][0]["achieved"], first["goals"][0]["denominator"]) == (1, 3)
    assert first["goals"][0]["status"] == "not_met"
    # 12-31: c entered, b improved by 2: 2 of 4, met.
    assert (last["goals"][0]["achieved"], last["goals"][0]["denominator"]) == (2, 4)
    assert last["goals"][0]["status"] == "met"
    assert r.goals[0]["achieved"] == 2
    # A tuple works as a list; a single date is no trend.
    assert len(evaluate(as_of=("2022-06-30", "2022-12-31")).trend) == 2
    assert evaluate(as_of="2022-12-31").trend == []


def test_every_quarter_and_none() -> None:
    r = evaluate(as_of="2022-08-15", every="quarter")
    assert [p["as_of"] for p in r.trend] == ["2022-03-31", "2022-06-30", "2022-08-15"]
    assert [p["enrolled"] for p in r.trend] == [3, 3, 4]
    assert evaluate(as_of="2022-08-15", every="none").trend == []


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_trend_frame(backend: str) -> None:
    pytest.importorskip(backend)
    frame = evaluate(as_of=["2022-06-30", "2022-12-31"]).trend_frame(backend=backend)
    assert list(frame.columns) == ["as_of", "table", "id", "gender", "measure", "value", "lower", "upper", "suppressed"]
    rows = frame.to_dicts() if backend == "polars" else frame.to_dict("records")
    share = [r for r in rows if r["id"] == "g" and r["measure"] == "share"]
    assert [r["as_of"] for r in share] == ["2022-06-30", "2022-12-31"]
    assert [r["value"] for r in share] == [pytest.approx(1 / 3), 0.5]
    # Wilson 95 % of 2 of 4 (vector 230).
    assert share[1]["lower"] == pytest.approx(0.150039, abs=5e-6)
    met = [r["value"] for r in rows if r["id"] == "g" and r["measure"] == "met"]
    assert met == [0, 1]


def test_the_publishable_copy_hides_small_trend_counts() -> None:
    r = evaluate(as_of=["2022-06-30", "2022-12-31"]).suppress(5)
    assert r.trend[0]["enrolled"] == "suppressed"
    assert r.trend[0]["goals"][0]["status"] == "suppressed"
    assert r.trend[0]["by_gender"]["non_binary"]["count"] == 0


def test_cohorts_by_half_year() -> None:
    [cohorts] = evaluate(as_of="2022-12-31").breakdowns
    assert cohorts["id"] == "cohort:half-year"
    assert [g["group"] for g in cohorts["groups"]] == ["2022-H1", "2022-H2"]
    assert [g["enrolment"]["enrolled"] for g in cohorts["groups"]] == [3, 1]


@pytest.mark.parametrize(
    "options",
    [
        {"as_of": []},
        {"as_of": ["2022-06-30", None]},
        {"as_of": ["2022-06-30", "2022-12-31"], "every": "quarter"},
        {"every": "month"},
        {"every": 4},
        # 101 distinct dates: more than a trend may have.
        {"as_of": [datetime.date(2022, 1, 1) + datetime.timedelta(days=k) for k in range(101)]},
    ],
)
def test_bad_trend_options_are_invalid_argument(options) -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        evaluate(**options)
    assert raised.value.code == "invalid_argument"


def test_a_bad_date_in_the_list_is_invalid_date() -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        evaluate(as_of=["2022-06-30", "2022-13-01"])
    assert raised.value.code == "invalid_date"
