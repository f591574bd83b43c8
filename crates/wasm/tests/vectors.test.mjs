// Every shared vector (tests/vectors/*.json) through the JavaScript API, with
// the expectations renamed to JavaScript field names. The Rust and Python
// suites read the same files, so the three surfaces cannot drift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { VECTORS, mismatches, recordsToCsv, stegvis, toJsNames } from "./support.mjs";

const { Programme, evaluate, readParticipants } = stegvis;

const files = readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort();

test("the vectors directory is not empty", () => {
  assert.ok(files.length >= 25, `only ${files.length} vectors found in ${VECTORS}`);
});

/** Required columns: a CSV file always has its header, even with no rows. */
const REQUIRED = {
  participants: ["id", "gender", "entry_date"],
  assessments: ["participant_id", "date", "parameter", "level"],
  follow_ups: ["participant_id", "date", "status"],
};

/** The tables as the JS API takes them: records, or CSV text of the same rows. */
function tables(vector, asCsv) {
  const table = (name) => {
    const records = vector[name] ?? [];
    if (!asCsv) return records;
    const columns = [...new Set([...REQUIRED[name], ...records.flatMap((r) => Object.keys(r))])];
    return recordsToCsv(records, columns);
  };
  const out = { participants: table("participants"), assessments: table("assessments") };
  if (vector.follow_ups) out.followUps = table("follow_ups");
  return out;
}

/**
 * `evaluate`, or with `once` the participants read once and evaluated with
 * the other tables, then read with them into a `Dataset` evaluated twice
 * (docs/data.md#participants-once): the last report is the one checked,
 * so an evaluation that changed what was read would show. With `fed` the
 * participants are read once and the other tables fed to a `Feed`.
 */
function run(vector, asCsv, once = false, fed = false) {
  const programme = Programme.fromJson(vector.programme);
  const options = {
    asOf: vector.as_of,
    strict: vector.strict ?? false,
    profile: vector.profile ?? null,
    every: vector.every ?? null,
  };
  // A comparison group (docs/comparison.md#inputs): its tables in the same form.
  if (vector.comparison) options.comparison = tables(vector.comparison, asCsv);
  const all = tables(vector, asCsv);
  let report;
  if (fed) {
    // The later tables' CSV pushed 7 bytes at a time (docs/data.md#feed).
    const { participants, ...later } = all;
    const read = readParticipants(programme, participants);
    const feed = read.feed();
    for (const [key, text] of Object.entries(later)) {
      const bytes = new TextEncoder().encode(text);
      for (let at = 0; at < bytes.length; at += 7) feed.push(key, bytes.subarray(at, at + 7));
    }
    const data = feed.finish();
    report = data.evaluate(options);
    data.free();
    read.free();
  } else if (once) {
    const { participants, ...later } = all;
    const read = readParticipants(programme, participants);
    read.evaluate(later, options);
    const data = read.read(later);
    data.evaluate(options);
    report = data.evaluate(options);
    data.free();
    read.free();
  } else {
    report = evaluate(programme, all, options);
  }
  return vector.suppress === undefined ? report : report.suppress(vector.suppress);
}

function checkError(vector, asCsv, once) {
  const expected = vector.expected_error;
  let error;
  try {
    run(vector, asCsv, once);
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected an error with code ${expected.code}, but evaluation succeeded`);
  assert.ok(error instanceof Error, "errors are Error objects");
  assert.equal(error.code, expected.code);
  for (const key of ["path", "row", "column", "table"]) {
    if (key in expected) assert.equal(error[key], expected[key], `error.${key}`);
  }
}

for (const file of files) {
  const vector = JSON.parse(readFileSync(join(VECTORS, file), "utf8"));
  // Records exercise the path JS arrays take; CSV text the path files take;
  // "read once" the participants of CSV text read once (the page's path);
  // "fed" the later tables then pushed in pieces (the page's path for files).
  // Errors are checked on records, whose row numbers the vectors state.
  const modes = vector.expected_error
    ? ["records", "records read once"]
    : ["records", "csv", "csv read once", "csv fed"];
  for (const mode of modes) {
    test(`${file} (${mode})`, () => {
      const asCsv = mode.startsWith("csv");
      const once = mode.endsWith("read once");
      const fed = mode.endsWith("fed");
      if (vector.expected_error) {
        checkError(vector, asCsv, once);
        return;
      }
      const report = run(vector, asCsv, once, fed);
      const problems = mismatches(toJsNames(vector.expected), JSON.parse(JSON.stringify(report)));
      assert.deepEqual(problems, [], `${vector.name}: ${problems.join("; ")}`);
    });
  }
}
