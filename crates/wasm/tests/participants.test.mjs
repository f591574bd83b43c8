// Participants read once (docs/data.md#participants-once): `readParticipants`
// and `Participants.evaluate` give the report `evaluate` gives on all the
// tables, for one set of assessments after another, with the same errors;
// `Participants.read` gives a `Dataset` that does so at one date after
// another. Every shared vector also runs this way (vectors.test.mjs,
// "read once").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, REPO, stegvis, thrown } from "./support.mjs";

const { Programme, evaluate, readParticipants } = stegvis;

const TOML = readFileSync(join(NORDOST, "programme.toml"), "utf8");
const SPEC12 = join(REPO, "tests", "fixtures", "spec12");
const PARTICIPANTS = readFileSync(join(SPEC12, "participants.csv"));
const ASSESSMENTS = readFileSync(join(SPEC12, "assessments.csv"), "utf8");
const AS_OF = { asOf: "2022-06-30" };

const plain = (report) => JSON.parse(JSON.stringify(report));

test("participants read once give evaluate's report with each set of assessments", () => {
  const programme = Programme.fromToml(TOML);
  const participants = new Uint8Array(PARTICIPANTS);
  const read = readParticipants(programme, participants);
  // The worked example (docs/method.md#worked-example): closer is 2 of 3.
  const worked = read.evaluate({ assessments: ASSESSMENTS }, AS_OF);
  assert.equal(worked.goals[0].achieved, 2);
  assert.equal(worked.goals[0].denominator, 3);
  assert.deepEqual(plain(worked), plain(evaluate(programme, { participants, assessments: ASSESSMENTS }, AS_OF)));
  // Fewer assessments, then none: each report is evaluate's on those tables.
  const fewer = ASSESSMENTS.split("\n").slice(0, 6).join("\n");
  for (const later of [{ assessments: fewer }, {}, { assessments: ASSESSMENTS }]) {
    const expected = evaluate(programme, { participants, ...later }, AS_OF);
    assert.deepEqual(plain(read.evaluate(later, AS_OF)), plain(expected), JSON.stringify(Object.keys(later)));
  }
  assert.notDeepEqual(plain(read.evaluate({ assessments: fewer }, AS_OF)), plain(worked));
  // The programme may be freed: the participants keep their own copy.
  programme.free();
  assert.deepEqual(plain(read.evaluate({ assessments: ASSESSMENTS }, AS_OF)), plain(worked));
  read.free();
});

test("errors are evaluate's, and an error in the assessments leaves the participants read", () => {
  const programme = Programme.fromToml(TOML);
  const bad = "id,gender,entry_date\nP1,K,2021-03-01\nP2,K,not a date\n";
  const e = thrown(() => readParticipants(programme, bad));
  const expected = thrown(() => evaluate(programme, { participants: bad }));
  assert.deepEqual([e.code, e.table, e.row, e.column], ["invalid_date", "participants", 3, "entry_date"]);
  assert.deepEqual([e.code, e.table, e.row, e.column], [expected.code, expected.table, expected.row, expected.column]);
  assert.equal(thrown(() => readParticipants(programme, undefined)).code, "invalid_argument");
  assert.equal(thrown(() => readParticipants(programme, PARTICIPANTS.toString(), { asOf: "2022-06-30" })).code, "invalid_argument");

  const read = readParticipants(programme, PARTICIPANTS.toString());
  // The participants are read: giving them again is a mistake, not a second read.
  assert.equal(thrown(() => read.evaluate({ participants: bad })).code, "invalid_argument");
  const badDate = "participant_id,date,parameter,level\nS1,2021-13-01,step,2\n";
  const a = thrown(() => read.evaluate({ assessments: badDate }, AS_OF));
  assert.deepEqual([a.code, a.table, a.row, a.column], ["invalid_date", "assessments", 2, "date"]);
  const someday = { asOf: "someday" };
  assert.equal(thrown(() => read.evaluate({ assessments: ASSESSMENTS }, someday)).code, "invalid_argument");
  assert.equal(thrown(() => evaluate(programme, { participants: PARTICIPANTS, assessments: ASSESSMENTS }, someday)).code, "invalid_argument");
  assert.equal(read.evaluate({ assessments: ASSESSMENTS }, AS_OF).goals[0].achieved, 2);
  read.free();
});

