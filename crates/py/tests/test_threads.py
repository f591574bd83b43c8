"""``evaluate(..., threads=N)``: tables given as CSV paths are read on N
threads (docs/data.md#threads, docs/python.md#threads), and the report and
every error are those of one thread."""

from __future__ import annotations

import pathlib

import pytest

import stegvis
from conftest import NORDOST


def evaluate(assessments: pathlib.Path, threads: int | None) -> str:
    report = stegvis.evaluate(
        NORDOST / "programme.toml",
        NORDOST / "participants.csv",
        assessments,
        NORDOST / "follow_ups.csv",
        as_of="2023-01-31",
        threads=threads,
    )
    return report.to_json()


def test_the_example_is_the_same_on_any_number_of_threads() -> None:
    one = evaluate(NORDOST / "assessments.csv", 1)
    for threads in (None, 2, 4):
        assert evaluate(NORDOST / "assessments.csv", threads) == one


def test_the_first_error_is_the_same_on_any_number_of_threads(tmp_path: pathlib.Path) -> None:
    # The example's rows four times over (about 8 000 rows, many batches),
    # with a bad level late and a bad date later still.
    rows = (NORDOST / "assessments.csv").read_text(encoding="utf-8").splitlines()
    header, body = rows[0], rows[1:] * 4
    body[-900] = "N0001,2022-03-01,swedish,nio"
    body[-100] = "N0001,2022-02-30,swedish,3"
    path = tmp_path / "assessments.csv"
    path.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    errors = set()
    for threads in (1, 2, 3):
        with pytest.raises(stegvis.DataError) as e:
            evaluate(path, threads)
        errors.add((e.value.code, e.value.row, e.value.column))
    assert errors == {("invalid_level", len(body) - 900 + 2, "level")}


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2"])
def test_threads_must_be_a_whole_number_of_at_least_one(bad: object) -> None:
    with pytest.raises(stegvis.StegvisError) as e:
        evaluate(NORDOST / "assessments.csv", bad)  # type: ignore[arg-type]
    assert e.value.code == "invalid_argument"


def arrow_assessments(bad: dict[int, str]) -> object:
    """The example's assessments four times over as a pyarrow table of
    batches of 500 rows, with the levels of the rows in ``bad`` replaced."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(NORDOST / "assessments.csv", convert_options=pacsv.ConvertOptions(
        column_types={"level": pa.string()}))
    table = pa.concat_tables([table] * 4)
    levels = table.column("level").to_pylist()
    for at, level in bad.items():
        levels[at] = level
    table = table.set_column(table.schema.get_field_index("level"), "level", pa.array(levels))
    return pa.Table.from_batches(table.to_batches(max_chunksize=500))


def evaluate_arrow(assessments: object, threads: int) -> str:
    return stegvis.evaluate(
        NORDOST / "programme.toml",
        NORDOST / "participants.csv",
        assessments,
        as_of="2023-01-31",
        threads=threads,
    ).to_json()


def test_arrow_tables_are_the_same_on_any_number_of_threads() -> None:
    table = arrow_assessments({})
    one = evaluate_arrow(table, 1)
    for threads in (2, 3):
        assert evaluate_arrow(table, threads) == one
    # Rows 2 000 and 6 000 (0-based records) are bad; the first wins.
    table = arrow_assessments({6_000: "sex", 2_000: "nio"})
    errors = set()
    for threads in (1, 2, 3):
        with pytest.raises(stegvis.DataError) as e:
            evaluate_arrow(table, threads)
        errors.add((e.value.code, e.value.row, e.value.column))
    assert errors == {("invalid_level", 2_002, "level")}


def test_a_table_of_one_large_batch_is_the_same_on_any_number_of_threads() -> None:
    """A batch of more rows than a thread takes at once (as polars hands a
    frame over) is read in slices; each row keeps its number."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # The example's 1 503 assessments twelve times over, one batch of
    # 18 036 rows: a slice of 16 384 and one of 1 652.
    table = arrow_assessments({}).combine_chunks()
    table = pa.concat_tables([table] * 3).combine_chunks()
    assert (table.num_rows, len(table.to_batches())) == (18_036, 1)
    one = evaluate_arrow(table, 1)
    for threads in (2, 3):
        assert evaluate_arrow(table, threads) == one
    # A dictionary column (a pandas categorical) is sliced with its keys.
    at = table.schema.get_field_index("parameter")
    encoded = table.set_column(at, "parameter", pc.dictionary_encode(table.column("parameter")))
    encoded = encoded.combine_chunks()
    assert pa.types.is_dictionary(encoded.schema.field("parameter").type)
    for threads in (1, 2):
        assert evaluate_arrow(encoded, threads) == one
    levels = table.column("level").to_pylist()
    # A bad level in the second slice only, then also one in the first.
    for bad, first in (({17_000: "nio"}, 17_002), ({17_000: "nio", 3_000: "sex"}, 3_002)):
        changed = list(levels)
        for at, level in bad.items():
            changed[at] = level
        at = table.schema.get_field_index("level")
        wrong = table.set_column(at, "level", pa.array(changed)).combine_chunks()
        errors = set()
        for threads in (1, 2, 3):
            with pytest.raises(stegvis.DataError) as e:
                evaluate_arrow(wrong, threads)
            errors.add((e.value.code, e.value.row, e.value.column))
        assert errors == {("invalid_level", first, "level")}


