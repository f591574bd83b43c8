// .xlsx in and out of the JavaScript package (docs/data.md#xlsx-files,
// docs/report.md#workbook): the Nordost example as a workbook
// (tests/fixtures/xlsx/nordost.xlsx, written by crates/cli/tests/xlsx.rs with
// dates as Excel dates and numbers as numbers) gives exactly the report of its
// CSV files, as one workbook or as a table's bytes; errors name the sheet; and
// report.toXlsx() writes a workbook whose parts are read back here with
// Node's own zlib (no zip package).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, REPO, stegvis, thrown } from "./support.mjs";
import { sheetNames, unzip } from "./zip.mjs";

const { Programme, evaluate, workbookTables, tableOf } = stegvis;

const TOML = readFileSync(join(NORDOST, "programme.toml"), "utf8");
const AS_OF = "2023-01-31";
const FIXTURE = new Uint8Array(readFileSync(join(REPO, "tests", "fixtures", "xlsx", "nordost.xlsx")));
const csv = (table) => readFileSync(join(NORDOST, `${table}.csv`), "utf8");

function run(tables, options = {}) {
  const programme = Programme.fromToml(TOML);
  try {
    return evaluate(programme, tables, { asOf: AS_OF, ...options });
  } finally {
    programme.free();
  }
}

const fromCsv = () =>
  run({ participants: csv("participants"), assessments: csv("assessments"), followUps: csv("follow_ups") });


test("the example as one workbook gives the report of its CSV files", () => {
  const expected = JSON.stringify(fromCsv());
  assert.equal(JSON.stringify(run({ workbook: FIXTURE })), expected);
  // An ArrayBuffer, as FileReader and fetch give it.
  const buffer = FIXTURE.buffer.slice(FIXTURE.byteOffset, FIXTURE.byteOffset + FIXTURE.byteLength);
  assert.equal(JSON.stringify(run({ workbook: buffer })), expected);
  // The same bytes as each table: each is read from the sheet named for it.
  assert.equal(JSON.stringify(run({ participants: FIXTURE, assessments: buffer, followUps: FIXTURE })), expected);
  // Mixed with CSV text.
  assert.equal(
    JSON.stringify(run({ participants: FIXTURE, assessments: csv("assessments"), followUps: csv("follow_ups") })),
    expected,
  );
});

test("workbookTables names the tables a workbook holds; tableOf leaves workbooks alone", () => {
  assert.deepEqual(workbookTables(FIXTURE), ["participants", "assessments", "followUps"]);
  assert.deepEqual(workbookTables(new TextEncoder().encode(csv("participants"))), []);
  assert.deepEqual(workbookTables(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])), []);
  assert.equal(tableOf(FIXTURE), null);
});

test("workbook errors are coded; a sheet's errors name it", () => {
  const csvBytes = new TextEncoder().encode(csv("participants"));
  let e = thrown(() => run({ workbook: csvBytes }));
  assert.deepEqual([e.name, e.code, e.table, e.row], ["StegvisError", "invalid_xlsx", "participants", undefined]);
  e = thrown(() => run({ workbook: FIXTURE, participants: csv("participants") }));
  assert.equal(e.code, "invalid_argument");
  e = thrown(() => run({ workbook: "not bytes" }));
  assert.equal(e.code, "invalid_argument");
  // A report's own workbook has no sheet named for any table.
  const book = fromCsv().toXlsx();
  e = thrown(() => run({ workbook: book }));
  assert.deepEqual([e.code, e.table, e.sheet], ["missing_sheet", "participants", undefined]);
  assert.match(e.message, /\(participants: participants, deltagare\) \[missing_sheet\]$/);
  // As one table it is read from its first sheet, whose header names no column.
  e = thrown(() => run({ participants: book, assessments: csv("assessments") }));
  assert.deepEqual([e.code, e.table, e.row, e.column, e.sheet], [
    "missing_column", "participants", 1, "id", "Programme and data",
  ]);
  assert.match(e.message, /^participants table, sheet Programme and data, row 1, column id: /);
  // A zip archive cut short.
  e = thrown(() => run({ participants: FIXTURE.subarray(0, 1000), assessments: csv("assessments") }));
  assert.equal(e.code, "invalid_xlsx");
});

test("report.toXlsx writes the workbook: bytes of a zip archive with a sheet per section", () => {
  const report = fromCsv();
  const bytes = report.toXlsx();
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 3, 4]);
  const parts = unzip(bytes);
  assert.deepEqual(sheetNames(parts), [
    "Programme and data", "Goals", "Goals by gender", "Enrolment and gender split", "Parameter change", "All figures",
  ]);
  // The goals sheet: one row per goal after the header, shares as numbers.
  const goals = parts.get("xl/worksheets/sheet2.xml");
  assert.equal((goals.match(/<row /g) || []).length, report.goals.length + 1);
  const strings = parts.get("xl/sharedStrings.xml");
  for (const goal of report.goals) assert.ok(strings.includes(`>${goal.id}<`), goal.id);
  assert.ok(goals.includes(`<v>${report.goals[0].share}</v>`), "the first goal's share as a number");
  // Swedish, and a publishable copy (which states its minimum cell size).
  const swedish = unzip(report.toXlsx("sv"));
  assert.equal(sheetNames(swedish).length, 6);
  assert.notDeepEqual(sheetNames(swedish), sheetNames(parts));
  const publishable = unzip(report.suppress(5).toXlsx("en"));
  assert.equal(sheetNames(publishable).length, 6);
  assert.throws(() => report.toXlsx("de"), (e) => e.code === "invalid_argument");
  // Not enumerable: JSON and keys see only data.
  assert.ok(!Object.keys(report).includes("toXlsx"));
});
