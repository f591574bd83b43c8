"""No input, however wrong, may crash the interpreter or escape as anything
but a StegvisError subclass (never PanicException, TypeError, KeyError, …)."""

from __future__ import annotations

import datetime
import decimal
import math
import pathlib
import time
from typing import Any, Callable, Dict, List

import pytest

import stegvis

PROGRAMME = {
    "id": "J",
    "name": "Junk",
    "start": "2022-01-01",
    "end": "2022-12-31",
    "planned_participants": 10,
    "parameters": [{"id": "p", "scale": [1, 5]}, {"id": "step", "levels": ["a", "b", "c"]}],
    "goals": [{"id": "g", "target": 0.5, "criterion": {"improved": {}}}],
}
PARTICIPANTS = [{"id": "a", "gender": "woman", "entry_date": "2022-01-10"}]
ASSESSMENTS = [
    {"participant_id": "a", "date": "2022-01-10", "parameter": "p", "level": 1},
    {"participant_id": "a", "date": "2022-03-10", "parameter": "p", "level": 2},
]


def nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


def nested_not(depth: int) -> Dict[str, Any]:
    criterion: Dict[str, Any] = {"tag": "t"}
    for _ in range(depth):
        criterion = {"not": criterion}
    return criterion


class Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("no")

    def __repr__(self) -> str:
        raise RuntimeError("no")


class BrokenArrow:
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        raise RuntimeError("broken producer")


class FakeArrow:
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return "not a capsule"


JUNK_VALUES: List[Any] = [
    None,
    float("nan"),
    float("inf"),
    -float("inf"),
    2**70,
    -(2**70),
    b"bytes",
    bytearray(b"x"),
    "\ud800",
    "",
    "   ",
    [],
    [[["deep"]]],
    {"nested": {"dict": 1}},
    nested(500),
    {1, 2},
    object(),
    Unprintable(),
    1 + 2j,
    decimal.Decimal("NaN"),
    decimal.Decimal("1e400"),
    datetime.time(12, 0),
    datetime.timedelta(days=1),
    datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc),
    True,
    -1,
    0,
    1.5,
    "2022-02-30",
    "9999999-01-01",
]


def with_cell(records: List[Dict[str, Any]], i: int, column: str, value: Any) -> List[Dict[str, Any]]:
    copy = [dict(r) for r in records]
    copy[i][column] = value
    return copy


def outcome(call: Callable[[], Any]) -> str:
    """'ok', or the code of the StegvisError raised; anything else fails the test."""
    try:
        call()
    except stegvis.StegvisError as e:
        assert isinstance(e, ValueError)
        assert isinstance(e.code, str) and e.code
        assert str(e)  # a message, built without the offending value
        return e.code
    return "ok"


@pytest.mark.parametrize("column", ["id", "gender", "entry_date", "birth_date", "exit_date", "exit_outcome", "tags"])
@pytest.mark.parametrize("value", JUNK_VALUES, ids=[f"v{i}" for i in range(len(JUNK_VALUES))])
def test_junk_participant_cell(column: str, value: Any) -> None:
    participants = with_cell(PARTICIPANTS, 0, column, value)
    outcome(lambda: stegvis.evaluate(PROGRAMME, participants, ASSESSMENTS, as_of="2022-06-30"))


@pytest.mark.parametrize("column", ["participant_id", "date", "parameter", "level"])
@pytest.mark.parametrize("value", JUNK_VALUES, ids=[f"v{i}" for i in range(len(JUNK_VALUES))])
def test_junk_assessment_cell(column: str, value: Any) -> None:
    assessments = with_cell(ASSESSMENTS, 1, column, value)
    outcome(lambda: stegvis.evaluate(PROGRAMME, PARTICIPANTS, assessments, as_of="2022-06-30"))


@pytest.mark.parametrize("column", ["participant_id", "date", "status", "receives_assistance"])
@pytest.mark.parametrize("value", JUNK_VALUES, ids=[f"v{i}" for i in range(len(JUNK_VALUES))])
def test_junk_follow_up_cell(column: str, value: Any) -> None:
    follow_ups = [{"participant_id": "a", "date": "2022-05-01", "status": "employment", column: value}]
    outcome(lambda: stegvis.evaluate(PROGRAMME, PARTICIPANTS, ASSESSMENTS, follow_ups, as_of="2022-06-30"))


