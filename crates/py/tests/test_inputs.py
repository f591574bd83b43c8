"""Every accepted input form gives the same numbers. The expectations are
those of the worked example in `docs/method.md#worked-example`, worked out by hand there."""

from __future__ import annotations

import csv
import datetime
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

import stegvis
from conftest import NORDOST, ROOT

D = datetime.date
SPEC12 = ROOT / "tests" / "fixtures" / "spec12"


def read_records(path: Path) -> List[Dict[str, Any]]:
    """A CSV file as records, empty cells as None and levels as integers,
    the way an analyst would type the table in Python."""
    with path.open(encoding="utf-8", newline="") as f:
        records = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(f)]
    for r in records:
        if "level" in r:
            r["level"] = int(r["level"])
    return records


# The worked example of `docs/method.md#worked-example`, shared with the Rust, CLI and JS suites.
PARTICIPANTS = read_records(SPEC12 / "participants.csv")
ASSESSMENTS = read_records(SPEC12 / "assessments.csv")
AS_OF = "2022-06-30"


def check_worked_example(report: stegvis.Report) -> None:
    """`docs/method.md#worked-example`, compared to ±5e-4."""
    closer, progression, retention, newly_arrived = report.goals
    assert (closer["id"], closer["achieved"], closer["unknown"], closer["denominator"]) == ("closer", 2, 1, 3)
    assert closer["share"] == pytest.approx(0.667, abs=5e-4)
    assert (closer["ci"]["lower"], closer["ci"]["upper"]) == pytest.approx((0.208, 0.939), abs=5e-4)
    assert (closer["status"], closer["confident"]) == ("met", False)
    assert (progression["achieved"], progression["denominator"], progression["status"]) == (2, 3, "not_met")
    women = closer["by_gender"]["woman"]
    assert (women["achieved"], women["denominator"]) == (1, 2)
    assert closer["gender_gap"]["difference"] == pytest.approx(-0.5, abs=5e-4)
    e = report.enrolment
    assert e["enrolled"] == 3
    # Recruitment ends 2022-07-31: 200 × 514 / 545, still open.
    assert e["expected_by_now"] == pytest.approx(188.624, abs=5e-4)
    assert (e["recruitment_end"], e["recruitment_open"]) == ("2022-07-31", True)
    assert (e["by_gender"]["woman"]["needed"], e["by_gender"]["man"]["needed"]) == (110, 87)
    assert e["by_gender"]["woman"]["missed"] is None
    women_projected = e["by_gender"]["woman"]["projected_ci"]
    assert (women_projected["lower"], women_projected["upper"]) == pytest.approx((0.2145, 0.9344), abs=5e-4)
    # Nobody due for the 12-month follow-up, nobody newly arrived: no data.
    assert (retention["population_size"], retention["status"]) == (0, "no_data")
    assert (newly_arrived["population_size"], newly_arrived["status"]) == (0, "no_data")
    step, swedish = report.parameters
    assert (step["evaluable"], step["mean_gain"], step["transitions"][0][2]) == (1, 2.0, 1)
    assert (swedish["evaluable"], swedish["improved"], swedish["unchanged"]) == (2, 1, 1)
    assert report.data_quality == []
    assert report.as_of == D(2022, 6, 30)


@pytest.fixture(scope="module")
def programme() -> stegvis.Programme:
    return stegvis.Programme.from_toml(NORDOST / "programme.toml")


def test_list_of_dicts(programme: stegvis.Programme) -> None:
    check_worked_example(stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF))


def test_tuples_dates_and_integer_ids(programme: stegvis.Programme) -> None:
    ids = {"a": 7, "b": 8, "c": 9}
    participants = tuple(
        dict(p, id=ids[p["id"]], entry_date=D.fromisoformat(p["entry_date"])) for p in PARTICIPANTS
    )
    assessments = [dict(a, participant_id=str(ids[a["participant_id"]])) for a in ASSESSMENTS]
    check_worked_example(stegvis.evaluate(programme, participants, assessments, as_of=D(2022, 6, 30)))


