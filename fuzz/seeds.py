#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from tests/vectors and
examples/ (run from anywhere; files are named after their source, so a
rerun overwrites rather than duplicates). The pipeline target's input is
structured: its seeds are what earlier runs found (see README.md)."""
import csv
import datetime
import io
import json
import pathlib
import zipfile
from xml.sax.saxutils import escape

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
    write_xlsx_seeds(nordost)


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet_data(csv_bytes, rows):
    """The first `rows` rows of a CSV file as a worksheet's sheetData: text
    as inline strings, dates as serial numbers in style 1 (yyyy-mm-dd),
    numbers as numbers, true/false as booleans (xlsx_tables' template)."""
    out = []
    lines = list(csv.reader(io.StringIO(csv_bytes.decode())))[:rows]
    for r, line in enumerate(lines, 1):
        cells = []
        for c, value in enumerate(line):
            ref = chr(ord("A") + c) + str(r)
            if value == "":
                continue
            try:
                day = datetime.date.fromisoformat(value) if len(value) == 10 else None
            except ValueError:
                day = None
            if day and r > 1:
                serial = (day - datetime.date(1899, 12, 30)).days
                cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
            elif value in ("true", "false") and r > 1:
                cells.append(f'<c r="{ref}" t="b"><v>{int(value == "true")}</v></c>')
            elif value.replace(".", "", 1).isdigit() and r > 1:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out).encode()


def put(z, name, data):
    """One part, deflated, dated 2026-01-01 so that a rerun writes the same bytes."""
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)


def workbook(parts, names):
    """A small workbook whose sheets hold `parts` (sheetData), as the
    xlsx_tables target builds its own."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                             'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(1, len(parts) + 1)) + "</Types>")
        put(z, "_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        sheets = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
        put(z, "xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>{sheets}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i}" Type="{DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(parts) + 1))
        put(z, "xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'{rels}<Relationship Id="rId9" Type="{DOC}/styles" Target="styles.xml"/></Relationships>')
        put(z, "xl/styles.xml",
                   f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
                   '</numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
                   '</cellXfs></styleSheet>')
        for i, part in enumerate(parts, 1):
            put(z, f"xl/worksheets/sheet{i}.xml",
                       f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + part + b"</sheetData></worksheet>")
    return buffer.getvalue()


def write_xlsx_seeds(nordost):
    """xlsx_tables: the Nordost head as sheetData (the target's template
    workbook) and as a small workbook of its own (read as it is)."""
    parts = [sheet_data((nordost / f"{t}.csv").read_bytes(), 12) for t in COLUMNS]
    write("xlsx_tables", "nordost_head.xml", SEP.join(parts))
    small = [sheet_data((nordost / f"{t}.csv").read_bytes(), 4) for t in COLUMNS]
    book = workbook(small, ["deltagare", "skattningar", "uppföljningar"])
    write("xlsx_tables", "small.xlsx", book)


if __name__ == "__main__":
    main()
