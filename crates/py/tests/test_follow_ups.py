"""Follow-up accounting and exits by gender through Python
(docs/method.md#follow-up-accounting, docs/method.md#exits-by-gender): the
dicts carry due, reached, not reached, the response rate, early and the
shares both ways, per gender; the tidy frame has a row for each; a small
gender cell is suppressed with its margin. The Nordost counts were checked
against a separate reading of the example's CSV files by the rules of
docs/method.md (see crates/cli/tests/cli.rs)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import stegvis
from conftest import NORDOST

GENDERS = ("woman", "man", "non_binary", "unknown")


def nordost() -> stegvis.Report:
    programme = stegvis.Programme.from_toml(NORDOST / "programme.toml")

    def read(name: str) -> list:
        with open(NORDOST / name, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    return stegvis.evaluate(
        programme,
        read("participants.csv"),
        read("assessments.csv"),
        read("follow_ups.csv"),
        as_of="2023-01-31",
    )


def test_nordost_follow_ups_per_horizon_and_gender() -> None:
    six, twelve = nordost().follow_ups
    assert "observed" not in six
    assert (six["due"], six["reached"], six["not_reached"], six["early"]) == (95, 90, 5, 10)
    assert six["response_rate"] == pytest.approx(90 / 95)
    assert six["response_ci"]["lower"] == pytest.approx(0.882651, abs=5e-4)  # Wilson95(90/95)
    assert six["response_ci"]["upper"] == pytest.approx(0.977312, abs=5e-4)
    assert (six["assistance_known"], six["not_receiving_assistance"]) == (86, 41)
    assert six["share_not_receiving_assistance"] == pytest.approx(41 / 86)
    assert six["share_not_receiving_assistance_of_due"] == pytest.approx(41 / 95)
    assert six["status_share"]["employment"] == pytest.approx(15 / 90)
    assert six["status_share_of_due"]["employment"] == pytest.approx(15 / 95)
    assert six["not_reached_share_of_due"] == pytest.approx(5 / 95)
    women, men = six["by_gender"]["woman"], six["by_gender"]["man"]
    assert (women["due"], women["reached"], women["early"]) == (60, 58, 6)
    assert (men["due"], men["reached"], men["early"]) == (34, 31, 4)
    for key in ("due", "reached", "not_reached", "early", "assistance_known"):
        assert sum(six["by_gender"][g][key] for g in GENDERS) == six[key]
    assert (twelve["due"], twelve["reached"], twelve["early"]) == (30, 28, 11)


def test_nordost_exits_by_gender() -> None:
    exits = nordost().exits
    by_gender = exits["by_gender"]
    assert [by_gender[g]["exited"] for g in GENDERS] == [88, 63, 0, 1]
    assert by_gender["woman"]["by_outcome"]["employment"] == {"count": 9, "share": pytest.approx(9 / 88)}
    assert by_gender["non_binary"]["by_outcome"]["employment"] == {"count": 0, "share": None}
    for outcome, total in exits["by_outcome"].items():
        assert sum(by_gender[g]["by_outcome"][outcome]["count"] for g in GENDERS) == total["count"]


def test_tidy_frame_has_every_follow_up_figure() -> None:
    pytest.importorskip("pandas")
    tidy = nordost().tidy_frame()
    rows = tidy[(tidy["section"] == "follow_ups") & (tidy["item"] == "6")]
    measures = set(rows["measure"])
    for m in ("due", "reached", "not_reached", "response_rate", "early", "not_reached_share_of_due",
              "share_not_receiving_assistance_of_due", "by_status.employment",
              "status_share.employment", "status_share_of_due.employment"):
        assert m in measures, m
    assert "observed" not in measures
    rate = rows[(rows["measure"] == "response_rate") & (rows["group"] == "woman")].iloc[0]
    assert rate["value"] == pytest.approx(58 / 60)
    assert rate["lower"] == pytest.approx(0.886362, abs=5e-4)  # Wilson95(58/60)
    exits = tidy[(tidy["section"] == "exits") & (tidy["group"] == "man") & (tidy["measure"] == "exited")]
    assert list(exits["value"]) == [63]


def test_a_small_gender_cell_is_suppressed_with_its_margin() -> None:
    # Vector 107: women's education 3 is primary; the women's and the
    # overall employment counts go with it, the men's stay.
    path = Path(__file__).resolve().parents[3] / "tests" / "vectors" / "107_suppression_follow_up_gender_cell.json"
    import json

    v = json.loads(path.read_text(encoding="utf-8"))
    report = stegvis.evaluate(
        stegvis.Programme.from_dict(v["programme"]), v["participants"], v["assessments"], v["follow_ups"],
        as_of=v["as_of"],
    ).suppress(min_cell=5)
    six = report.follow_ups[0]
    assert six["by_status"]["employment"] == "suppressed"
    assert six["by_gender"]["woman"]["by_status"]["education"] == "suppressed"
    assert six["by_gender"]["woman"]["by_status"]["employment"] == "suppressed"
    assert six["by_gender"]["man"]["by_status"]["employment"] == 10
    assert six["response_rate"] == 1.0
