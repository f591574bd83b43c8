// The hostile corpus (`tests/hostile/`, format in its README) through the
// Node build: programmes as text, tables as the files' bytes. Each case must end in
// its expected coded error (a StegvisError, never a trap or a TypeError) or
// report within a time bound; no message may hold the case's secret; the
// text report holds no control character; and the module still computes
// the example afterwards (a trap would leave the instance broken).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NORDOST, REPO, stegvis } from "./support.mjs";

const { Programme, evaluate } = stegvis;
const HOSTILE = join(REPO, "tests", "hostile");
// Per case, for the release build; generous for a loaded 2-core machine.
const TIME_LIMIT_MS = 5000;
// Growth of resident memory over the whole corpus.
const MEMORY_LIMIT_MB = 1024;

const DEFAULT_FILES = {
  programme: "programme.toml",
  participants: "participants.csv",
  assessments: "assessments.csv",
  follow_ups: "follow_ups.csv",
};

/** The bytes a source describes (`text`, `file` or `parts`). */
function sourceBytes(source) {
  if ("text" in source) return new TextEncoder().encode(source.text);
  if ("file" in source) return new Uint8Array(readFileSync(join(REPO, "tests", source.file)));
  const chunks = [];
  for (const [text, times] of source.parts) {
    if (text.includes("{i}")) {
      for (let i = 0; i < times; i++) chunks.push(text.replaceAll("{i}", String(i)));
    } else {
      chunks.push(text.repeat(times));
    }
  }
  return new TextEncoder().encode(chunks.join(""));
}

/** The input of `key`: the case's, or the example's file. A programme is
 * text; a table is the file's bytes, which the core decodes. */
function input(c, key) {
  const source = c[key];
  const bytes = source === undefined
    ? new Uint8Array(readFileSync(join(NORDOST, DEFAULT_FILES[key])))
    : sourceBytes(source);
  const format = source?.format ?? (key === "programme" ? "toml" : "csv");
  return { text: key === "programme" ? new TextDecoder().decode(bytes) : bytes, format };
}

const corpus = JSON.parse(readFileSync(join(HOSTILE, "cases.json"), "utf8"));
const cases = corpus.cases.filter((c) => (c.surfaces ?? ["js"]).includes("js"));
const startMb = process.memoryUsage().rss / 2 ** 20;

function expected() {
  const files = Object.fromEntries(Object.keys(DEFAULT_FILES).map((k) => [k, input({}, k).text]));
  return { files, report: run(files) };
}

function run(files) {
  const read = files.programmeFormat === "json" ? Programme.fromJson : Programme.fromToml;
  const programme = read(files.programme);
  return evaluate(programme, {
    participants: files.participants,
    assessments: files.assessments,
    followUps: files.follow_ups,
  }, { asOf: files.asOf ?? "2023-01-31" });
}

const example = expected();

for (const c of cases) {
  test(`hostile: ${c.name}`, () => {
    const programme = input(c, "programme");
    const files = {
      programme: programme.text,
      programmeFormat: programme.format,
      participants: input(c, "participants").text,
      assessments: input(c, "assessments").text,
      follow_ups: input(c, "follow_ups").text,
      asOf: c.as_of,
    };
    const started = performance.now();
    let report;
    let error;
    try {
      report = run(files);
    } catch (e) {
      error = e;
    }
    const took = performance.now() - started;
    assert.ok(took < TIME_LIMIT_MS, `took ${took.toFixed(0)} ms`);
    if (c.expect.enrolled !== undefined) {
      assert.equal(error, undefined, `expected a report, got ${error}`);
      assert.equal(report.enrolment.enrolled, c.expect.enrolled);
      const text = report.toText("en") + report.suppress(5).toText("sv");
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u, "a control character in the text");
    } else {
      assert.ok(error, `expected an error ${JSON.stringify(c.expect)}, got a report`);
      assert.equal(error.name, "StegvisError", `not a StegvisError: ${error}`);
      if (c.expect.code) assert.equal(error.code, c.expect.code, error.message);
      if (c.expect.row) assert.equal(error.row, c.expect.row, error.message);
      if (c.expect.column) assert.equal(error.column, c.expect.column, error.message);
      if (c.secret) assert.ok(!String(error.message).includes(c.secret), "the message echoes the secret");
    }
    // The module still works: the example's report is unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(run(example.files))), JSON.parse(JSON.stringify(example.report)));
    assert.ok(process.memoryUsage().rss / 2 ** 20 - startMb < MEMORY_LIMIT_MB, "memory grew past the bound");
  });
}
