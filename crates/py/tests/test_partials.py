"""Partial reports through Python (docs/partials.md): stegvis.partial counts
one set of participants, Partial + Partial and stegvis.combine add disjoint
sets, and the report of the sum is the report of the pooled data, except
that data-quality issues list no rows. The regional example
(examples/region) is the Nordost example split by project, so the
projects' partials must combine into the Nordost report. Partials travel
as JSON and by pickle; errors carry codes and no personal data; ids split
into partitions by the fixture's values, from every kind of input."""

from __future__ import annotations

import json
import pickle
from typing import Any, Dict, List

import pytest

import stegvis
from conftest import NORDOST, ROOT

REGION = ROOT / "examples" / "region"
PROJECTS = ("centrum", "norr", "vaster-oster")
AS_OF = "2023-01-31"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "partitions.json").read_text(encoding="utf-8"))


def tables(directory: Any) -> List[Any]:
    return [directory / f"{t}.csv" for t in ("participants", "assessments", "follow_ups")]


def project_partial(project: str, **options: Any) -> stegvis.Partial:
    participants, assessments, follow_ups = tables(REGION / project)
    options.setdefault("as_of", AS_OF)
    return stegvis.partial(NORDOST / "programme.toml", participants, assessments, follow_ups, **options)


def without_rows(report: stegvis.Report) -> Dict[str, Any]:
    """The report as JSON, each data-quality issue's rows emptied."""
    figures = json.loads(report.to_json())
    for issue in figures["data_quality"]:
        issue["rows"] = []
    return figures


@pytest.fixture(scope="module")
def nordost() -> stegvis.Report:
    participants, assessments, follow_ups = tables(NORDOST)
    return stegvis.evaluate(NORDOST / "programme.toml", participants, assessments, follow_ups, as_of=AS_OF)


@pytest.fixture(scope="module")
def region() -> List[stegvis.Partial]:
    return [project_partial(p) for p in PROJECTS]


# ------------------------------------------------------------ combining


def test_the_projects_combine_into_the_pooled_report(nordost: stegvis.Report, region: List[stegvis.Partial]) -> None:
    combined = stegvis.combine(region).report()
    assert without_rows(combined) == without_rows(nordost)
    # The pooled report does list rows: the comparison is not trivially equal.
    assert any(issue["rows"] for issue in nordost.data_quality)
    assert all(issue["rows"] == [] for issue in combined.data_quality)


def test_plus_adds_as_combine_does(region: List[stegvis.Partial]) -> None:
    centrum, norr, vaster_oster = region
    assert centrum + norr + vaster_oster == stegvis.combine(region)
    assert (centrum + norr).participants == centrum.participants + norr.participants
    assert centrum + norr != centrum


def test_a_partial_counts_what_evaluate_counts() -> None:
    participants, assessments, follow_ups = tables(REGION / "norr")
    programme = NORDOST / "programme.toml"
    alone = stegvis.evaluate(programme, participants, assessments, follow_ups, as_of=AS_OF)
    partial = stegvis.partial(programme, participants, assessments, follow_ups, as_of=AS_OF)
    assert without_rows(partial.report()) == without_rows(alone)
    assert partial.participants == alone.enrolment["enrolled"] > 0
    assert partial.as_of.isoformat() == AS_OF
    assert partial.programme == stegvis.Programme.from_toml(programme)


def test_options_apply_as_in_evaluate(nordost: stegvis.Report) -> None:
    options: Dict[str, Any] = {"profile": "esf", "every": "half-year", "status_on": "2022-12-31"}
    partials = [project_partial(p, **options) for p in PROJECTS]
    participants, assessments, follow_ups = tables(NORDOST)
    pooled = stegvis.evaluate(
        NORDOST / "programme.toml", participants, assessments, follow_ups, as_of=AS_OF, **options
    )
    combined = stegvis.combine(partials).report()
    assert combined.esf is not None and combined.trend and combined.status_on is not None
    assert without_rows(combined) == without_rows(pooled)


def test_the_report_of_a_partial_suppresses_and_makes_frames(region: List[stegvis.Partial]) -> None:
    report = stegvis.combine(region).report()
    published = report.suppress(5)
    assert published.min_cell == 5
    assert list(report.goals_frame(backend="pandas")["id"]) == [g["id"] for g in report.goals]
    with pytest.raises(stegvis.StegvisError) as caught:
        report.explain("N0007")
    assert caught.value.code == "no_explanations"


