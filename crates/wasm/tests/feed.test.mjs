// Files read as they arrive (docs/data.md#feed): a `Feed` from
// `participants.feed()` reads the CSV files pushed to it in pieces and
// gives the `Dataset` `participants.read` gives on the whole files, with
// the same errors, whatever the pieces' sizes. Every shared vector also
// runs this way (vectors.test.mjs, "csv fed").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, REPO, stegvis, thrown } from "./support.mjs";

const { Programme, evaluate, readParticipants } = stegvis;

const TOML = readFileSync(join(NORDOST, "programme.toml"), "utf8");
const SPEC12 = join(REPO, "tests", "fixtures", "spec12");
const AS_OF = { asOf: "2022-06-30" };

const plain = (report) => JSON.parse(JSON.stringify(report));

/** Pushes `bytes` of `table` to `feed` in pieces of `size` bytes. */
function push(feed, table, bytes, size) {
  for (let at = 0; at < bytes.length; at += size) feed.push(table, bytes.subarray(at, at + size));
}

/** 1 000 participants and `rows` assessments of them (27 bytes each,
 * `P0042,2021-05-05,swedish,3` and a line feed), shuffled by a fixed stride; the row `bad`, when given, has a
 * date that does not exist. */
function large(rows, bad) {
  const participants = ["id,gender,entry_date"];
  for (let i = 0; i < 1000; i++) participants.push(`P${String(i).padStart(4, "0")},${i % 2 ? "K" : "M"},2021-03-01`);
  const assessments = ["participant_id,date,parameter,level"];
  for (let r = 0; r < rows; r++) {
    const i = (r * 7919) % 1000;
    const day = 1 + (r % 28);
    const date = r === bad ? "2021-02-30" : `2021-${r % 2 ? "05" : "11"}-${String(day).padStart(2, "0")}`;
    assessments.push(`P${String(i).padStart(4, "0")},${date},swedish,${1 + ((r * 31) % 5)}`);
  }
  const encode = (lines) => new TextEncoder().encode(`${lines.join("\n")}\n`);
  return { participants: encode(participants), assessments: encode(assessments) };
}

test("the worked example fed in pieces of any size gives evaluate's report", () => {
  const programme = Programme.fromToml(TOML);
  const participants = new Uint8Array(readFileSync(join(SPEC12, "participants.csv")));
  const assessments = new Uint8Array(readFileSync(join(SPEC12, "assessments.csv")));
  const expected = plain(evaluate(programme, { participants, assessments }, AS_OF));
  const read = readParticipants(programme, participants);
  for (const size of [1, 2, 13, 1 << 20]) {
    const feed = read.feed();
    push(feed, "assessments", assessments, size);
    const data = feed.finish();
    const report = plain(data.evaluate(AS_OF));
    // The worked example (docs/method.md#worked-example): closer is 2 of 3.
    assert.equal(report.goals[0].achieved, 2);
    assert.equal(report.goals[0].denominator, 3);
    assert.deepEqual(report, expected, `pieces of ${size}`);
    data.free();
  }
  read.free();
  programme.free();
});

test("a file longer than a step is read as it arrives, with evaluate's report", () => {
  const programme = Programme.fromToml(TOML);
  const { participants, assessments } = large(120_000);
  assert.ok(assessments.length > 3 << 20);
  const read = readParticipants(programme, participants);
  const feed = read.feed({ encoding: "utf-8" });
  push(feed, "assessments", assessments, 64 << 10);
  const report = plain(feed.finish().evaluate(AS_OF));
  assert.deepEqual(report, plain(evaluate(programme, { participants, assessments }, AS_OF)));
  assert.equal(report.enrolment.enrolled, 1000);
  read.free();
  programme.free();
});

test("an error is evaluate's, thrown by the push that finds it and by every call after", () => {
  const programme = Programme.fromToml(TOML);
  // Row 10 002: the header is row 1.
  const { participants, assessments } = large(120_000, 10_000);
  const expected = thrown(() => evaluate(programme, { participants, assessments }, AS_OF));
  assert.deepEqual([expected.code, expected.table, expected.row, expected.column], ["invalid_date", "assessments", 10_002, "date"]);
  const read = readParticipants(programme, participants);
  const feed = read.feed();
  const size = 64 << 10;
  let at = 0;
  let error;
  for (; at < assessments.length && !error; at += size) {
    try {
      feed.push("assessments", assessments.subarray(at, at + size));
    } catch (e) {
      error = e;
    }
  }
  // Found before the file ended, as its pieces arrived.
  assert.ok(error && at < assessments.length, `found at byte ${at} of ${assessments.length}`);
  const same = (e) => [e.code, e.table, e.row, e.column, e.message];
  assert.deepEqual(same(error), same(expected));
  assert.deepEqual(same(thrown(() => feed.push("assessments", assessments.subarray(at)))), same(expected));
  assert.deepEqual(same(thrown(() => feed.push("followUps", new Uint8Array(8)))), same(expected));
  assert.deepEqual(same(thrown(() => feed.push("assessments", assessments))), same(expected));
  assert.deepEqual(same(thrown(() => feed.finish())), same(expected));
  // The participants stay read.
  const fine = large(10);
  assert.equal(read.evaluate({ assessments: fine.assessments }, AS_OF).enrolment.enrolled, 1000);
  read.free();
  programme.free();
});

test("a feed takes CSV pieces of the later tables, one table after another", () => {
  const programme = Programme.fromToml(TOML);
  const { participants, assessments } = large(10);
  const read = readParticipants(programme, participants);
  const code = (f) => thrown(f).code;
  assert.equal(code(() => read.feed().push("participants", participants)), "invalid_argument");
  assert.equal(code(() => read.feed({ delimiter: ";" })), "invalid_argument");
  // An .xlsx workbook is read whole, by read().
  assert.equal(code(() => read.feed().push("assessments", new Uint8Array([0x50, 0x4b, 3, 4, 0]))), "invalid_argument");
  const feed = read.feed();
  push(feed, "assessments", assessments, 100);
  feed.push("followUps", new TextEncoder().encode("participant_id,date,status\n"));
  const again = thrown(() => feed.push("assessments", assessments));
  assert.equal(again.code, "invalid_argument");
  assert.match(again.message, /assessments came already/);
  feed.free();
  // Follow-ups first, then assessments: each table once, in any order.
  const other = read.feed();
  other.push("followUps", new TextEncoder().encode("participant_id,date,status\n"));
  push(other, "assessments", assessments, 100);
  const expected = evaluate(programme, { participants, assessments, followUps: "participant_id,date,status\n" }, AS_OF);
  assert.deepEqual(plain(other.finish().evaluate(AS_OF)), plain(expected));
  read.free();
  programme.free();
});
