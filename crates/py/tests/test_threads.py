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
