"""The printable report (docs/report.md#printable-report): ``to_html`` is the
core's whole document, ``_repr_html_`` its body with scoped CSS; both hold the
goal table."""

from __future__ import annotations

import re
from pathlib import Path

import stegvis

NORDOST = Path(__file__).resolve().parents[3] / "examples" / "nordost"


def nordost() -> stegvis.Report:
    return stegvis.evaluate(
        NORDOST / "programme.toml",
        NORDOST / "participants.csv",
        NORDOST / "assessments.csv",
        NORDOST / "follow_ups.csv",
        as_of="2023-01-31",
    )


def goal_rows(html: str) -> list[str]:
    """The goal table's rows: the table whose head starts with the goal column."""
    return re.findall(r"<tr><td class=\"l\">(closer|progression|retention|newly_arrived)</td>.*?</tr>", html)


def test_to_html_is_the_whole_document_with_the_goal_table() -> None:
    report = nordost()
    html = report.to_html()
    assert html.startswith('<!doctype html>\n<html lang="en">\n')
    assert html.endswith("</body>\n</html>\n")
    assert "<h2>Goals</h2>" in html and "@page { size: A4 portrait;" in html
    assert goal_rows(html) == ["closer", "progression", "retention", "newly_arrived"]
    # The text report's cells, as the text report writes them.
    closer = next(line for line in report.to_text().splitlines() if line.startswith("  closer "))
    achieved = closer.split()[3]
    assert f'<td class="r">{achieved}</td>' in html
    assert html.count("<svg ") == 3 and "<script" not in html
    sv = report.to_html(language="sv")
    assert sv.startswith('<!doctype html>\n<html lang="sv">\n') and "Målnivå" in sv
    assert goal_rows(sv) == goal_rows(html)


def test_repr_html_is_the_body_with_scoped_rules() -> None:
    report = nordost()
    fragment = report._repr_html_()
    style, body = fragment.split("</style>\n", 1)
    assert style.startswith("<style>") and "@page" not in style and "@media" not in style
    assert body.startswith('<div class="stegvis-doc" lang="en">')
    assert body in report.to_html()
    assert goal_rows(fragment) == ["closer", "progression", "retention", "newly_arrived"]


def test_a_publishable_copy_says_what_it_hid() -> None:
    published = nordost().suppress(5)
    html = published.to_html()
    assert "Publishable copy: counts below 5" in html
    assert "<h2>Disclosure control</h2>" in html
    assert html == published.to_html(language="en")
    assert "Publishable copy: counts below 5" in published._repr_html_()
    assert "This copy is not suppressed" in nordost().to_html()