def write_csv(path: Path, records: List[Dict[str, Any]]) -> Path:
    columns = list(records[0])
    lines = [",".join(columns)]
    lines += [",".join("" if r[c] is None else str(r[c]) for c in columns) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_csv_paths(programme: stegvis.Programme, tmp_path: Path) -> None:
    participants = write_csv(tmp_path / "participants.csv", PARTICIPANTS)
    assessments = write_csv(tmp_path / "assessments.csv", ASSESSMENTS)
    check_worked_example(stegvis.evaluate(programme, str(participants), assessments, as_of=AS_OF))
    check_worked_example(stegvis.evaluate(programme, participants, assessments, follow_ups=None, as_of=AS_OF))


def test_csv_errors_name_the_file(programme: stegvis.Programme, tmp_path: Path) -> None:
    bad = [dict(p) for p in PARTICIPANTS]
    bad[2]["gender"] = "robot"
    participants = write_csv(tmp_path / "participants.csv", bad)
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, participants, ASSESSMENTS, as_of=AS_OF)
    e = raised.value
    assert (e.code, e.table, e.row, e.column, e.file) == ("invalid_gender", "participants", 4, "gender", str(participants))
    assert "robot" not in str(e)
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, tmp_path / "absent.csv", ASSESSMENTS, as_of=AS_OF)
    assert (raised.value.code, raised.value.file) == ("io_error", str(tmp_path / "absent.csv"))


def test_pandas(programme: stegvis.Programme) -> None:
    pd = pytest.importorskip("pandas")
    participants = pd.DataFrame(PARTICIPANTS)
    participants["entry_date"] = pd.to_datetime(participants["entry_date"])
    participants["gender"] = participants["gender"].astype("category")
    assessments = pd.DataFrame(ASSESSMENTS)
    assessments["date"] = pd.to_datetime(assessments["date"]).dt.date
    check_worked_example(stegvis.evaluate(programme, participants, assessments, as_of=AS_OF))


def test_pandas_without_pyarrow(programme: stegvis.Programme, monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    participants = pd.DataFrame(PARTICIPANTS)
    participants["entry_date"] = pd.to_datetime(participants["entry_date"])
    assessments = pd.DataFrame(ASSESSMENTS)
    # Row by row through the frame's records when pyarrow cannot be imported.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    check_worked_example(stegvis.evaluate(programme, participants, assessments, as_of=AS_OF))


def test_pandas_mixed_columns_fall_back_to_rows(programme: stegvis.Programme) -> None:
    pd = pytest.importorskip("pandas")
    assessments = pd.DataFrame(ASSESSMENTS)
    # "Arbetsträning" is level 3 of step's ladder: the same as the number.
    assessments["level"] = assessments["level"].astype(object)
    assessments.loc[4, "level"] = "Arbetsträning"
    check_worked_example(stegvis.evaluate(programme, pd.DataFrame(PARTICIPANTS), assessments, as_of=AS_OF))


def test_polars(programme: stegvis.Programme) -> None:
    pl = pytest.importorskip("polars")
    participants = pl.DataFrame(PARTICIPANTS).with_columns(
        pl.col("entry_date").str.to_date(), pl.col("gender").cast(pl.Categorical)
    )
    assessments = pl.DataFrame(ASSESSMENTS).with_columns(pl.col("date").str.to_datetime())
    check_worked_example(stegvis.evaluate(programme, participants, assessments, as_of=AS_OF))


def test_pyarrow_types(programme: stegvis.Programme) -> None:
    pa = pytest.importorskip("pyarrow")
    participants = pa.Table.from_pylist(PARTICIPANTS)
    participants = participants.set_column(
        2, "entry_date", pa.array([D(2021, 3, 1), D(2021, 4, 1), D(2021, 5, 1)], pa.date32())
    )
    participants = participants.set_column(
        1, "gender", pa.array(["K", "M", "kvinna"]).dictionary_encode()
    )
    assessments = pa.Table.from_pylist(ASSESSMENTS)
    assessments = assessments.set_column(3, "level", pa.array([a["level"] for a in ASSESSMENTS], pa.int8()))
    assessments = assessments.set_column(
        0, "participant_id", pa.array([a["participant_id"] for a in ASSESSMENTS], pa.large_string())
    )
    check_worked_example(stegvis.evaluate(programme, participants, assessments.to_reader(max_chunksize=3), as_of=AS_OF))


def test_timestamps_count_in_their_time_zone(programme: stegvis.Programme) -> None:
    pa = pytest.importorskip("pyarrow")
    # Midnight 2022-07-01 in Stockholm is 2022-06-30 22:00 UTC. The entry is
    # 1 July, after the as-of date, so nobody is enrolled yet; read as UTC it
    # would be 30 June and count.
    midnight = datetime.datetime(2022, 6, 30, 22, 0, tzinfo=datetime.timezone.utc)
    participants = pa.table({
        "id": ["a"],
        "gender": ["woman"],
        "entry_date": pa.array([midnight], pa.timestamp("us", tz="Europe/Stockholm")),
    })
    report = stegvis.evaluate(programme, participants, [], as_of="2022-06-30")
    assert report.enrolment["enrolled"] == 0
    report = stegvis.evaluate(programme, participants, [], as_of="2022-07-01")
    assert report.enrolment["enrolled"] == 1


def test_rows_count_across_batches(programme: stegvis.Programme) -> None:
    pa = pytest.importorskip("pyarrow")
    assessments = [dict(a) for a in ASSESSMENTS]
    assessments[6]["date"] = "2022-02-30"  # record 6 is row 8
    table = pa.Table.from_pylist(assessments)
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, PARTICIPANTS, table.to_reader(max_chunksize=2), as_of=AS_OF)
    e = raised.value
    assert (e.code, e.table, e.row, e.column) == ("invalid_date", "assessments", 8, "date")