def test_junk_cells_have_the_column_error() -> None:
    # Worked out from `docs/data.md#input-data` and `docs/data.md#cell-values`:
    # these values are not dates, genders or levels, and the error names row 2
    # (the first record).
    for column, value, code in [
        ("entry_date", b"2022-01-10", "invalid_date"),
        ("entry_date", 20220110, "invalid_date"),
        ("gender", ["woman"], "invalid_gender"),
        ("gender", 2**70, "invalid_gender"),
        ("id", 2**70, "invalid_id"),
        ("id", "\ud800", "invalid_id"),
        ("id", float("nan"), "invalid_id"),
    ]:
        participants = with_cell(PARTICIPANTS, 0, column, value)
        with pytest.raises(stegvis.DataError) as raised:
            stegvis.evaluate(PROGRAMME, participants, ASSESSMENTS, as_of="2022-06-30")
        e = raised.value
        assert (e.code, e.table, e.row, e.column) == (code, "participants", 2, column), (column, value)


TABLES: List[Any] = [
    None,
    42,
    3.5,
    b"participants.csv",
    "/nonexistent/participants.csv",
    pathlib.Path("/nonexistent/participants.csv"),
    pathlib.Path("/"),
    {"id": ["a"]},
    {1, 2},
    object(),
    [1, 2, 3],
    [None],
    ["a,b,c"],
    [[("id", "a")]],
    [nested(1000)],
    BrokenArrow(),
    FakeArrow(),
    (x for x in [PARTICIPANTS[0]]),
]


# follow_ups=None means "no follow-ups", so None is junk only for the first two.
JUNK_TABLE_CASES = [(t, p) for p in (0, 1, 2) for t in TABLES if not (p == 2 and t is None)]


@pytest.mark.parametrize("table,position", JUNK_TABLE_CASES, ids=[f"{p}-t{i}" for i, (_, p) in enumerate(JUNK_TABLE_CASES)])
def test_junk_tables_raise_data_errors(table: Any, position: int) -> None:
    tables: List[Any] = [PARTICIPANTS, ASSESSMENTS, []]
    tables[position] = table
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(PROGRAMME, *tables, as_of="2022-06-30")
    assert raised.value.table == ["participants", "assessments", "follow_ups"][position]


def test_missing_columns_name_the_column() -> None:
    for drop in ["id", "gender", "entry_date"]:
        participants = [{k: v for k, v in PARTICIPANTS[0].items() if k != drop}]
        with pytest.raises(stegvis.DataError) as raised:
            stegvis.evaluate(PROGRAMME, participants, ASSESSMENTS, as_of="2022-06-30")
        assert (raised.value.code, raised.value.row, raised.value.column) == ("missing_column", 1, drop)


PROGRAMMES: List[Any] = [
    None,
    42,
    b"id = 'x'",
    [],
    "",
    "not = [toml",
    "{not json",
    pathlib.Path("/nonexistent/programme.toml"),
    {},
    {"id": None},
    {1: "x"},
    dict(PROGRAMME, planned_participants=2**70),
    dict(PROGRAMME, planned_participants=float("nan")),
    dict(PROGRAMME, start=datetime.datetime(2022, 1, 1)),
    dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": nested_not(70)}]),
    dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": nested_not(5000)}]),
    dict(PROGRAMME, name=nested(5000)),
    dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": {"improved": {"parameters": [b"p"]}}}]),
    dict(PROGRAMME, goals=[{"id": "g", "target": float("inf"), "criterion": {"improved": {}}}]),
    dict(PROGRAMME, parameters=[{"id": "p", "scale": [5, 1]}]),
    dict(PROGRAMME, parameters=object()),
    dict(PROGRAMME, extra=Unprintable()),
]


@pytest.mark.parametrize("programme", PROGRAMMES, ids=[f"p{i}" for i in range(len(PROGRAMMES))])
def test_junk_programmes_raise_programme_errors(programme: Any) -> None:
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.evaluate(programme, PARTICIPANTS, ASSESSMENTS, as_of="2022-06-30")
    assert isinstance(raised.value.path, str)


@pytest.mark.parametrize("source", PROGRAMMES, ids=[f"p{i}" for i in range(len(PROGRAMMES))])
@pytest.mark.parametrize("reader", ["from_toml", "from_json", "from_dict"])
def test_junk_programme_constructors(source: Any, reader: str) -> None:
    with pytest.raises(stegvis.ProgrammeError):
        getattr(stegvis.Programme, reader)(source)


def test_deep_criteria_are_criterion_too_deep() -> None:
    # The core's guard reads a dict as it reads text: 64 criteria deep at
    # most (`docs/programme.md#validation`), the 65th is criterion_too_deep at its path.
    for depth in (65, 70, 5000, 10_000):
        bad = dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": nested_not(depth)}])
        with pytest.raises(stegvis.ProgrammeError) as raised:
            stegvis.Programme.from_dict(bad)
        assert raised.value.code == "criterion_too_deep"
        assert raised.value.path == "goals[0].criterion" + ".not" * 64
    ok = dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": nested_not(63)}])
    assert stegvis.Programme.from_dict(ok).goal_ids == ["g"]