# ------------------------------------------------------------ travelling


def test_json_round_trip(region: List[stegvis.Partial]) -> None:
    for partial in region:
        text = partial.to_json()
        assert json.loads(text)["format"] == "stegvis-partial"
        assert stegvis.Partial.from_json(text) == partial


def test_pickling_round_trip(region: List[stegvis.Partial]) -> None:
    for partial in region:
        copy = pickle.loads(pickle.dumps(partial))
        assert isinstance(copy, stegvis.Partial)
        assert copy == partial
        assert copy.report().to_json() == partial.report().to_json()


def test_a_partial_holds_no_personal_data(region: List[stegvis.Partial]) -> None:
    text = stegvis.combine(region).to_json()
    representation = repr(region[0])
    for participant in ("N0007", "N0008", "N0009"):
        assert participant not in text
        assert participant not in representation
    assert representation.startswith("<stegvis.Partial programme='2020/00551' as_of=2023-01-31 participants=")


# ------------------------------------------------------------ errors


def test_different_dates_do_not_combine(region: List[stegvis.Partial]) -> None:
    later = project_partial("norr", as_of="2023-01-30")
    with pytest.raises(stegvis.PartialError) as caught:
        region[0] + later
    assert caught.value.code == "partial_as_of_differs"
    assert isinstance(caught.value, stegvis.StegvisError)
    with pytest.raises(stegvis.PartialError) as caught:
        stegvis.combine([region[0], later])
    assert caught.value.code == "partial_as_of_differs"


def test_different_settings_do_not_combine(region: List[stegvis.Partial]) -> None:
    with pytest.raises(stegvis.PartialError) as caught:
        region[0] + project_partial("norr", profile="esf")
    assert caught.value.code == "partial_settings_differ"


@pytest.mark.parametrize(
    "text,code",
    [
        ("not json", "invalid_partial"),
        ("{}", "invalid_partial"),
        ('{"format": "stegvis-partial", "version": 999}', "unsupported_partial_version"),
        ('{"format": "stegvis-partial", "version": 1, "programme": {}}', "invalid_partial"),
    ],
)
def test_bad_json_is_a_partial_error(text: str, code: str) -> None:
    with pytest.raises(stegvis.PartialError) as caught:
        stegvis.Partial.from_json(text)
    assert caught.value.code == code


def test_a_wrong_count_is_named_by_its_path_not_its_value(region: List[stegvis.Partial]) -> None:
    figures = json.loads(region[0].to_json())
    figures["counts"]["as_of"] = "N0007-secret"
    with pytest.raises(stegvis.PartialError) as caught:
        stegvis.Partial.from_json(json.dumps(figures))
    assert caught.value.code == "invalid_partial"
    assert "secret" not in str(caught.value)


def test_nothing_to_combine() -> None:
    with pytest.raises(stegvis.PartialError) as caught:
        stegvis.combine([])
    assert caught.value.code == "no_partials"
    with pytest.raises(stegvis.StegvisError) as wrong:
        stegvis.combine([1, 2])  # type: ignore[list-item]
    assert wrong.value.code == "invalid_argument"


def test_adding_anything_else_is_a_type_error(region: List[stegvis.Partial]) -> None:
    with pytest.raises(TypeError):
        region[0] + 1  # type: ignore[operator]
    assert region[0] != 1


def test_partial_takes_no_comparison() -> None:
    participants, assessments, _ = tables(REGION / "norr")
    with pytest.raises(TypeError):
        stegvis.partial(NORDOST / "programme.toml", participants, assessments, comparison={})  # type: ignore[call-arg]


def test_data_errors_are_those_of_evaluate() -> None:
    bad = [{"id": "a", "gender": "K", "entry_date": "not a date"}]
    with pytest.raises(stegvis.DataError) as caught:
        stegvis.partial(NORDOST / "programme.toml", bad, [], as_of=AS_OF)
    assert (caught.value.code, caught.value.table, caught.value.row) == ("invalid_date", "participants", 2)


# ------------------------------------------------------------ partitions


def test_partition_of_matches_the_fixture() -> None:
    assert FIXTURE["cases"]
    for case in FIXTURE["cases"]:
        assert stegvis.partition_of(case["id"], case["partitions"]) == case["partition"], case