def test_tags_as_lists(programme: stegvis.Programme) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    tagged = dict(PROGRAMME_WITH_TAG_GOAL)
    rows = [
        {"id": "a", "gender": "woman", "entry_date": "2022-01-10", "tags": ["x", "newly_arrived"]},
        {"id": "b", "gender": "man", "entry_date": "2022-01-10", "tags": []},
        {"id": "c", "gender": "man", "entry_date": "2022-01-10", "tags": None},
    ]
    # a has the tag, b and c do not: 1 of 3 (worked out by hand).
    for table in (rows, pa.Table.from_pylist(rows), pl.DataFrame(rows)):
        report = stegvis.evaluate(tagged, table, [], as_of="2022-06-30")
        assert (report.goals[0]["achieved"], report.goals[0]["denominator"]) == (1, 3)


def test_list_cells_are_read_row_by_row_past_the_first_rows() -> None:
    """Arrow tables are read a few rows at a time, column by column: a list
    in each row stays that row's list in any number of rows and chunks."""
    pa = pytest.importorskip("pyarrow")
    # Every third of 37 participants has the tag (rows 0, 3, …, 36): 13 of 37.
    rows = [
        {"id": f"p{i}", "gender": "woman", "entry_date": "2022-01-10",
         "tags": ["newly_arrived", "x"] if i % 3 == 0 else [f"t{i}"]}
        for i in range(37)
    ]
    table = pa.Table.from_pylist(rows)
    large = table.cast(table.schema.set(3, pa.field("tags", pa.large_list(pa.string()))))
    for t in (table, large, pa.Table.from_batches(table.to_batches(max_chunksize=7))):
        report = stegvis.evaluate(PROGRAMME_WITH_TAG_GOAL, t, [], as_of="2022-06-30")
        assert (report.goals[0]["achieved"], report.goals[0]["denominator"]) == (13, 37)
    # A list in another column is an error at its row, the 21st record's
    # (row 22) when the rows before it have no gender.
    wrong = [dict(r, gender=["woman"] if i == 20 else None) for i, r in enumerate(rows)]
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(PROGRAMME_WITH_TAG_GOAL, pa.Table.from_pylist(wrong), [])
    assert (raised.value.row, raised.value.column) == (22, "gender")


PROGRAMME_WITH_TAG_GOAL = {
    "id": "T",
    "name": "Tags",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "planned_participants": 10,
    "parameters": [{"id": "p", "scale": [1, 5]}],
    "goals": [{"id": "newly_arrived", "target": 0.5, "criterion": {"tag": "newly_arrived"}}],
}