def test_arrow_participants_in_many_batches_are_the_same_on_any_number_of_threads() -> None:
    """Participants are checked on any thread and added on one; the adding
    thread views only the id, tags and breakdown cells of rows already
    checked (docs/data.md#threads), so every other cell must come from the
    check, on any number of threads."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    text = {"id": pa.string(), "gender": pa.string(), "tags": pa.string(),
            "exit_outcome": pa.string(), "district": pa.string()}
    table = pacsv.read_csv(NORDOST / "participants.csv",
                           convert_options=pacsv.ConvertOptions(column_types=text))
    assert pa.types.is_date32(table.schema.field("entry_date").type)

    def evaluate_participants(participants: object, threads: int) -> str:
        return stegvis.evaluate(NORDOST / "programme.toml", participants,
                                NORDOST / "assessments.csv", NORDOST / "follow_ups.csv",
                                as_of="2023-01-31", threads=threads).to_json()

    batches = pa.Table.from_batches(table.to_batches(max_chunksize=16))
    one = evaluate_participants(NORDOST / "participants.csv", 1)
    for threads in (1, 2, 3):
        assert evaluate_participants(batches, threads) == one
    # A bad gender in the eleventh batch, then also an exit before entry
    # in the third: the first in row order wins.
    genders = table.column("gender").to_pylist()
    exits = table.column("exit_date").to_pylist()
    entries = table.column("entry_date").to_pylist()
    for bad_exit, first in ((False, (170, "gender")), (True, (42, "exit_date"))):
        changed_genders, changed_exits = list(genders), list(exits)
        changed_genders[168] = "sometimes"
        if bad_exit:
            changed_exits[40] = entries[40].replace(year=entries[40].year - 1)
        wrong = table.set_column(table.schema.get_field_index("gender"), "gender",
                                 pa.array(changed_genders))
        wrong = wrong.set_column(wrong.schema.get_field_index("exit_date"), "exit_date",
                                 pa.array(changed_exits, pa.date32()))
        wrong = pa.Table.from_batches(wrong.to_batches(max_chunksize=16))
        errors = set()
        for threads in (1, 2, 3):
            with pytest.raises(stegvis.DataError) as e:
                evaluate_participants(wrong, threads)
            errors.add((e.value.code, e.value.row, e.value.column))
        assert {(row, column) for _, row, column in errors} == {first}, errors


# pandas frames: on two threads or more the next frame is converted to Arrow
# while the one before is read (docs/python.md#threads).

def nordost_frames() -> tuple:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    return tuple(pd.read_csv(NORDOST / f"{name}.csv", dtype=str, keep_default_na=False)
                 for name in ("participants", "assessments", "follow_ups"))


def evaluate_frames(frames: tuple, threads: int) -> str:
    participants, assessments, follow_ups = frames
    return stegvis.evaluate(NORDOST / "programme.toml", participants, assessments, follow_ups,
                            as_of="2023-01-31", threads=threads).to_json()


def first_error(frames: tuple) -> set:
    errors = set()
    for threads in (1, 2, 3):
        with pytest.raises(stegvis.DataError) as e:
            evaluate_frames(frames, threads)
        errors.add((e.value.code, e.value.table, e.value.row, e.value.column))
    return errors


def test_pandas_frames_are_the_same_on_any_number_of_threads() -> None:
    frames = nordost_frames()
    one = evaluate_frames(frames, 1)
    assert '"enrolled":' in one
    for threads in (2, 3):
        assert evaluate_frames(frames, threads) == one
    # A column pyarrow cannot type (a level as a number among texts) is
    # read row by row after the frame before it was read on another thread.
    participants, assessments, follow_ups = frames
    mixed = assessments.copy()
    mixed["level"] = mixed["level"].astype(object)
    at = next(i for i, level in enumerate(mixed["level"]) if level.isdigit())
    mixed.loc[at, "level"] = int(mixed.loc[at, "level"])
    for threads in (1, 2):
        assert evaluate_frames((participants, mixed, follow_ups), threads) == one


def test_the_first_error_in_pandas_frames_is_the_same_on_any_number_of_threads() -> None:
    participants, assessments, follow_ups = nordost_frames()
    bad_participants = participants.copy()
    bad_participants.loc[40, "gender"] = "robot"
    bad_assessments = assessments.copy()
    bad_assessments.loc[7, "level"] = "nio"
    bad_follow_ups = follow_ups.copy()
    bad_follow_ups.loc[0, "date"] = "2022-13-01"
    # The table read first wins, though the next is converted alongside it.
    assert first_error((bad_participants, bad_assessments, follow_ups)) == {
        ("invalid_gender", "participants", 42, "gender")}
    assert first_error((participants, bad_assessments, bad_follow_ups)) == {
        ("invalid_level", "assessments", 9, "level")}
    assert first_error((participants, assessments, bad_follow_ups)) == {
        ("invalid_date", "follow_ups", 2, "date")}


def test_an_interrupt_while_a_frame_is_converted_is_raised_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    frames = nordost_frames()
    import pyarrow as pa

    convert = pa.Table.from_pandas
    calls = []

    class Table:
        """pyarrow's Table, whose second conversion is interrupted."""

        @staticmethod
        def from_pandas(frame: object, *args: object, **kwargs: object) -> object:
            calls.append(frame)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return convert(frame, *args, **kwargs)

    monkeypatch.setattr(pa, "Table", Table)
    for threads in (1, 2):
        calls.clear()
        with pytest.raises(KeyboardInterrupt):
            evaluate_frames(frames, threads)
        assert len(calls) == 2
    monkeypatch.undo()
    assert evaluate_frames(frames, 2) == evaluate_frames(frames, 1)