test("progress is told the participants' rows once, and each evaluation its own", () => {
  const people = ["id,gender,entry_date"];
  const readings = ["participant_id,date,parameter,level"];
  for (let i = 0; i < 3000; i++) {
    people.push(`P${i},${i % 2 ? "K" : "M"},2021-0${1 + (i % 9)}-15`);
    readings.push(`P${i},2021-10-01,step,${1 + (i % 4)}`, `P${i},2022-05-01,step,${2 + (i % 4)}`);
  }
  const programme = Programme.fromToml(TOML);
  const told = [];
  const read = readParticipants(programme, people.join("\n"), { progress: (p) => told.push({ ...p }) });
  assert.deepEqual(told.map((p) => [p.stage, p.table, p.rows]), [["reading", "participants", 1024], ["reading", "participants", 2048]]);
  const evaluation = [];
  read.evaluate({ assessments: readings.join("\n") }, { ...AS_OF, progress: (p) => evaluation.push({ ...p }) });
  assert.ok(evaluation.every((p) => p.stage !== "reading" || p.table === "assessments"), JSON.stringify(evaluation));
  assert.ok(evaluation.filter((p) => p.stage === "reading").length >= 5);
  assert.deepEqual(evaluation.filter((p) => p.stage === "evaluating").map((p) => p.participants), [0, 1024, 2048]);
  read.free();
});

test("a Dataset read once gives evaluate's report at each date, without the tables again", () => {
  const programme = Programme.fromToml(TOML);
  const tables = { participants: new Uint8Array(PARTICIPANTS), assessments: ASSESSMENTS };
  const read = readParticipants(programme, tables.participants);
  const data = read.read({ assessments: ASSESSMENTS });
  // The participants may go: the dataset holds what it read.
  read.free();
  // The worked example (docs/method.md#worked-example) as of 2022-06-30: closer is 2 of 3.
  const worked = data.evaluate(AS_OF);
  assert.equal(worked.goals[0].achieved, 2);
  assert.equal(worked.goals[0].denominator, 3);
  for (const options of [AS_OF, { asOf: "2021-12-31" }, { asOf: "2022-06-30", profile: "esf" }, { asOf: ["2021-12-31", "2022-06-30"] }]) {
    assert.deepEqual(plain(data.evaluate(options)), plain(evaluate(programme, tables, options)), JSON.stringify(options));
  }
  assert.notDeepEqual(plain(data.evaluate({ asOf: "2021-12-31" })), plain(worked));
  // A comparison group is read with each evaluation, as evaluate reads it.
  const compared = { ...AS_OF, comparison: tables };
  assert.deepEqual(plain(data.evaluate(compared)), plain(evaluate(programme, tables, compared)));
  // Evaluating tells the participants evaluated; no table is read.
  const told = [];
  data.evaluate({ ...AS_OF, progress: (p) => told.push({ ...p }) });
  assert.deepEqual(told.map((p) => p.stage), ["evaluating"]);
  data.free();
  programme.free();
});

test("reading into a Dataset gives evaluate's errors and leaves the participants read", () => {
  const programme = Programme.fromToml(TOML);
  const read = readParticipants(programme, PARTICIPANTS.toString());
  const badDate = "participant_id,date,parameter,level\nS1,2021-13-01,step,2\n";
  const a = thrown(() => read.read({ assessments: badDate }));
  assert.deepEqual([a.code, a.table, a.row, a.column], ["invalid_date", "assessments", 2, "date"]);
  assert.equal(thrown(() => read.read({ participants: PARTICIPANTS.toString() })).code, "invalid_argument");
  assert.equal(thrown(() => read.read({ assessments: ASSESSMENTS }, { asOf: "2022-06-30" })).code, "invalid_argument");
  const data = read.read({ assessments: ASSESSMENTS });
  assert.equal(thrown(() => data.evaluate({ asOf: "someday" })).code, "invalid_argument");
  assert.equal(data.evaluate(AS_OF).goals[0].achieved, 2);
  data.free();
  read.free();
});
