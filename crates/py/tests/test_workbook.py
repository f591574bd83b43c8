"""The report as an Excel workbook (`docs/report.md#workbook`), read back
with openpyxl and compared with the report's own dicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

import stegvis
from conftest import NORDOST

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def report() -> stegvis.Report:
    programme = stegvis.Programme.from_toml(NORDOST / "programme.toml")
    return stegvis.evaluate(
        programme,
        str(NORDOST / "participants.csv"),
        str(NORDOST / "assessments.csv"),
        str(NORDOST / "follow_ups.csv"),
        as_of="2023-01-31",
    )


def sheet_rows(book: Any, name: str) -> List[Dict[str, Any]]:
    rows = list(book[name].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row)) for row in rows[1:]]


def test_the_workbook_has_a_sheet_per_table(report: stegvis.Report, tmp_path: Path) -> None:
    path = tmp_path / "nordost.xlsx"
    report.to_excel(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Programme and data", "Goals", "Goals by gender", "Enrolment and gender split", "Parameter change", "All figures",
    ]
    about = [row[0] for row in book["Programme and data"].iter_rows(values_only=True)]
    assert about[:3] == [report.programme["name"], report.programme["id"], "This report describes the programme as of 2023-01-31."]
    assert book.sheetnames == openpyxl.load_workbook(__import__("io").BytesIO(report.to_xlsx())).sheetnames


def test_numbers_are_numbers_and_equal_the_report(report: stegvis.Report, tmp_path: Path) -> None:
    path = tmp_path / "nordost.xlsx"
    report.to_excel(path, language="sv")
    book = openpyxl.load_workbook(path)
    goals = sheet_rows(book, "M\u00e5l")
    assert [g["id"] for g in goals] == [g["id"] for g in report.goals]
    for row, goal in zip(goals, report.goals):
        assert (row["achieved"], row["denominator"], row["status"]) == (goal["achieved"], goal["denominator"], goal["status"])
        assert row["share"] == pytest.approx(goal["share"]) and row["ci_lower"] == pytest.approx(goal["ci"]["lower"])
    # Shares are fractions shown as percentages (Excel writes them in the reader's locale).
    share_cell = book["M\u00e5l"]["L2"]
    assert book["M\u00e5l"]["L1"].value == "share" and share_cell.number_format == "0.0%"
    assert isinstance(share_cell.value, float)
    tidy = sheet_rows(book, "Alla v\u00e4rden")
    enrolled = [r for r in tidy if (r["section"], r["measure"]) == ("enrolment", "enrolled")]
    assert enrolled[0]["value"] == report.enrolment["enrolled"]


def test_hidden_values_are_marked(report: stegvis.Report, tmp_path: Path) -> None:
    published = report.suppress(5)
    path = tmp_path / "published.xlsx"
    published.to_excel(path)
    book = openpyxl.load_workbook(path)
    by_gender = sheet_rows(book, "Goals by gender")
    expected = [g for goal in published.goals for g in (goal["by_gender"][k] for k in ("woman", "man", "non_binary", "unknown"))]
    hidden = [row for row, g in zip(by_gender, expected) if g["achieved"] == "suppressed"]
    assert hidden, "Nordost's publishable copy hides some goal cells per gender"
    assert all(row["achieved"] == "supp." for row in hidden)
    about = [row[0] for row in book["Programme and data"].iter_rows(values_only=True)]
    assert any(isinstance(line, str) and "5" in line for line in about[3:4])
