"""CSV paths in every encoding give the report of UTF-8 (`docs/data.md#encodings`),
with the fixtures of `tests/fixtures/encodings/` shared with the CLI and JS
suites; NUL bytes, directories and unknown encoding names are coded errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

import stegvis
from conftest import NORDOST, ROOT

ENCODINGS = ROOT / "tests" / "fixtures" / "encodings"
AS_OF = "2023-01-31"


@pytest.fixture(scope="module")
def nordost() -> stegvis.Programme:
    return stegvis.Programme.from_toml(NORDOST / "programme.toml")


def report(programme: stegvis.Programme, participants: str, assessments: str, **options: Any) -> Dict[str, Any]:
    return stegvis.evaluate(
        programme, ENCODINGS / participants, ENCODINGS / assessments, as_of=AS_OF, **options
    ).to_dict()


@pytest.mark.parametrize(
    "participants, assessments, encoding",
    [
        ("participants.utf-8-bom.csv", "assessments.utf-8.csv", "auto"),
        ("participants.utf-8-bom.csv", "assessments.utf-8.csv", "utf-8"),
        ("participants.windows-1252.csv", "assessments.windows-1252.csv", "auto"),
        ("participants.windows-1252.csv", "assessments.windows-1252.csv", "Windows-1252"),
        ("participants.utf-16le.csv", "assessments.utf-8.csv", "auto"),
    ],
)
def test_every_encoding_gives_the_report_of_utf8(
    nordost: stegvis.Programme, participants: str, assessments: str, encoding: str
) -> None:
    reference = report(nordost, "participants.utf-8.csv", "assessments.utf-8.csv")
    # The Swedish words are counted: icke-binär is non-binary.
    assert reference["enrolment"]["by_gender"]["non_binary"]["count"] == 1
    assert report(nordost, participants, assessments, encoding=encoding) == reference


def test_windows_1252_named_utf8_is_invalid_encoding(nordost: stegvis.Programme) -> None:
    path = ENCODINGS / "participants.windows-1252.csv"
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(nordost, path, ENCODINGS / "assessments.utf-8.csv", as_of=AS_OF, encoding="utf-8")
    e = raised.value
    assert (e.code, e.table, e.row, e.column, e.file) == ("invalid_encoding", "participants", 2, "tags", str(path))


def test_an_unknown_encoding_is_an_invalid_argument(nordost: stegvis.Programme) -> None:
    for name in ["latin-1", 1252, None]:
        with pytest.raises(stegvis.StegvisError) as raised:
            stegvis.evaluate(
                nordost, ENCODINGS / "participants.utf-8.csv", ENCODINGS / "assessments.utf-8.csv", encoding=name
            )
        assert raised.value.code == "invalid_argument"


def test_a_nul_byte_is_invalid_csv(nordost: stegvis.Programme, tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_bytes(b"id,gender,entry_date\nN1,K,2021-01-01\nN2,K\x00,2021-01-01\n")
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(nordost, path, ENCODINGS / "assessments.utf-8.csv", as_of=AS_OF)
    e = raised.value
    assert (e.code, e.row, e.column, e.file) == ("invalid_csv", 3, "gender", str(path))


def test_a_directory_is_not_a_file(nordost: stegvis.Programme, tmp_path: Path) -> None:
    with pytest.raises(stegvis.DataError) as raised:
        stegvis.evaluate(nordost, ENCODINGS / "participants.utf-8.csv", tmp_path, as_of=AS_OF)
    e = raised.value
    assert (e.code, e.table, e.row, e.file) == ("not_a_file", "assessments", None, str(tmp_path))
