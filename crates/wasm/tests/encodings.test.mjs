// CSV given as bytes (a Uint8Array, as the page reads files): the core
// decodes UTF-8, Windows-1252 and UTF-16 (`docs/data.md#encodings`) and every
// fixture of tests/fixtures/encodings gives the report of UTF-8.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, REPO, stegvis, thrown } from "./support.mjs";

const { Programme, evaluate, tableOf } = stegvis;

const TOML = readFileSync(join(NORDOST, "programme.toml"), "utf8");
const ENCODINGS = join(REPO, "tests", "fixtures", "encodings");
const bytes = (name) => new Uint8Array(readFileSync(join(ENCODINGS, name)));
const AS_OF = "2023-01-31";

function report(participants, assessments, options = {}) {
  const programme = Programme.fromToml(TOML);
  try {
    return JSON.stringify(evaluate(programme, { participants, assessments }, { asOf: AS_OF, ...options }));
  } finally {
    programme.free();
  }
}

test("CSV bytes in every encoding give the report of UTF-8", () => {
  const reference = report(bytes("participants.utf-8.csv"), bytes("assessments.utf-8.csv"));
  // The same as the UTF-8 text, read by JS.
  const text = (name) => readFileSync(join(ENCODINGS, name), "utf8");
  assert.equal(report(text("participants.utf-8.csv"), text("assessments.utf-8.csv")), reference);
  // icke-binär is counted as non-binary.
  assert.equal(JSON.parse(reference).enrolment.byGender.non_binary.count, 1);
  const cases = [
    ["participants.utf-8-bom.csv", "assessments.utf-8.csv", {}],
    ["participants.windows-1252.csv", "assessments.windows-1252.csv", {}],
    ["participants.windows-1252.csv", "assessments.windows-1252.csv", { encoding: "windows-1252" }],
    ["participants.utf-16le.csv", "assessments.utf-8.csv", {}],
    ["participants.utf-16le.csv", "assessments.utf-8.csv", { encoding: "auto" }],
  ];
  for (const [participants, assessments, options] of cases) {
    assert.equal(report(bytes(participants), bytes(assessments), options), reference, participants);
  }
});

test("Windows-1252 bytes named utf-8 are invalid_encoding at their row and column", () => {
  const e = thrown(() =>
    report(bytes("participants.windows-1252.csv"), bytes("assessments.utf-8.csv"), { encoding: "utf-8" }),
  );
  assert.deepEqual([e.code, e.table, e.row, e.column], ["invalid_encoding", "participants", 2, "tags"]);
  const unknown = thrown(() => report(bytes("participants.utf-8.csv"), null, { encoding: "latin1" }));
  assert.equal(unknown.code, "invalid_argument");
});

test("a NUL byte is invalid_csv; an endless row is row_too_large", () => {
  const nul = new TextEncoder().encode("id,gender,entry_date\nN1,K\0,2021-01-01\n");
  const e = thrown(() => report(nul, null));
  assert.deepEqual([e.code, e.row, e.column], ["invalid_csv", 2, "gender"]);
  const long = new Uint8Array(2 << 20).fill(0x61);
  const r = thrown(() => report(long, null));
  assert.deepEqual([r.code, r.row], ["row_too_large", 1]);
});

test("tableOf reads bytes in any encoding", () => {
  assert.equal(tableOf(bytes("participants.windows-1252.csv")), "participants");
  assert.equal(tableOf(bytes("participants.utf-16le.csv")), "participants");
  assert.equal(tableOf(bytes("assessments.windows-1252.csv")), "assessments");
  assert.equal(tableOf(new Uint8Array()), null);
  assert.equal(tableOf(3), null);
});
