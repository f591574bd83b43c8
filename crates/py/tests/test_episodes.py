"""Episodes and re-entry through the Python API (docs/method.md#episodes):
the report's enrolment.reentry under each rule, explanations that list the
episodes, the tidy frame's re-entry rows, and the coded errors."""

from __future__ import annotations

import pytest

import stegvis

PEOPLE = [
    # a: two episodes, read out of order; b: one, still open.
    {"id": "a", "gender": "K", "entry_date": "2022-06-01", "exit_date": "2022-08-31", "exit_outcome": "employment"},
    {"id": "a", "gender": "K", "entry_date": "2022-01-10", "exit_date": "2022-03-31", "exit_outcome": "other"},
    {"id": "b", "gender": "M", "entry_date": "2022-02-01"},
]


def programme(rule: str | None) -> dict:
    p = {
        "id": "E",
        "name": "Episodes",
        "start": "2022-01-01",
        "end": "2022-12-31",
        "planned_participants": 10,
        "goals": [{"id": "g", "target": 0.5, "population": "exited", "criterion": {"exit_outcome": ["employment"]}}],
    }
    if rule is not None:
        p["reentry"] = rule
    return p


def report(rule: str | None, people=PEOPLE) -> stegvis.Report:
    return stegvis.evaluate(programme(rule), people, [], as_of="2022-10-31")


def test_once_is_the_default_and_counts_a_person_once() -> None:
    # a: 2022-01-10 to 2022-08-31, employment (the last episode); b active.
    e = report(None).enrolment
    assert e["enrolled"] == 2
    assert e["reentry"] == {"policy": "once", "participants": 2, "episodes": 3, "reentrants": 1, "reentries": 1}
    g = report("once").goals[0]
    assert (g["population_size"], g["achieved"]) == (1, 1)


def test_per_episode_counts_each_episode() -> None:
    # Episodes a1 (other), a2 (employment), b: 3 enrolled, 2 exited, 1 employed.
    r = report("per_episode")
    assert r.enrolment["enrolled"] == 3
    assert r.enrolment["reentry"]["policy"] == "per_episode"
    assert r.enrolment["reentry"]["participants"] == 2
    g = r.goals[0]
    assert (g["population_size"], g["achieved"], g["share"]) == (2, 1, 0.5)


def test_error_rule_and_overlaps_are_coded_errors_at_the_row() -> None:
    with pytest.raises(stegvis.StegvisError) as e:
        report("error")
    assert (e.value.code, e.value.row, e.value.column) == ("duplicate_participant", 3, "id")
    # b again, starting while its first episode is open: row 5, entry_date.
    overlapping = PEOPLE + [{"id": "b", "gender": "M", "entry_date": "2022-09-01"}]
    with pytest.raises(stegvis.StegvisError) as e:
        report("once", overlapping)
    assert (e.value.code, e.value.row, e.value.column) == ("overlapping_episodes", 5, "entry_date")


def test_an_unknown_rule_names_its_path() -> None:
    with pytest.raises(stegvis.StegvisError) as e:
        report("twice")
    assert (e.value.code, e.value.path) == ("invalid_value", "reentry")


def test_explanations_list_the_episodes() -> None:
    x = report("once").explain("a")
    assert x is not None
    assert (x["reentry"], x["episode"]) == ("once", None)
    assert x["episodes"] == [
        {"entry_date": "2022-01-10", "exit_date": "2022-03-31", "exit_outcome": "other"},
        {"entry_date": "2022-06-01", "exit_date": "2022-08-31", "exit_outcome": "employment"},
    ]
    # Per episode, the last episode begun is explained.
    assert report("per_episode").explain("a")["episode"] == 2


def test_the_tidy_frame_has_the_re_entry_counts() -> None:
    t = report("once").tidy_frame()
    rows = t[(t["section"] == "enrolment") & (t["item"] == "reentry")]
    assert list(rows["measure"]) == ["participants", "episodes", "reentrants", "reentries"]
    assert list(rows["value"]) == [2, 3, 1, 1]


def test_the_text_report_states_the_rule_in_both_languages() -> None:
    r = report("once")
    assert "Re-entrants       1" in r.to_text()
    assert "inskrivning" in r.to_text(language="sv")