def test_programme_forms(programme: stegvis.Programme) -> None:
    toml_text = (NORDOST / "programme.toml").read_text(encoding="utf-8")
    assert stegvis.Programme.from_toml(toml_text) == programme
    assert stegvis.Programme.from_toml(str(NORDOST / "programme.toml")) == programme
    assert stegvis.Programme.from_dict(programme.to_dict()) == programme
    assert stegvis.Programme.from_json(programme.to_json()) == programme
    assert stegvis.Programme.from_json(json.dumps(programme.to_dict())) == programme
    assert (programme.id, programme.name) == ("2020/00551", "Arbetsliv och hälsa Nordost")
    assert (programme.parameter_ids, programme.goal_ids) == (
        ["step", "swedish"],
        ["closer", "progression", "retention", "newly_arrived"],
    )
    assert repr(programme).startswith("Programme(id='2020/00551', name='Arbetsliv och hälsa Nordost'")
    as_dict = dict(programme.to_dict(), start=D(2021, 2, 1))
    assert stegvis.Programme.from_dict(as_dict) == programme
    # evaluate takes the definition itself too
    check_worked_example(stegvis.evaluate(NORDOST / "programme.toml", PARTICIPANTS, ASSESSMENTS, as_of=AS_OF))
    check_worked_example(stegvis.evaluate(programme.to_dict(), PARTICIPANTS, ASSESSMENTS, as_of=AS_OF))


def test_programme_errors_carry_code_and_path() -> None:
    definition = stegvis.Programme.from_toml(NORDOST / "programme.toml").to_dict()
    definition["goals"][1]["criterion"] = {"improved": {"parameters": ["health"]}}
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.Programme.from_dict(definition)
    assert raised.value.code == "undefined_parameter"
    assert raised.value.path == "goals[1].criterion.improved.parameters[0]"
    assert isinstance(raised.value, ValueError)


def test_strict_mode_raises_the_first_issue(programme: stegvis.Programme) -> None:
    participants = [dict(p) for p in PARTICIPANTS]
    participants[1]["gender"] = ""  # unknown gender: a data-quality issue on row 3
    report = stegvis.evaluate(programme, participants, ASSESSMENTS, as_of=AS_OF)
    assert report.data_quality == [{"kind": "unknown_gender", "table": "participants", "count": 1, "rows": [3]}]
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, participants, ASSESSMENTS, as_of=AS_OF, strict=True)
    assert (raised.value.code, raised.value.table, raised.value.row) == ("unknown_gender", "participants", 3)


def test_report_outputs(programme: stegvis.Programme) -> None:
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)
    whole = report.to_dict()
    assert set(whole) == {
        "programme", "as_of", "enrolment", "goals", "parameters", "exits", "follow_ups", "data_quality", "breakdowns",
        "assistance", "esf", "comparison", "trend", "status_on",
    }
    assert json.loads(report.to_json()) == whole
    assert whole["goals"] == report.goals and whole["exits"] == report.exits
    assert whole["breakdowns"] == report.breakdowns
    assert whole["follow_ups"] == report.follow_ups
    assert report.programme == {"id": "2020/00551", "name": "Arbetsliv och hälsa Nordost"}
    assert report.min_cell is None
    # The core's words and formats: a no-break space between number and unit.
    html = report._repr_html_()
    assert "Närmat sig arbetsmarknaden" in html and "met" in html and "66.7\u00a0%" in html
    assert "20.8–93.9\u00a0%" in html and "50.0\u00a0%" in html
    # The notebook shows the printable document's body (docs/report.md#printable-report).
    assert html.split("</style>\n", 1)[1] in report.to_html(language="en")
    swedish = report.to_html(language="sv")
    assert "uppfyllt" in swedish and "66,7\u00a0%" in swedish and "Målnivå" in swedish
    assert "closer met (66.7\u00a0%)" in repr(report)
    # a: exited to employment, so in the population and achieved (`docs/method.md#worked-example`).
    a = report.explain("a")
    assert a is not None and a["participant_id"] == "a"
    assert [(g["goal_id"], g["value"], g["counted"]) for g in a["goals"]] == [
        ("closer", "true", "achieved"),
        ("progression", "true", "achieved"),
        # Not due for the 12-month follow-up, and not newly arrived.
        ("retention", "unknown", "outside_population"),
        ("newly_arrived", "true", "outside_population"),
    ]
    assert report.explain("nobody") is None
    # Text tables come from the core; the binding passes them on.
    assert str(report) == report.to_text(language="en")
    assert "closer" in str(report)
    assert report.to_text(language="sv") != report.to_text(language="en")