def fixture_ids(partitions: int) -> List[Any]:
    ids: List[Any] = [c["id"] for c in FIXTURE["cases"] if c["id"].strip()]
    return ids + ["17", 17, "  9 ", 123456789012]


def as_pandas(ids: List[Any]) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.Series([str(i) for i in ids], dtype="string[pyarrow]")


def as_pandas_objects(ids: List[Any]) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.Series(ids, dtype=object)


def as_pandas_integers(ids: List[Any]) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.Series([i for i in ids if isinstance(i, int)], dtype="int64")


def as_arrow(ids: List[Any]) -> Any:
    pa = pytest.importorskip("pyarrow")
    return pa.array([str(i) for i in ids])


def as_chunked(ids: List[Any]) -> Any:
    pa = pytest.importorskip("pyarrow")
    half = len(ids) // 2
    return pa.chunked_array([pa.array([str(i) for i in ids[:half]]), pa.array([str(i) for i in ids[half:]])])


def as_arrow_dictionary(ids: List[Any]) -> Any:
    return as_arrow(ids).dictionary_encode()


def as_polars(ids: List[Any]) -> Any:
    pl = pytest.importorskip("polars")
    return pl.Series("id", [str(i) for i in ids])


def as_polars_integers(ids: List[Any]) -> Any:
    pl = pytest.importorskip("polars")
    return pl.Series("id", [i for i in ids if isinstance(i, int)], dtype=pl.Int64)


FORMS = {
    "list": list,
    "tuple": tuple,
    "pandas": as_pandas,
    "pandas_objects": as_pandas_objects,
    "pandas_integers": as_pandas_integers,
    "pyarrow": as_arrow,
    "pyarrow_chunked": as_chunked,
    "pyarrow_dictionary": as_arrow_dictionary,
    "polars": as_polars,
    "polars_integers": as_polars_integers,
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("n", [1, 3, 7, 1000])
def test_partitions_equal_partition_of_each_id(form: str, n: int) -> None:
    pytest.importorskip("numpy")
    ids = fixture_ids(n)
    if form.endswith("_integers"):
        ids = [i for i in ids if isinstance(i, int)]
    given = FORMS[form](ids)
    # Text or integer, an id has the partition of its text.
    expected = [stegvis.partition_of(i, n) for i in ids]
    got = stegvis.partitions(given, n)
    assert got.dtype.name == "int64"
    assert got.tolist() == expected
    assert len(expected) >= 2


def test_an_id_is_read_as_the_id_columns_read_it() -> None:
    assert stegvis.partition_of(" A1 ", 1000) == stegvis.partition_of("A1", 1000)
    assert stegvis.partition_of(17, 1000) == stegvis.partition_of("17", 1000)
    assert stegvis.partition_of(17.0, 1000) == stegvis.partition_of("17", 1000)


def test_missing_ids_go_to_partition_zero() -> None:
    pytest.importorskip("numpy")
    assert stegvis.partitions([None, "", "  ", float("nan")], 7).tolist() == [0, 0, 0, 0]
    with pytest.raises(stegvis.StegvisError) as caught:
        stegvis.partition_of("  ", 7)
    assert caught.value.code == "invalid_id"


@pytest.mark.parametrize("n", [0, -1, True, 2**32, "3"])
def test_partitions_must_be_a_positive_whole_number(n: Any) -> None:
    with pytest.raises(stegvis.StegvisError) as caught:
        stegvis.partition_of("A1", n)
    assert caught.value.code == "invalid_argument"


def test_partitions_takes_only_columns_of_ids() -> None:
    with pytest.raises(stegvis.StegvisError) as caught:
        stegvis.partitions({"A1": 1}, 3)
    assert caught.value.code == "invalid_argument"


def test_partitions_of_many_ids_spread_over_every_partition() -> None:
    # Speed is measured by benches, not tests: about 0.05 s for these.
    pa = pytest.importorskip("pyarrow")
    ids = pa.array([f"N{i:09d}" for i in range(1_000_000)])
    got = stegvis.partitions(ids, 64)
    assert len(got) == 1_000_000 and set(got.tolist()) == set(range(64))
    assert got[123_456] == stegvis.partition_of("N000123456", 64)
