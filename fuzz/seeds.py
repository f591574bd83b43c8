#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from tests/vectors and
examples/ (run from anywhere; files are named after their source, so a
rerun overwrites rather than duplicates). The pipeline target's input is
structured: its seeds are what earlier runs found (see README.md)."""
import csv
import io
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
SEP = b"\x1e"  # csv_tables splits its input into the three tables here

COLUMNS = {
    "participants": ["id", "gender", "birth_date", "entry_date", "exit_date", "exit_outcome", "tags"],
    "assessments": ["participant_id", "date", "parameter", "level"],
    "follow_ups": ["participant_id", "date", "status", "receives_assistance"],
}


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def to_toml(programme):
    lines, tables = [], []
    for key, value in programme.items():
        if key in ("parameters", "goals") and isinstance(value, list):
            tables.extend((key, item) for item in value)
        elif key in ("start", "end"):
            lines.append(f"{key} = {value}")  # a TOML local date
        else:
            lines.append(f"{key} = {toml_value(value)}")
    for key, item in tables:
        lines.append(f"\n[[{key}]]")
        lines.extend(f"{k} = {toml_value(v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


def to_csv(table, records):
    out = io.StringIO()
    columns = COLUMNS[table]
    extra = sorted({k for r in records for k in r} - set(columns))
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns + extra)
    for r in records:
        row = []
        for c in columns + extra:
            v = r.get(c)
            if v is None:
                v = ""
            elif isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, list):
                v = ";".join(map(str, v))
            row.append(v)
        w.writerow(row)
    return out.getvalue().encode()


def write(target, name, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def main():
    for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        v = json.loads(path.read_text())
        stem = path.stem
        if isinstance(v.get("programme"), dict):
            write("programme_json", stem + ".json", json.dumps(v["programme"], indent=1).encode())
            write("programme_toml", stem + ".toml", to_toml(v["programme"]).encode())
        tables = [to_csv(t, v.get(t) or []) for t in COLUMNS]
        write("csv_tables", stem + ".csv", SEP.join(tables))
    nordost = ROOT / "examples" / "nordost"
    write("programme_toml", "nordost.toml", (nordost / "programme.toml").read_bytes())
    head = [b"".join((nordost / f"{t}.csv").read_bytes().splitlines(keepends=True)[:40]) for t in COLUMNS]
    write("csv_tables", "nordost_head.csv", SEP.join(head))
    spec12 = ROOT / "tests" / "fixtures" / "spec12"
    write("csv_tables", "spec12.csv", SEP.join([(spec12 / "participants.csv").read_bytes(),
                                                (spec12 / "assessments.csv").read_bytes(), b""]))


if __name__ == "__main__":
    main()