def test_suppressed_copy(programme: stegvis.Programme) -> None:
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)
    published = report.suppress(5)
    assert published.min_cell == 5
    # Every count here is below 5: enrolled 3, achieved 2 → suppressed.
    assert published.enrolment["enrolled"] == "suppressed"
    assert published.goals[0]["achieved"] == "suppressed"
    assert published.goals[0]["share"] == "suppressed"
    assert "<td>supp.</td>" in published._repr_html_()  # the enrolled, a label-value line
    assert "Publishable copy: counts below 5" in repr(published)
    # With min_cell 1 nothing is hidden.
    assert report.suppress(1).to_dict() == report.to_dict()
    # The original is untouched.
    assert report.goals[0]["achieved"] == 2


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_frames(programme: stegvis.Programme, backend: str) -> None:
    pytest.importorskip(backend)
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)

    def rows(frame: Any) -> List[Dict[str, Any]]:
        return frame.to_dict("records") if backend == "pandas" else frame.to_dicts()

    goals = rows(report.goals_frame(backend=backend))
    assert [g["id"] for g in goals] == ["closer", "progression", "retention", "newly_arrived"]
    assert goals[2]["population_after_months"] == 12
    assert goals[3]["population_where"] == '{"tag":"newly_arrived"}'
    assert (goals[0]["achieved"], goals[0]["denominator"], goals[0]["status"]) == (2, 3, "met")
    assert goals[0]["ci_lower"] == pytest.approx(0.208, abs=5e-4)
    assert goals[1]["confident"] is False or goals[1]["confident"] == False  # noqa: E712 (numpy bool)
    by_gender = rows(report.goals_frame(backend=backend, by_gender=True))
    assert len(by_gender) == 16
    assert (by_gender[0]["goal_id"], by_gender[0]["gender"], by_gender[0]["denominator"]) == ("closer", "woman", 2)
    genders = rows(report.gender_frame(backend=backend))
    assert [(g["gender"], g["count"]) for g in genders] == [("woman", 2), ("man", 1), ("non_binary", 0), ("unknown", 0)]
    assert genders[0]["deviation"] == pytest.approx(0.107, abs=5e-4)
    parameters = rows(report.parameters_frame(backend=backend))
    overall = [p for p in parameters if p["gender"] == "all"]
    assert [(p["id"], p["evaluable"]) for p in overall] == [("step", 1), ("swedish", 2)]
    assert overall[1]["mean_gain"] == pytest.approx(0.5)
    explained = rows(report.participants_frame(backend=backend))
    assert len(explained) == 12  # 3 participants × 4 goals
    c = [r for r in explained if r["participant_id"] == "c" and r["goal_id"] == "closer"][0]
    assert (c["value"], c["counted"], c["in_population"]) == ("unknown", "not_achieved", True)
    # Suppressed values are missing in frames (pandas shows <NA>, polars null).
    published = rows(report.suppress(5).goals_frame(backend=backend))
    assert published[0]["achieved"] is None or str(published[0]["achieved"]) == "<NA>"
    # A hidden achieved hides the status it would pin (decision 63).
    # pandas infers its text dtype from the column, whose missing marker is
    # NaN once the column also holds text (here the new goals' "no_data").
    assert published[0]["status"] is None or str(published[0]["status"]) in ("<NA>", "nan")
    assert [g["status"] for g in published[2:]] == ["no_data", "no_data"]
    # The tidy table: the core's columns, one row per figure.
    tidy = rows(report.tidy_frame(backend=backend))
    assert list(tidy[0]) == ["section", "item", "group", "measure", "value", "lower", "upper", "suppressed"]
    share = [r for r in tidy if (r["section"], r["item"], r["group"], r["measure"]) == ("goals", "closer", "all", "share")]
    assert share[0]["value"] == pytest.approx(goals[0]["share"])
    assert (share[0]["lower"], share[0]["upper"]) == (goals[0]["ci_lower"], goals[0]["ci_upper"])
    hidden = rows(report.suppress(5).tidy_frame(backend=backend))
    achieved = [r for r in hidden if (r["section"], r["item"], r["group"], r["measure"]) == ("goals", "closer", "all", "achieved")]
    assert achieved[0]["suppressed"] == True  # noqa: E712 (numpy bool)


def test_suppress_takes_the_cores_minimum_cell_size(programme: stegvis.Programme) -> None:
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)
    # The default is the core's 5; 0 and 1 hide nothing (docs/report.md, disclosure control).
    assert report.suppress().to_dict() == report.suppress(5).to_dict()
    assert report.suppress(0).to_dict() == report.to_dict()
    with pytest.raises(stegvis.StegvisError) as raised:
        report.suppress(-1)
    assert raised.value.code == "invalid_argument"


