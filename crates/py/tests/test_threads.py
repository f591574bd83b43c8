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
