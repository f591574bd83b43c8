"""Python inputs no CSV file has (`docs/python.md#columns`, decision 74):
time-zone-aware timestamps, categoricals, empty Arrow data, objects shared
by threads, and object columns of odd values. Each gives a correct result
or a coded `stegvis` error, never a crash."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor
from typing import Any, List, Optional, Tuple

import pytest

import stegvis
from conftest import NORDOST

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

AS_OF = "2022-06-30"
ONE = [{"id": "a", "gender": "K", "entry_date": "2021-03-01"}]


@pytest.fixture(scope="module")
def programme() -> stegvis.Programme:
    return stegvis.Programme.from_toml(NORDOST / "programme.toml")


def outcome(programme: stegvis.Programme, participants: Any, assessments: Any = (), as_of: str = AS_OF) -> Tuple[Any, ...]:
    """("ok", enrolled) or (code, row, column) of the error."""
    try:
        report = stegvis.evaluate(programme, participants, list(assessments) if isinstance(assessments, tuple) else assessments, as_of=as_of)
    except stegvis.DataError as e:
        return (e.code, e.row, e.column)
    return ("ok", report.enrolment["enrolled"])


# ------------------------------------------------------------ time zones

# 00:30 on 1 July in Stockholm (summer time, UTC+2) is 22:30 on 30 June in
# UTC: the entry is 1 July, the day the user sees, so nobody is enrolled
# as of 30 June and one participant is as of 1 July.
STOCKHOLM_LATE = datetime.datetime(2022, 6, 30, 22, 30, tzinfo=datetime.timezone.utc)


def entries(column: Any) -> Any:
    return {"id": ["a"], "gender": ["K"], "entry_date": column}


def tz_tables() -> List[Tuple[str, Any]]:
    stockholm = pd.Series([STOCKHOLM_LATE]).dt.tz_convert("Europe/Stockholm")
    assert str(stockholm.dtype).endswith("Europe/Stockholm]")
    polars = pl.DataFrame(entries([STOCKHOLM_LATE])).with_columns(
        pl.col("entry_date").dt.convert_time_zone("Europe/Stockholm")
    )
    assert polars.schema["entry_date"] == pl.Datetime("us", "Europe/Stockholm")
    return [
        ("pandas datetime64[ns, Europe/Stockholm]", pd.DataFrame(entries(stockholm.astype("datetime64[ns, Europe/Stockholm]")))),
        # A complex column pyarrow cannot type sends the frame row by row.
        ("pandas rows of aware Timestamps", pd.DataFrame(entries([stockholm[0]])).assign(extra=[1j])),
        ("polars Datetime(time_zone)", polars),
        ("arrow timestamp[s, Europe/Stockholm]", pa.table(entries(pa.array([STOCKHOLM_LATE], pa.timestamp("s", tz="Europe/Stockholm"))))),
        ("arrow timestamp[ms, +02:00]", pa.table(entries(pa.array([STOCKHOLM_LATE], pa.timestamp("ms", tz="+02:00"))))),
        ("list of aware datetimes", [dict(id="a", gender="K", entry_date=stockholm[0].to_pydatetime())]),
    ]


@pytest.mark.parametrize("name", [name for name, _ in tz_tables()])
def test_aware_timestamps_count_on_their_own_calendar_day(programme: stegvis.Programme, name: str) -> None:
    table = dict(tz_tables())[name]
    assert outcome(programme, table, as_of="2022-06-30") == ("ok", 0)
    assert outcome(programme, table, as_of="2022-07-01") == ("ok", 1)


def test_the_same_instant_in_utc_is_the_day_before(programme: stegvis.Programme) -> None:
    utc = pd.DataFrame(entries(pd.Series([STOCKHOLM_LATE]).dt.tz_convert("UTC")))
    assert outcome(programme, utc, as_of="2022-06-30") == ("ok", 1)
    naive = pa.table(entries(pa.array([datetime.datetime(2022, 6, 30, 22, 30)], pa.timestamp("us"))))
    assert outcome(programme, naive, as_of="2022-06-30") == ("ok", 1)


def test_a_time_zone_arrow_cannot_read_is_invalid_date(programme: stegvis.Programme) -> None:
    table = pa.table(entries(pa.array([STOCKHOLM_LATE], pa.timestamp("s", tz="Mars/Olympus_Mons"))))
    assert outcome(programme, table) == ("invalid_date", 2, "entry_date")


# ------------------------------------------------------------ categoricals

ASSESSED = {"date": ["2021-03-01", "2021-09-01"], "parameter": ["step", "step"]}


def check_one_improved(programme: stegvis.Programme, participants: Any, assessments: Any) -> None:
    report = stegvis.evaluate(programme, participants, assessments, as_of=AS_OF)
    assert report.enrolment["enrolled"] == 2
    step = report.parameters[0]
    assert (step["id"], step["evaluable"], step["improved"], step["mean_gain"]) == ("step", 1, 1, 2.0)
    # The missing category is a missing gender: unknown.
    by_gender = report.enrolment["by_gender"]
    assert (by_gender["woman"]["count"], by_gender["unknown"]["count"]) == (1, 1)


def test_pandas_categoricals_are_read_as_their_values(programme: stegvis.Programme) -> None:
    participants = pd.DataFrame({
        "id": pd.Categorical([7, 8]),
        "gender": pd.Categorical(["K", None], categories=["K", "M"]),
        "entry_date": pd.Categorical(["2021-03-01", "2021-03-02"]),
    })
    assessments = pd.DataFrame({
        "participant_id": pd.Categorical(["7", "7"]),
        "date": pd.Categorical(ASSESSED["date"]),
        "parameter": pd.Categorical(ASSESSED["parameter"]),
        "level": pd.Categorical([1, 3]),
    })
    check_one_improved(programme, participants, assessments)


def test_polars_categorical_and_enum_are_read_as_their_values(programme: stegvis.Programme) -> None:
    participants = pl.DataFrame({"id": ["7", "8"], "gender": ["K", None], "entry_date": ["2021-03-01", "2021-03-02"]}).with_columns(
        pl.col("id").cast(pl.Categorical), pl.col("gender").cast(pl.Enum(["K", "M"]))
    )
    assessments = pl.DataFrame({"participant_id": ["7", "7"], "level": [1, 3], **ASSESSED}).with_columns(
        pl.col("participant_id").cast(pl.Categorical), pl.col("parameter").cast(pl.Enum(["step", "swedish"]))
    )
    check_one_improved(programme, participants, assessments)


def test_arrow_dictionaries_are_read_as_their_values(programme: stegvis.Programme) -> None:
    participants = pa.table({
        "id": pa.array(["7", "8"]).dictionary_encode(),
        "gender": pa.DictionaryArray.from_arrays(pa.array([0, None], pa.int8()), pa.array(["K"])),
        "entry_date": pa.array([datetime.date(2021, 3, 1), datetime.date(2021, 3, 2)], pa.date32()).dictionary_encode(),
    })
    assessments = pa.table({
        "participant_id": pa.array([7, 7], pa.int64()).dictionary_encode(),
        "date": pa.array(ASSESSED["date"]).dictionary_encode(),
        "parameter": pa.DictionaryArray.from_arrays(pa.array([0, 0], pa.uint16()), pa.array(["step"])),
        "level": pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), pa.array([1, 3], pa.int8())),
    })
    check_one_improved(programme, participants, assessments)
    # A dictionary with no values holds only nulls.
    no_values = pa.DictionaryArray.from_arrays(pa.array([None], pa.int32()), pa.array([], pa.string()))
    assert outcome(programme, pa.table(entries(no_values))) == ("missing_value", 2, "entry_date")


# ------------------------------------------------------------ empty Arrow data

REQUIRED = [("id", pa.string()), ("gender", pa.string()), ("entry_date", pa.date32())]


def empty_tables() -> List[Tuple[str, Any]]:
    schema = pa.schema(REQUIRED)
    return [
        ("columns with no chunks", pa.table({name: pa.chunked_array([], t) for name, t in REQUIRED})),
        ("empty RecordBatchReader", pa.RecordBatchReader.from_batches(schema, [])),
        ("reader of empty batches", pa.RecordBatchReader.from_batches(schema, [pa.record_batch([pa.array([], t) for _, t in REQUIRED], schema=schema)] * 2)),
        ("zero-row RecordBatch", pa.record_batch({name: pa.array([], t) for name, t in REQUIRED})),
        ("table with no columns", pa.table({})),
        ("pandas, no columns", pd.DataFrame()),
        ("pandas, columns without rows", pd.DataFrame(columns=["id", "gender", "entry_date"])),
        ("polars, no columns", pl.DataFrame()),
        ("polars, columns without rows", pl.DataFrame(schema={"id": pl.String, "gender": pl.Categorical, "entry_date": pl.Date})),
        ("empty list", []),
    ]


@pytest.mark.parametrize("name", [name for name, _ in empty_tables()])
def test_empty_tables_give_an_empty_report(programme: stegvis.Programme, name: str) -> None:
    report = stegvis.evaluate(programme, dict(empty_tables())[name], [], as_of=AS_OF)
    assert report.enrolment["enrolled"] == 0
    assert [g["denominator"] for g in report.goals] == [0] * len(report.goals)


def test_empty_tables_with_columns_must_have_the_required_ones(programme: stegvis.Programme) -> None:
    # A schema is a header, as in a CSV file: `entry_date` is missing.
    for table in [
        pa.table({"id": pa.chunked_array([], pa.string()), "gender": pa.chunked_array([], pa.string())}),
        pa.RecordBatchReader.from_batches(pa.schema(REQUIRED[:2]), []),
        pd.DataFrame(columns=["id", "gender"]),
        pl.DataFrame(schema={"id": pl.String, "gender": pl.String}),
    ]:
        assert outcome(programme, table) == ("missing_column", 1, "entry_date"), table


def test_an_array_that_is_not_a_table_is_invalid_table(programme: stegvis.Programme) -> None:
    for source in [pa.chunked_array([], pa.string()), pa.array([], pa.int64()), pa.chunked_array([[1, 2]])]:
        with pytest.raises(stegvis.DataError) as raised:
            stegvis.evaluate(programme, source, [], as_of=AS_OF)
        assert (raised.value.code, raised.value.table) == ("invalid_table", "participants")


# ------------------------------------------------------------ threads


def test_four_threads_on_shared_objects_agree(programme: stegvis.Programme) -> None:
    text = (NORDOST / "programme.toml").read_text(encoding="utf-8")
    participants = pa.Table.from_pandas(pd.read_csv(NORDOST / "participants.csv"), preserve_index=False)
    assessments = pd.read_csv(NORDOST / "assessments.csv")
    follow_ups = str(NORDOST / "follow_ups.csv")
    report = stegvis.evaluate(programme, participants, assessments, follow_ups, as_of="2023-01-31")
    expected = (report.to_json(), report.suppress(min_cell=5).to_json(), programme.to_json())

    def work(i: int) -> Tuple[str, str, str]:
        own = stegvis.evaluate(programme, participants, assessments, follow_ups, as_of="2023-01-31")
        parsed = stegvis.Programme.from_toml(text)
        assert own.to_json() == report.to_json()
        return (report.to_json(), report.suppress(min_cell=5).to_json(), parsed.to_json())

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(32), timeout=120))
    assert results == [expected] * 32


# ------------------------------------------------------------ odd object cells


def level_frame(values: List[Any], dtype: Optional[str] = None) -> Any:
    n = len(values)
    return pd.DataFrame({
        "participant_id": ["a"] * n,
        "date": ["2021-03-01"] * n,
        "parameter": ["swedish"] * n,
        "level": pd.Series(values, dtype=dtype),
    })


@pytest.mark.parametrize(
    ("values", "dtype", "expected"),
    [
        ([1, "x"], "object", ("invalid_level", 3, "level")),
        ([1, 2.5], "object", ("invalid_level", 3, "level")),
        ([1, pd.NA], "object", ("missing_value", 3, "level")),
        ([1, pd.NA], "Int64", ("missing_value", 3, "level")),
        ([1, None], "object", ("missing_value", 3, "level")),
        ([1, pd.NaT], "object", ("missing_value", 3, "level")),
        ([np.uint64(2**64 - 1)], "uint64", ("invalid_level", 2, "level")),
        ([np.uint64(2**64 - 1), "x"], "object", ("invalid_level", 2, "level")),
        ([2**70, 1], "object", ("invalid_level", 2, "level")),
        ([b"3"], "object", ("invalid_level", 2, "level")),
        ([1, b"3"], "object", ("invalid_level", 3, "level")),
        ([datetime.date(2021, 3, 1)], "object", ("invalid_level", 2, "level")),
    ],
)
def test_odd_object_cells_are_coded_errors(programme: stegvis.Programme, values: List[Any], dtype: str, expected: Tuple[Any, ...]) -> None:
    assert outcome(programme, ONE, level_frame(values, dtype)) == expected


@pytest.mark.parametrize(
    ("column", "values", "expected"),
    [
        ("id", ["a", None], ("invalid_id", 3, "id")),
        ("id", ["a", pd.NA], ("invalid_id", 3, "id")),
        ("id", ["a", 2**70], ("invalid_id", 3, "id")),
        # pyarrow types text mixed with bytes as binary, so the column's
        # first cell is the one to blame.
        ("id", ["a", b"b"], ("invalid_id", 2, "id")),
        ("gender", ["K", b"K"], ("invalid_gender", 2, "gender")),
        ("gender", ["K", 1.5], ("invalid_gender", 3, "gender")),
        ("entry_date", ["2021-03-01", pd.NaT], ("missing_value", 3, "entry_date")),
        ("entry_date", ["2021-03-01", 20210301], ("invalid_date", 3, "entry_date")),
        ("entry_date", [pd.Timestamp("2021-03-01"), b"2021-03-01"], ("invalid_date", 3, "entry_date")),
    ],
)
def test_odd_participant_cells_are_coded_errors(programme: stegvis.Programme, column: str, values: List[Any], expected: Tuple[Any, ...]) -> None:
    frame = pd.DataFrame({"id": ["a", "b"], "gender": ["K", "M"], "entry_date": ["2021-03-01", "2021-03-02"]})
    frame[column] = pd.Series(values, dtype=object)
    assert outcome(programme, frame) == expected
