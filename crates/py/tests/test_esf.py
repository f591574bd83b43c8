"""The ESF+ profile and the before/after assistance table through the
Python API (docs/esf.md#profile, docs/method.md#assistance-before-after):
``profile="esf"``, ``report.esf`` and ``report.assistance``, the status
columns from every table kind, the tidy rows, and the errors."""

from __future__ import annotations

import pytest

import stegvis
from conftest import NORDOST, as_pandas, as_polars, as_pyarrow, as_records


def nordost(**options: object) -> stegvis.Report:
    return stegvis.evaluate(
        NORDOST / "programme.toml",
        NORDOST / "participants.csv",
        NORDOST / "assessments.csv",
        NORDOST / "follow_ups.csv",
        as_of="2023-01-31",
        **options,
    )


def test_the_example_has_the_esf_indicators_by_gender() -> None:
    # Pinned in crates/cli/tests/esf.rs against an independent reading of the CSVs.
    esf = nordost(profile="esf").esf
    assert esf is not None
    assert (esf["window_days"], esf["longer_term_months"], esf["longer_term_tolerance_days"]) == (28, 6, 45)
    ind = esf["indicators"]
    assert ind["participants"] == {
        "total": 200,
        "by_gender": {"woman": 110, "man": 89, "non_binary": 0, "unknown": 1},
    }
    assert ind["long_term_unemployed"]["by_gender"]["woman"] == 51
    assert ind["in_employment"]["total"] == 35  # 38 less three re-entrants whose window is open
    assert ind["job_searching"]["total"] == 18
    assert ind["employed_6_months"]["total"] == 26
    assert ind["window_open"]["by_gender"]["man"] == 6  # 2 and four re-entrants


def test_without_the_profile_esf_is_none_and_assistance_is_there() -> None:
    r = nordost()
    assert r.esf is None
    a = r.assistance
    assert a["on_assistance_at_entry"]["total"] == 191
    exit_step = a["steps"][0]
    assert exit_step["after_months"] is None
    assert (exit_step["population"], exit_step["recorded"], exit_step["not_on_assistance"]) == (144, 136, 50)
    assert [s["after_months"] for s in a["steps"]] == [None, 6, 12]
    assert r.to_dict()["esf"] is None


PROGRAMME = {"id": "E", "name": "E", "start": "2022-01-01", "end": "2023-12-31", "planned_participants": 3}
PEOPLE = [
    {"id": "a", "gender": "K", "entry_date": "2022-03-01", "exit_date": "2023-03-01",
     "exit_outcome": "other", "labour_status": "Långtidsarbetslös", "education": "isced_0_2",
     "assistance_at_entry": True, "assistance_at_exit": False, "qualification": True},
    {"id": "b", "gender": "M", "entry_date": "2022-03-01", "labour_status": "inactive",
     "education": "ISCED 3-4", "assistance_at_entry": True},
]
FOLLOW_UPS = [
    {"participant_id": "a", "date": "2023-03-06", "status": "job_seeking"},
    {"participant_id": "a", "date": "2023-03-21", "status": "employment"},
]


@pytest.mark.parametrize("table", [as_records, as_pandas, as_polars, as_pyarrow])
def test_status_columns_from_every_table_kind(table) -> None:
    r = stegvis.evaluate(PROGRAMME, table(PEOPLE), [], table(FOLLOW_UPS), as_of="2023-06-30", profile="esf")
    ind = r.esf["indicators"]
    # a: long-term unemployed woman, the SFC's first example (job on day 20).
    assert ind["long_term_unemployed"]["by_gender"]["woman"] == 1
    assert ind["inactive"]["by_gender"]["man"] == 1
    assert ind["isced_3_4"]["total"] == 1
    assert ind["in_employment"]["total"] == 1
    assert ind["job_searching"]["total"] == 0
    assert ind["gaining_qualification"]["total"] == 1
    step = r.assistance["steps"][0]
    assert (step["population"], step["recorded"], step["not_on_assistance"], step["share"]) == (1, 1, 1, 1.0)


def test_the_tidy_frame_has_esf_and_assistance_rows() -> None:
    pytest.importorskip("pandas")
    frame = nordost(profile="esf").tidy_frame()
    esf = frame[(frame["section"] == "esf") & (frame["item"] == "in_employment") & (frame["group"] == "all")]
    assert list(esf["value"]) == [35.0]
    exit_share = frame[(frame["section"] == "assistance") & (frame["item"] == "exit")
                       & (frame["group"] == "all") & (frame["measure"] == "share")]
    assert abs(float(exit_share["value"].iloc[0]) - 50 / 136) < 1e-12


def test_a_bad_profile_or_status_is_a_coded_error() -> None:
    with pytest.raises(stegvis.StegvisError) as e:
        stegvis.evaluate(PROGRAMME, PEOPLE, [], profile="eu")
    assert e.value.code == "invalid_argument"
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(PROGRAMME, [dict(PEOPLE[1], labour_status="student")], [])
    assert (e.value.code, e.value.row, e.value.column) == ("invalid_labour_status", 2, "labour_status")
    assert "student" not in str(e.value)


def test_the_publishable_copy_hides_small_esf_counts() -> None:
    r = nordost(profile="esf").suppress(5)
    ind = r.esf["indicators"]
    assert ind["window_open"]["by_gender"]["man"] == "suppressed"
    assert ind["participants"]["total"] == 200
