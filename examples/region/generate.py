#!/usr/bin/env python3
"""Writes the regional example: three municipal projects' data.

The three projects run one programme definition, the Nordost programme
(examples/nordost/programme.toml), and together hold exactly the synthetic
participants of examples/nordost: each person goes, with all their episodes,
assessments and follow-ups, to the project of the district of their first
row (Centrum and no district -> centrum, Norr -> norr, Väster and Öster ->
vaster-oster). The assessment of the id that is in no participants table
goes to centrum, as it would in the pooled files.

So the region's combined report must equal `stegvis report` on the pooled
files of examples/nordost, except that partials list no data-quality rows
(crates/cli/tests/partials.rs checks it).

    python3 examples/region/generate.py          # rewrite the projects' CSVs
    python3 examples/region/generate.py --check  # exit 1 if they differ
"""

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NORDOST = HERE.parent / "nordost"
TABLES = ("participants", "assessments", "follow_ups")
PROJECTS = {"Centrum": "centrum", "": "centrum", "Norr": "norr", "Väster": "vaster-oster", "Öster": "vaster-oster"}


def rows(table):
    with open(NORDOST / f"{table}.csv", newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def project_of_each_person():
    header, *people = rows("participants")
    district = header.index("district")
    project = {}
    for row in people:
        project.setdefault(row[0], PROJECTS[row[district]])
    return project


def files():
    project = project_of_each_person()
    out = {}
    for table in TABLES:
        header, *body = rows(table)
        for name in sorted(set(PROJECTS.values())):
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(r for r in body if project.get(r[0], "centrum") == name)
            out[HERE / name / f"{table}.csv"] = text.getvalue()
    return out


def main():
    check = "--check" in sys.argv[1:]
    differ = []
    for path, text in files().items():
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(str(path))
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if differ:
        print("differ from the generator:", *differ, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
