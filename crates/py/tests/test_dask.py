"""stegvis.dask (docs/partials.md#dask): the Nordost tables as Dask data
frames, rows shuffled and split into partitions that cut through
participants, give on a cluster of two worker processes the report that
stegvis.evaluate gives on the same pandas frames in one process, data-quality
rows aside. Also: the co-partitioning puts every row of a participant in the
same partition of every table, and the PySpark recipe of
docs/partials.md#spark runs when PySpark and a JVM are there."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from typing import Any, Dict, Iterator, List

import pytest

import stegvis
from conftest import NORDOST

dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")

AS_OF = "2023-01-31"
TABLES = ("participants", "assessments", "follow_ups")


def without_rows(report: stegvis.Report) -> Dict[str, Any]:
    figures = json.loads(report.to_json())
    for issue in figures["data_quality"]:
        issue["rows"] = []
    return figures


@pytest.fixture(scope="module")
def frames() -> Dict[str, Any]:
    """The Nordost tables as text, rows shuffled (so no partition holds
    a participant's rows together by accident)."""
    return {
        t: pd.read_csv(NORDOST / f"{t}.csv", dtype=str, keep_default_na=False).sample(frac=1, random_state=7)
        for t in TABLES
    }


def dask_frames(frames: Dict[str, Any], npartitions: int) -> List[Any]:
    return [dd.from_pandas(frames[t], npartitions=npartitions, sort=False) for t in TABLES]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        yield client


def test_a_cluster_gives_the_report_of_one_process(frames: Dict[str, Any], client: Any) -> None:
    one_process = stegvis.evaluate(NORDOST / "programme.toml", *frames.values(), as_of=AS_OF)
    participants, assessments, follow_ups = dask_frames(frames, 4)
    assert assessments.npartitions == 4
    report = stegvis.dask.evaluate(
        NORDOST / "programme.toml", participants, assessments, follow_ups, as_of=AS_OF, npartitions=3
    )
    assert without_rows(report) == without_rows(one_process)
    assert report.enrolment["enrolled"] > 0


def test_partial_on_a_cluster_equals_the_whole_partial(frames: Dict[str, Any], client: Any) -> None:
    whole = stegvis.partial(NORDOST / "programme.toml", *frames.values(), as_of=AS_OF, profile="esf")
    combined = stegvis.dask.partial(
        stegvis.Programme.from_toml(NORDOST / "programme.toml"),
        *dask_frames(frames, 3),
        as_of=AS_OF,
        profile="esf",
    )
    assert combined == whole


def test_without_follow_ups_and_default_partitions(frames: Dict[str, Any]) -> None:
    """On the local scheduler: follow-ups are optional, and without
    as_of the date is settled once, before any work is sent."""
    participants, assessments, _ = dask_frames(frames, 2)
    whole = stegvis.partial(NORDOST / "programme.toml", frames["participants"], frames["assessments"])
    combined = stegvis.dask.partial(NORDOST / "programme.toml", participants, assessments)
    assert combined == whole


def test_co_partitioning_keeps_a_participant_together(frames: Dict[str, Any]) -> None:
    participants, assessments, follow_ups = dask_frames(frames, 3)
    n = 5
    seen: Dict[str, int] = {}
    for frame, column in ((participants, "id"), (assessments, "participant_id"), (follow_ups, "participant_id")):
        aligned = stegvis.dask.co_partition(frame, column, n, "table")
        assert aligned.npartitions == n
        for k, part in enumerate(aligned.to_delayed()):
            for participant in part.compute()[column]:
                assert seen.setdefault(participant, k) == k
                assert stegvis.partition_of(participant, n) == k
    assert len(seen) > 100


def test_other_id_columns_are_named(frames: Dict[str, Any]) -> None:
    renamed = frames["participants"].rename(columns={"id": "deltagar_id"})
    participants = dd.from_pandas(renamed, npartitions=2)
    assessments = dd.from_pandas(frames["assessments"], npartitions=2)
    with pytest.raises(stegvis.DataError) as caught:
        stegvis.dask.partial(NORDOST / "programme.toml", participants, assessments, as_of=AS_OF)
    assert (caught.value.code, caught.value.table, caught.value.column) == ("missing_column", "participants", "id")
    combined = stegvis.dask.partial(
        NORDOST / "programme.toml",
        participants,
        assessments,
        as_of=AS_OF,
        id_columns=("deltagar_id", "participant_id"),
    )
    assert combined == stegvis.partial(
        NORDOST / "programme.toml", renamed, frames["assessments"], as_of=AS_OF
    )


def test_options_it_cannot_take(frames: Dict[str, Any]) -> None:
    participants, assessments, _ = dask_frames(frames, 2)
    for bad in ({"comparison": {}}, {"npartitions": 0}):
        with pytest.raises(stegvis.StegvisError) as caught:
            stegvis.dask.partial(NORDOST / "programme.toml", participants, assessments, as_of=AS_OF, **bad)
        assert caught.value.code == "invalid_argument"


def test_a_data_error_on_a_worker_keeps_its_code(frames: Dict[str, Any]) -> None:
    broken = frames["assessments"].copy()
    broken.iloc[0, broken.columns.get_loc("date")] = "not a date"
    participants = dd.from_pandas(frames["participants"], npartitions=2)
    assessments = dd.from_pandas(broken, npartitions=2)
    with pytest.raises(stegvis.DataError) as caught:
        stegvis.dask.partial(NORDOST / "programme.toml", participants, assessments, as_of=AS_OF, strict=False)
    assert (caught.value.code, caught.value.table) == ("invalid_date", "assessments")


# ------------------------------------------------------------ PySpark (docs/partials.md#spark)


def spark_ready() -> bool:
    return importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None


@pytest.mark.skipif(not spark_ready(), reason="PySpark and a JVM (java) are needed")
def test_the_spark_recipe_gives_the_report_of_one_process(frames: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from pyspark.sql import SparkSession

    # Spark's Python workers must run this interpreter, which has stegvis.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    from spark_recipe import evaluate_on_spark

    spark = SparkSession.builder.master("local[2]").appName("stegvis-test").getOrCreate()
    try:
        tables = [spark.createDataFrame(frames[t]) for t in TABLES]
        report = evaluate_on_spark(spark, NORDOST / "programme.toml", *tables, as_of=AS_OF, partitions=4)
    finally:
        spark.stop()
    one_process = stegvis.evaluate(NORDOST / "programme.toml", *frames.values(), as_of=AS_OF)
    assert without_rows(report) == without_rows(one_process)
