"""The status on a calendar date through the Python API
(docs/method.md#status-on-a-date, docs/report.md#status-on):
``status_on=`` and ``status_tolerance_days=``, ``report.status_on``, the
programme's ``status_on`` key, the tidy rows, suppression and the errors."""

from __future__ import annotations

import datetime as dt

import pytest

import stegvis
from conftest import NORDOST


def nordost(programme: object = NORDOST / "programme.toml", **options: object) -> stegvis.Report:
    return stegvis.evaluate(
        programme,
        NORDOST / "participants.csv",
        NORDOST / "assessments.csv",
        NORDOST / "follow_ups.csv",
        as_of="2023-01-31",
        **options,
    )


def test_the_example_on_its_last_day() -> None:
    # Pinned in crates/cli/tests/status_on.rs against status_on_check.py.
    s = nordost(status_on="2023-01-31").status_on
    assert s is not None
    assert (s["date"], s["tolerance_days"]) == ("2023-01-31", 45)
    assert (s["exited"], s["with_follow_up"], s["no_follow_up"]) == (152, 24, 128)
    assert (s["on_assistance"], s["not_on_assistance"], s["assistance_not_recorded"]) == (10, 11, 3)
    assert s["by_status"]["health_care"] == 6
    assert s["share_not_on_assistance"] == pytest.approx(11 / 21)
    assert s["share_not_on_assistance_of_exited"] == pytest.approx(11 / 152)
    w = s["by_gender"]["woman"]
    assert (w["exited"], w["with_follow_up"], w["not_on_assistance"]) == (88, 16, 9)
    assert nordost().status_on is None


def test_a_date_object_a_tolerance_and_the_programme_key() -> None:
    s = nordost(status_on=dt.date(2022, 12, 31), status_tolerance_days=45).status_on
    assert s is not None
    assert (s["exited"], s["with_follow_up"], s["on_assistance"]) == (150, 27, 14)
    definition = stegvis.Programme.from_toml(
        (NORDOST / "programme.toml").read_text(encoding="utf-8")
        + "\n[status_on]\ndate = 2023-01-31\ntolerance_days = 45\n"
    )
    from_key = nordost(definition).status_on
    assert from_key is not None and from_key["with_follow_up"] == 24
    # The option replaces the programme's date.
    replaced = nordost(definition, status_on="2022-12-31").status_on
    assert replaced is not None and replaced["with_follow_up"] == 27


def test_tidy_rows_and_suppression() -> None:
    report = nordost(status_on="2023-01-31")
    tidy = report.tidy_frame()
    rows = tidy[tidy["section"] == "status_on"]
    assert set(rows["item"]) == {"2023-01-31"}
    exited = rows[(rows["group"] == "all") & (rows["measure"] == "exited")]
    assert list(exited["value"]) == [152]
    share = rows[(rows["group"] == "all") & (rows["measure"] == "share_not_on_assistance")]
    assert float(share["lower"].iloc[0]) < 11 / 21 < float(share["upper"].iloc[0])
    public = report.suppress(min_cell=5).status_on
    assert public is not None
    # The unknown-gender participant exited with no follow-up: a count of 1.
    assert public["by_gender"]["unknown"]["exited"] == "suppressed"


def test_dates_and_tolerances_the_report_cannot_use() -> None:
    with pytest.raises(stegvis.ProgrammeError) as e:
        nordost(status_on="2023-02-01")
    assert e.value.code == "status_on_after_as_of"
    with pytest.raises(stegvis.ProgrammeError) as e:
        nordost(status_on="2021-01-31")
    assert e.value.code == "status_on_before_start"
    with pytest.raises(stegvis.StegvisError) as e:
        nordost(status_on="2023-02-30")
    assert e.value.code == "invalid_date"
    for bad in (-1, 1.5, True, "45"):
        with pytest.raises(stegvis.StegvisError) as e:
            nordost(status_on="2023-01-31", status_tolerance_days=bad)
        assert e.value.code == "invalid_argument"
    with pytest.raises(stegvis.ProgrammeError) as e:
        stegvis.Programme.from_toml(
            (NORDOST / "programme.toml").read_text(encoding="utf-8") + "\n[status_on]\ndate = \"2023-02-30\"\n"
        )
    assert (e.value.code, e.value.path) == ("invalid_value", "status_on.date")