def test_records_follow_the_cores_rules(programme: stegvis.Programme) -> None:
    ok = {"id": "a", "gender": "K", "entry_date": "2021-03-01"}
    # A record that is not a dict is invalid_record at its row (decision 10).
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, [ok, 3], ASSESSMENTS, as_of=AS_OF)
    assert (raised.value.code, raised.value.row) == ("invalid_record", 3)
    # Tags that are not texts are refused, as in every surface.
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, [{**ok, "tags": ["x", 1]}], ASSESSMENTS, as_of=AS_OF)
    assert (raised.value.code, raised.value.column) == ("invalid_tags", "tags")
    # A missing column is reported before an earlier record's bad cell.
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(programme, [{"id": "a", "gender": "Q"}], ASSESSMENTS, as_of=AS_OF)
    assert (raised.value.code, raised.value.column) == ("missing_column", "entry_date")


def test_report_sections_keep_the_report_order(programme: stegvis.Programme) -> None:
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)
    assert list(report.to_dict()) == [
        "programme", "as_of", "enrolment", "goals", "parameters", "exits", "follow_ups", "data_quality",
        "breakdowns", "assistance", "esf", "comparison", "trend", "status_on",
    ]
    assert list(report.goals[0])[:4] == ["id", "name", "target", "population"]
    assert report.to_dict() == json.loads(report.to_json())


def test_importing_stegvis_needs_no_data_frame_library() -> None:
    import subprocess

    code = (
        "import sys\n"
        "for m in ('pandas', 'polars', 'pyarrow', 'numpy'): sys.modules[m] = None\n"
        "import stegvis\n"
        "r = stegvis.evaluate(stegvis.Programme.from_toml(sys.argv[1]),"
        " [{'id': 'a', 'gender': 'K', 'entry_date': '2021-03-01'}], [], as_of='2022-06-30')\n"
        "assert r.enrolment['enrolled'] == 1\n"
    )
    subprocess.run([sys.executable, "-c", code, str(NORDOST / "programme.toml")], check=True)


def test_evaluate_releases_the_gil(programme: stegvis.Programme) -> None:
    pa = pytest.importorskip("pyarrow")
    n = 100_000
    ids = [f"p{i}" for i in range(n)]
    participants = pa.table({"id": ids, "gender": ["K"] * n, "entry_date": ["2021-03-01"] * n})
    assessments = pa.table({
        "participant_id": ids * 4,
        "date": ["2021-03-01"] * n + ["2021-09-01"] * n + ["2022-01-01"] * n + ["2022-03-01"] * n,
        "parameter": ["step"] * (2 * n) + ["swedish"] * (2 * n),
        "level": [1] * n + [3] * n + [2] * n + [4] * n,
    })
    done = threading.Event()
    result: Dict[str, Any] = {}

    def work() -> None:
        result["report"] = stegvis.evaluate(programme, participants, assessments, as_of=AS_OF)
        done.set()

    ticks = 0
    worker = threading.Thread(target=work)
    start = time.perf_counter()
    worker.start()
    while not done.is_set():
        ticks += 1  # Python code: runs only while the worker does not hold the GIL
        time.sleep(0.001)
    worker.join()
    elapsed = time.perf_counter() - start
    assert result["report"].goals[0]["achieved"] == n
    # With the GIL held for the whole evaluation this loop could not run.
    assert ticks >= max(5, int(elapsed / 0.001 * 0.05)), (ticks, elapsed)


def test_to_csv_is_the_tidy_table_for_a_spreadsheet(programme: stegvis.Programme) -> None:
    report = stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of=AS_OF)
    # The worked example: 2 of 3 closer, Wilson 0.2077-0.9385 (docs/method.md), four places.
    english = report.to_csv().splitlines()
    assert english[0] == "section,item,group,measure,value,lower,upper,suppressed"
    assert "goals,closer,all,share,0.6667,0.2077,0.9385,false" in english
    swedish = report.to_csv(language="sv").splitlines()
    assert swedish[0] == "section;item;group;measure;value;lower;upper;suppressed"
    assert "goals;closer;all;share;0,6667;0,2077;0,9385;false" in swedish
    assert "goals,closer,all,achieved,,,,true" in report.suppress(5).to_csv().splitlines()
    with pytest.raises(stegvis.StegvisError) as e:
        report.to_csv(language="de")  # type: ignore[arg-type]
    assert e.value.code == "invalid_argument"