def test_shared_sub_criteria_are_criterion_too_large_without_expanding() -> None:
    # 22 levels of one shared sub-criterion stand for about 4 million
    # criteria; the guard counts them as it reads and stops at the 10 001st
    # (`docs/decisions.md#decision-64`), instead of expanding them.
    c: Any = {"tag": "a"}
    for _ in range(22):
        c = {"any": [c, c]}
    started = time.perf_counter()
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.Programme.from_dict(dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": c}]))
    assert time.perf_counter() - started < 1.0
    assert raised.value.code == "criterion_too_large"
    assert raised.value.path.startswith("goals[0].criterion.any[0]")


def test_scale_bounds_beyond_a_million_are_invalid_scale() -> None:
    wide = dict(PROGRAMME, parameters=[{"id": "p", "scale": [0, 2**62]}])
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.Programme.from_dict(wide)
    assert (raised.value.code, raised.value.path) == ("invalid_scale", "parameters[0].scale")


def test_dicts_nested_ten_thousand_deep_are_refused_without_overflow() -> None:
    level: Any = 1
    for _ in range(10_000):
        level = [level]
    reached = {"reached": {"parameter": "p", "level": level}}
    cases = [
        # Read as deep as 144 levels, then refused like deep text.
        (dict(PROGRAMME, goals=[{"id": "g", "target": 0.5, "criterion": reached}]), "criterion_too_deep", ""),
        # Refused for its type before any of its nesting is read.
        (dict(PROGRAMME, name=nested(10_000)), "invalid_value", "name"),
        (dict(PROGRAMME, extra=nested(10_000)), "unknown_key", "extra"),
    ]
    for bad, code, path in cases:
        for run in (lambda: stegvis.Programme.from_dict(bad), lambda: run_on_thread(bad)):
            with pytest.raises(stegvis.ProgrammeError) as raised:
                run()
            assert (raised.value.code, raised.value.path) == (code, path)


def run_on_thread(definition: Dict[str, Any]) -> None:
    """from_dict on a new Python thread (a smaller stack than the main one)."""
    import threading

    errors: List[BaseException] = []

    def read() -> None:
        try:
            stegvis.Programme.from_dict(definition)
        except BaseException as e:  # handed to the caller
            errors.append(e)

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@pytest.mark.parametrize(
    "change, code, path",
    [
        # A str is not read as a list of characters, nor a bool as a number.
        ({"parameters": [{"id": "p", "levels": "abc"}]}, "invalid_value", "parameters[0].levels"),
        ({"planned_participants": True}, "invalid_value", "planned_participants"),
        ({"goals": [{"id": "g", "target": 0.5, "criterion": {"improved": {}, "tag": "x"}}]}, "invalid_value", "goals[0].criterion"),
        ({"goals": [{"id": "g", "target": 0.5, "criterion": {"improvd": {}}}]}, "invalid_criterion", "goals[0].criterion"),
        ({"eligible_age": [16, 64, 99]}, "invalid_value", "eligible_age"),
        ({"eligible_age": (16, 64)}, "ok", ""),
        ({"start": datetime.date(2022, 1, 1)}, "ok", ""),
        ({"start": datetime.datetime(2022, 1, 1)}, "invalid_value", "start"),
        ({"colour": "red"}, "unknown_key", "colour"),
        ({"gender_target": {"woman": 0.5}}, "missing_key", "gender_target.man"),
    ],
)
def test_dict_values_are_read_as_json_values(change: Dict[str, Any], code: str, path: str) -> None:
    definition = dict(PROGRAMME, **change)
    if code == "ok":
        assert stegvis.Programme.from_dict(definition).id == "J"
        return
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.Programme.from_dict(definition)
    assert (raised.value.code, raised.value.path) == (code, path)


def test_dict_keys_must_be_strings() -> None:
    with pytest.raises(stegvis.ProgrammeError) as raised:
        stegvis.Programme.from_dict({**PROGRAMME, 0: "x"})
    assert raised.value.code == "invalid_value"


@pytest.mark.parametrize("as_of", [42, "2022-13-45", b"2022-06-30", float("nan"), [], object(), "", Unprintable()])
def test_junk_as_of(as_of: Any) -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        stegvis.evaluate(PROGRAMME, PARTICIPANTS, ASSESSMENTS, as_of=as_of)
    # An empty list is a trend without dates (docs/method.md#trend).
    assert raised.value.code == ("invalid_argument" if as_of == [] else "invalid_date")


@pytest.mark.parametrize("strict", ["yes", 2, None, [], object()])
def test_junk_strict(strict: Any) -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        stegvis.evaluate(PROGRAMME, PARTICIPANTS, ASSESSMENTS, as_of="2022-06-30", strict=strict)
    assert raised.value.code == "invalid_argument"


def test_junk_report_arguments() -> None:
    report = stegvis.evaluate(PROGRAMME, PARTICIPANTS, ASSESSMENTS, as_of="2022-06-30")
    calls: List[Callable[[], Any]] = [
        lambda: report.suppress(-1),
        lambda: report.suppress("5"),
        lambda: report.suppress(2**70),
        lambda: report.suppress(True),
        lambda: report.suppress(None),
        lambda: report.goals_frame(backend="excel"),
        lambda: report.goals_frame(backend=None),
        lambda: report.goals_frame(by_gender="yes"),
        lambda: report.gender_frame(backend=1),
        lambda: report.to_text(language="de"),
        lambda: report.explain(Unprintable()),
        lambda: report.suppress(5).explain("a"),
        lambda: report.suppress(5).participants_frame(),
    ]
    for call in calls:
        with pytest.raises(stegvis.StegvisError):
            call()


@pytest.mark.parametrize(
    "args,kwargs",
    [
        ((-1, 5), {}),
        ((6, 5), {}),
        ((1, 5), {"confidence": 1.0}),
        ((1, 5), {"confidence": 0.0}),
        ((1, 5), {"confidence": float("nan")}),
        ((1, 5), {"confidence": "high"}),
        (("1", 5), {}),
        ((1.0, 5), {}),
        ((2**70, 5), {}),
        ((True, 5), {}),
        ((None, 5), {}),
    ],
)
def test_junk_stats(args: Any, kwargs: Any) -> None:
    with pytest.raises(stegvis.StegvisError) as raised:
        stegvis.stats.wilson_interval(*args, **kwargs)
    assert raised.value.code == "invalid_argument"
    with pytest.raises(stegvis.StegvisError):
        stegvis.stats.newcombe_difference(*args, 1, 2, **kwargs)


def test_frames_with_wrong_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    frames: List[Any] = [
        pd.DataFrame({"id": [1.5], "gender": [True], "entry_date": [3]}),
        pd.DataFrame({"id": [{"x": 1}], "gender": ["woman"], "entry_date": ["2022-01-10"]}),
        pd.DataFrame({"id": ["a"], "gender": [b"woman"], "entry_date": ["2022-01-10"]}),
        pd.DataFrame({"id": ["a"], "gender": ["woman"], "entry_date": [pd.Timedelta(days=1)]}),
        pd.DataFrame({"id": ["a"], "gender": ["woman"], "entry_date": [pd.NaT]}),
        pd.DataFrame({"id": [pd.NA], "gender": ["woman"], "entry_date": ["2022-01-10"]}),
        pd.DataFrame({"id": ["a"], "gender": ["woman"]}),
        pd.DataFrame({"id": ["a"], "gender": [["woman"]], "entry_date": ["2022-01-10"]}),
        pl.DataFrame({"id": [[1, 2]], "gender": ["woman"], "entry_date": ["2022-01-10"]}),
        pl.DataFrame({"id": ["a"], "gender": [{"x": 1}], "entry_date": ["2022-01-10"]}),
        pl.DataFrame({"id": ["a"], "gender": ["woman"], "entry_date": [datetime.time(1, 2)]}),
        pl.DataFrame({"id": [2**63 + 5], "gender": ["woman"], "entry_date": ["2022-01-10"]}, schema={"id": pl.UInt64, "gender": pl.String, "entry_date": pl.String}),
        pa.table({"id": pa.array([b"a"], pa.binary()), "gender": ["woman"], "entry_date": ["2022-01-10"]}),
        pa.table({"id": ["a"], "gender": ["woman"], "entry_date": pa.array([1], pa.duration("s"))}),
        pa.table({"id": ["a"], "gender": ["woman"], "entry_date": pa.array([10**18], pa.date64())}),
        pa.table({"id": ["a"], "gender": ["woman"], "entry_date": pa.array([2**31 - 1], pa.date32())}),
        pa.table({"id": ["a"], "gender": ["woman"], "entry_date": pa.array([2**62], pa.timestamp("s"))}),
        pa.table({"x": [1]}),
        pa.array([1, 2, 3]),
        pa.chunked_array([[1, 2]]),
        pl.Series([1, 2]),
    ]
    for frame in frames:
        code = outcome(lambda: stegvis.evaluate(PROGRAMME, frame, ASSESSMENTS, as_of="2022-06-30"))
        assert code != "ok", frame
        assert math.isfinite(1.0)
