"""Tables read from .xlsx workbooks (`docs/data.md#xlsx-files`): paths
ending in .xlsx and ``workbook=``. The Nordost example is written into a
workbook here with openpyxl, dates as real Excel dates and ids and levels
as numbers, and must give exactly the report of its CSV files."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import Any, List

import pytest

import stegvis
from conftest import NORDOST

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2023-01-31"
TABLES = ["participants", "assessments", "follow_ups"]


@pytest.fixture(scope="module")
def programme() -> stegvis.Programme:
    return stegvis.Programme.from_toml(NORDOST / "programme.toml")


@pytest.fixture(scope="module")
def expected(programme: stegvis.Programme) -> dict:
    paths = [str(NORDOST / f"{t}.csv") for t in TABLES]
    return stegvis.evaluate(programme, *paths, as_of=AS_OF).to_dict()


def typed(cell: str) -> Any:
    """A CSV cell as a person typing it into Excel gets it."""
    if cell == "":
        return None
    if cell in ("true", "false"):
        return cell == "true"
    if len(cell) == 10 and cell[4] == "-" and cell[7] == "-":
        return datetime.date.fromisoformat(cell)
    try:
        number = float(cell)
    except ValueError:
        return cell
    return int(number) if number.is_integer() else number


def add_sheet(book: Any, name: str, table: str, as_text: bool = False) -> None:
    sheet = book.create_sheet(name)
    with (NORDOST / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        for r, row in enumerate(csv.reader(f)):
            values: List[Any] = row if (as_text or r == 0) else [typed(c) for c in row]
            sheet.append(values)
            if not as_text:
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, datetime.date):
                        cell.number_format = "yyyy-mm-dd"


def nordost_workbook(path: Path, names: List[str], as_text: bool = False) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, table in zip(names, TABLES):
        add_sheet(book, name, table, as_text)
    book.save(path)
    return path


@pytest.mark.parametrize("as_text", [False, True])
@pytest.mark.parametrize("names", [TABLES, ["Deltagare", "skattningar", "Uppf\u00f6ljningar"]])
def test_the_example_as_one_workbook_gives_the_csv_report(
    programme: stegvis.Programme, expected: dict, tmp_path: Path, names: List[str], as_text: bool
) -> None:
    path = nordost_workbook(tmp_path / "nordost.xlsx", names, as_text)
    report = stegvis.evaluate(programme, workbook=path, as_of=AS_OF)
    assert report.to_dict() == expected
    assert stegvis.evaluate(programme, workbook=str(path), as_of=AS_OF).to_dict() == expected


def test_the_example_as_one_xlsx_path_per_table_gives_the_csv_report(
    programme: stegvis.Programme, expected: dict, tmp_path: Path
) -> None:
    paths = []
    for table in TABLES:
        book = openpyxl.Workbook()
        book.remove(book.active)
        add_sheet(book, "Blad1", table)
        book.save(tmp_path / f"{table}.XLSX")
        paths.append(tmp_path / f"{table}.XLSX")
    assert stegvis.evaluate(programme, *paths, as_of=AS_OF).to_dict() == expected
    # Mixed: a workbook for one table, CSV for the others.
    mixed = [paths[0], str(NORDOST / "assessments.csv"), str(NORDOST / "follow_ups.csv")]
    assert stegvis.evaluate(programme, *mixed, as_of=AS_OF).to_dict() == expected


def one_sheet(path: Path, rows: List[List[Any]], name: str = "Blad1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_ids_typed_as_numbers_are_their_decimal_text(programme: stegvis.Programme, tmp_path: Path) -> None:
    participants = one_sheet(
        tmp_path / "p.xlsx",
        [["id", "gender", "entry_date"], [1001, "K", datetime.date(2021, 2, 1)], [1002.0, "M", "2021-03-01"]],
    )
    assessments = one_sheet(
        tmp_path / "a.xlsx",
        [
            ["participant_id", "date", "parameter", "level"],
            ["1001", datetime.date(2021, 2, 2), "swedish", 2],
            [1001, datetime.date(2021, 8, 2), "swedish", 4.0],
            ["1002", datetime.date(2021, 3, 2), "swedish", 3],
        ],
    )
    report = stegvis.evaluate(programme, participants, assessments, as_of="2022-01-31")
    # The same rows as records with text ids and integer levels.
    records = stegvis.evaluate(
        programme,
        [
            {"id": "1001", "gender": "K", "entry_date": "2021-02-01"},
            {"id": "1002", "gender": "M", "entry_date": "2021-03-01"},
        ],
        [
            {"participant_id": "1001", "date": "2021-02-02", "parameter": "swedish", "level": 2},
            {"participant_id": "1001", "date": "2021-08-02", "parameter": "swedish", "level": 4},
            {"participant_id": "1002", "date": "2021-03-02", "parameter": "swedish", "level": 3},
        ],
        as_of="2022-01-31",
    )
    assert report.to_dict() == records.to_dict()
    assert report.enrolment["enrolled"] == 2
    assert report.explain(1001) == records.explain("1001")


def test_a_bad_cell_names_file_sheet_row_and_column(programme: stegvis.Programme, tmp_path: Path) -> None:
    path = one_sheet(
        tmp_path / "deltagare.xlsx",
        [["Deltagare", "K\u00f6n", "Startdatum"], ["N1", "K", datetime.date(2021, 2, 1)], [], ["N2", "SECRET", 44228]],
        name="Deltagare",
    )
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme, path, str(NORDOST / "assessments.csv"))
    error = e.value
    assert (error.code, error.table, error.row, error.column, error.file, error.sheet) == (
        "invalid_gender", "participants", 4, "gender", str(path), "Deltagare",
    )
    assert "SECRET" not in str(error) and "N2" not in str(error)
    assert str(error).startswith(f"{path}, sheet Deltagare, row 4, column gender: ")


def test_a_plain_number_in_a_date_column_is_invalid_date(programme: stegvis.Programme, tmp_path: Path) -> None:
    path = one_sheet(tmp_path / "p.xlsx", [["id", "gender", "entry_date"], ["N1", "K", 44228]])
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme, path, str(NORDOST / "assessments.csv"))
    assert (e.value.code, e.value.row, e.value.column, e.value.sheet) == ("invalid_date", 2, "entry_date", "Blad1")


def test_workbook_errors(programme: stegvis.Programme, tmp_path: Path) -> None:
    only = one_sheet(tmp_path / "only.xlsx", [["id", "gender", "entry_date"]], name="deltagare")
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme, workbook=only)
    assert (e.value.code, e.value.table, e.value.row, e.value.sheet) == ("missing_sheet", "assessments", None, None)
    assert "assessments, skattningar" in str(e.value)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("id,gender,entry_date\nN1,K,2021-02-01\n")
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme, workbook=fake)
    assert (e.value.code, e.value.file) == ("invalid_xlsx", str(fake))
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme, fake, str(NORDOST / "assessments.csv"))
    assert (e.value.code, e.value.table) == ("invalid_xlsx", "participants")
    big = tmp_path / "big.xlsx"
    with big.open("wb") as f:
        f.truncate((64 << 20) + 1)
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme, workbook=big)
    assert e.value.code == "xlsx_too_large"
    with pytest.raises(stegvis.StegvisError) as e:
        stegvis.evaluate(programme, str(NORDOST / "participants.csv"), workbook=only)
    assert e.value.code == "invalid_argument"
    with pytest.raises(stegvis.DataError) as e:
        stegvis.evaluate(programme)
    assert (e.value.code, e.value.table) == ("invalid_table", "participants")
    with pytest.raises(stegvis.StegvisError) as e:
        stegvis.evaluate(programme, workbook=b"PK\x03\x04")
    assert e.value.code == "invalid_argument"
