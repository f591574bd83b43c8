"""A comparison group through the Python API (docs/comparison.md): the
``comparison=`` keyword in every table form, the report's ``comparison``
section, errors naming the comparison table, bad arguments, and the Nordost
example's numbers (pinned by crates/cli/tests/comparison.rs, checked
independently by crates/cli/tests/comparison_check.py)."""

from __future__ import annotations

import pytest

import stegvis
from conftest import BACKENDS, NORDOST
from stegvis.stats import newcombe_difference

PROGRAMME = {
    "id": "c",
    "name": "C",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "planned_participants": 10,
    "parameters": [],
    "goals": [{"id": "t", "target": 0.5, "criterion": {"tag": "t"}}],
}
PEOPLE = [
    {"id": "a", "gender": "K", "entry_date": "2022-01-10", "tags": "t"},
    {"id": "b", "gender": "M", "entry_date": "2022-01-10", "tags": ""},
]
OTHERS = [
    {"id": "x", "gender": "K", "entry_date": "2022-01-10", "tags": "t"},
    {"id": "y", "gender": "M", "entry_date": "2022-01-10", "tags": "t"},
    {"id": "z", "gender": "M", "entry_date": "2022-02-10", "tags": ""},
]
READINGS: list = []


def evaluate(**kwargs: object) -> stegvis.Report:
    return stegvis.evaluate(PROGRAMME, PEOPLE, READINGS, as_of="2022-06-30", **kwargs)


def test_without_a_comparison_group_the_section_is_none() -> None:
    report = evaluate()
    assert report.comparison is None
    assert report.to_dict()["comparison"] is None


def test_the_comparison_section() -> None:
    c = evaluate(comparison={"participants": OTHERS, "assessments": []}).comparison
    assert c is not None
    assert c["caveat"] == "selection"
    assert (c["participants_enrolled"], c["comparison_enrolled"]) == (2, 3)
    goal = c["goals"][0]
    # 1 of 2 against 2 of 3.
    assert (goal["participants"]["achieved"], goal["participants"]["denominator"]) == (1, 2)
    assert (goal["comparison"]["achieved"], goal["comparison"]["denominator"]) == (2, 3)
    assert goal["difference"]["difference"] == pytest.approx(0.5 - 2 / 3)
    lower, upper = goal["difference"]["lower"], goal["difference"]["upper"]
    expected = newcombe_difference(1, 2, 2, 3)
    assert expected is not None
    assert (lower, upper) == pytest.approx((expected.lower, expected.upper))
    rows = {(r["characteristic"], r["group"]): r for r in c["balance"]}
    assert rows[("tag", "t")]["participants"] == {"count": 1, "share": 0.5}
    assert rows[("tag", "t")]["comparison"]["count"] == 2
    assert rows[("gender", "man")]["difference"] == pytest.approx(0.5 - 2 / 3)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_every_table_form_gives_the_same_comparison(backend: str) -> None:
    form = BACKENDS[backend]
    given = evaluate(comparison={"participants": form(OTHERS), "assessments": form([])})
    assert given.comparison == evaluate(comparison={"participants": OTHERS, "assessments": []}).comparison


def test_a_csv_path_and_errors_name_the_comparison_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "others.csv"
    path.write_text("id,gender,entry_date,tags\nx,K,2022-01-10,t\ny,M,2022-01-10,t\nz,M,2022-02-10,\n")
    readings = tmp_path / "readings.csv"
    readings.write_text("participant_id,date,parameter,level\n")
    c = evaluate(comparison={"participants": str(path), "assessments": readings}).comparison
    assert c is not None and c["comparison_enrolled"] == 3

    bad = [{"id": "x", "gender": "K", "entry_date": "2022-01-10"}, {"id": "y", "gender": "SECRET", "entry_date": "2022-01-10"}]
    with pytest.raises(stegvis.DataError) as raised:
        evaluate(comparison={"participants": bad, "assessments": []})
    e = raised.value
    assert (e.code, e.table, e.row, e.column) == ("invalid_gender", "comparison_participants", 3, "gender")
    assert "comparison participants table" in str(e) and "SECRET" not in str(e)

    path.write_text("id,gender,entry_date\nx,K,2022-01-10\ny,SECRET,2022-01-10\n")
    with pytest.raises(stegvis.DataError) as raised:
        evaluate(comparison={"participants": path, "assessments": []})
    assert (raised.value.table, raised.value.file) == ("comparison_participants", str(path))
    assert "(comparison participants table)" in str(raised.value)

    # A missing column in a comparison table found by the binding names it too.
    with pytest.raises(stegvis.DataError) as raised:
        evaluate(comparison={"participants": [{"id": "x", "gender": "K"}], "assessments": []})
    assert (raised.value.code, raised.value.table) == ("missing_column", "comparison_participants")


@pytest.mark.parametrize(
    "comparison",
    [[OTHERS], {"participants": OTHERS}, {"participants": OTHERS, "assessments": [], "other": []}, "x"],
)
def test_a_bad_comparison_argument_is_invalid_argument(comparison: object) -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        evaluate(comparison=comparison)
    assert raised.value.code == "invalid_argument"


def test_suppression_hides_the_comparison_groups_small_counts() -> None:
    public = evaluate(comparison={"participants": OTHERS, "assessments": []}).suppress(5).comparison
    assert public is not None
    assert public["comparison_enrolled"] == "suppressed"
    assert public["goals"][0]["difference"]["lower"] == "suppressed"


def test_nordost_comparison() -> None:
    programme = stegvis.Programme.from_toml(NORDOST / "programme.toml")
    report = stegvis.evaluate(
        programme,
        NORDOST / "participants.csv",
        NORDOST / "assessments.csv",
        NORDOST / "follow_ups.csv",
        as_of="2022-12-31",
        comparison={
            "participants": NORDOST / "comparison_participants.csv",
            "assessments": NORDOST / "comparison_assessments.csv",
            "follow_ups": NORDOST / "comparison_follow_ups.csv",
        },
    )
    c = report.comparison
    assert c is not None
    assert c["comparison_enrolled"] == 150
    progression = next(g for g in c["goals"] if g["id"] == "progression")
    assert (progression["comparison"]["achieved"], progression["comparison"]["denominator"]) == (71, 150)
    d = progression["difference"]
    assert (d["difference"], d["lower"], d["upper"]) == pytest.approx((0.276667, 0.174341, 0.372252), abs=5e-6)
