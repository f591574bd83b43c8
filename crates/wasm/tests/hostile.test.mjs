// Hostile JavaScript values (docs/data.md#js-values, decisions 75 and 76):
// a polluted prototype, BigInts, Symbols, functions, getters and proxies
// that throw, odd records, huge and deep inputs. Each gives a coded
// StegvisError, whose message holds neither the value nor what the
// caller's code threw, or a correct result; and after each the module
// still computes the Nordost example exactly as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, stegvis, toJsNames } from "./support.mjs";

const { Programme, evaluate, explain } = stegvis;

const read = (name) => readFileSync(join(NORDOST, name), "utf8");
const TOML = read("programme.toml");
const NORDOST_TABLES = {
  participants: read("participants.csv"),
  assessments: read("assessments.csv"),
  followUps: read("follow_ups.csv"),
};
const AS_OF = { asOf: "2022-06-30" };
const SECRET = "Qz-secret-7";

const plain = (value) => JSON.parse(JSON.stringify(value));
const nordost = () => plain(evaluate(Programme.fromToml(TOML), NORDOST_TABLES, { asOf: "2023-01-31" }));
// Computed before any hostile call, by a module nothing has disturbed yet.
const EXPECTED = nordost();

/** The module still gives the Nordost report it gave before. */
function stillWorks() {
  assert.deepEqual(nordost(), EXPECTED);
}

/** Calls `f` and returns what it threw, which must be a coded StegvisError
 * that repeats no secret. */
function thrown(f) {
  let error;
  try {
    f();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, "expected an error");
  assert.ok(error instanceof Error, `threw a non-Error: ${String(error)}`);
  assert.equal(error.name, "StegvisError", `threw ${error.name}: ${error.message}`);
  assert.equal(typeof error.code, "string");
  assert.ok(!error.message.includes(SECRET), `the message repeats a secret: ${error.message}`);
  assert.ok(!error.message.includes("secret"), `the message repeats what was thrown: ${error.message}`);
  return error;
}

const where = (e) => [e.code, e.table, e.row, e.column];

const programme = Programme.fromToml(TOML);
const DEFINITION = programme.toJSON();
const person = (id = "a", more = {}) => ({ id, gender: "K", entry_date: "2021-03-01", ...more });
const evaluateParticipants = (participants, options = AS_OF) => evaluate(programme, { participants }, options);

/** Runs `f` with `Object.prototype[key] = value`, always restoring it. */
function polluted(key, value, f) {
  const had = Object.getOwnPropertyDescriptor(Object.prototype, key);
  Object.prototype[key] = value;
  try {
    return f();
  } finally {
    if (had) Object.defineProperty(Object.prototype, key, had);
    else delete Object.prototype[key];
  }
}

test("the expected Nordost report is the command-line tool's", { skip: !process.env.STEGVIS_CLI_JSON }, () => {
  const cli = JSON.parse(readFileSync(process.env.STEGVIS_CLI_JSON, "utf8"));
  assert.equal(cli.as_of, "2023-01-31");
  // The command line's example carries its comparison group (docs/comparison.md#example);
  // these tables do not, and everything else is the same.
  assert.notEqual(cli.comparison, null);
  assert.deepEqual(EXPECTED, toJsNames({ ...cli, comparison: null }));
});

test("a record's inherited gender is no gender: Object.prototype.gender is ignored", () => {
  const participants = [person("a"), { id: "b", entry_date: "2021-03-01" }];
  const clean = plain(evaluateParticipants(participants));
  // Without a gender, b counts as unknown gender (docs/data.md#gender).
  assert.equal(clean.enrolment.byGender.unknown.count, 1);
  assert.equal(clean.enrolment.byGender.man.count, 0);
  assert.deepEqual(clean.dataQuality, [{ kind: "unknown_gender", table: "participants", count: 1, rows: [3] }]);
  const dirty = polluted("gender", "M", () => plain(evaluateParticipants(participants)));
  assert.deepEqual(dirty, clean);
  // A record with no gender at all is a missing column, polluted or not.
  const lone = [{ id: "b", entry_date: "2021-03-01" }];
  const e = polluted("gender", "M", () => thrown(() => evaluateParticipants(lone)));
  assert.deepEqual(where(e), ["missing_column", "participants", 1, "gender"]);
  // Tables and options are read the same way.
  const assessments = "participant_id,date,parameter,level\nzz,2021-04-01,step,1\n";
  assert.deepEqual(
    polluted("assessments", assessments, () => plain(evaluateParticipants([person()])).dataQuality), []);
  assert.equal(polluted("asOf", "2022-01-01", () => evaluate(programme, { participants: [person()] }, {}).asOf),
    "2023-01-31");
  assert.equal(polluted("strict", true, () => evaluateParticipants(participants).dataQuality.length), 1);
  assert.equal(polluted("participant", "a", () => explain(programme, { participants: [person()] }, AS_OF)).length, 1);
  // Polluted descriptor fields do not change how the report's methods are attached.
  for (const key of ["get", "set", "enumerable", "writable"]) {
    const report = polluted(key, "x", () => evaluateParticipants([person()]));
    assert.deepEqual(Object.keys(report).includes("suppress"), false, key);
    assert.equal(typeof report.suppress, "function", key);
  }
  // An array's holes are not filled from Array.prototype.
  Array.prototype[1] = person("hole");
  try {
    assert.deepEqual(where(thrown(() => evaluateParticipants([person(), , person("c")]))),
      ["invalid_record", "participants", 3, undefined]);
  } finally {
    delete Array.prototype[1];
  }
  stillWorks();
});

test("a programme object is read by its own properties", () => {
  const { start, ...withoutStart } = DEFINITION;
  const e = polluted("start", start, () => thrown(() => Programme.fromJson(withoutStart)));
  assert.deepEqual([e.code, e.path], ["missing_key", "start"]);
  // A key whose value is undefined is absent, as in JSON.stringify.
  const u = thrown(() => Programme.fromJson({ ...DEFINITION, start: undefined }));
  assert.deepEqual([u.code, u.path], ["missing_key", "start"]);
  // Symbol keys and non-enumerable keys are not seen, as in JSON.
  const extra = { ...DEFINITION, [Symbol("colour")]: "red" };
  Object.defineProperty(extra, "colour", { value: "red", enumerable: false });
  assert.deepEqual(Programme.fromJson(extra).toJSON(), DEFINITION);
  assert.deepEqual(Programme.fromJson(Object.assign(Object.create(null), DEFINITION)).toJSON(), DEFINITION);
  assert.deepEqual(Programme.fromJson(Object.freeze({ ...DEFINITION })).toJSON(), DEFINITION);
  stillWorks();
});

test("BigInts are integers: in cells, options and programme objects", () => {
  const participants = [person(12n), person(13n)];
  const assessments = [
    { participant_id: "12", date: "2021-03-01", parameter: "step", level: 1n },
    { participant_id: 12n, date: "2022-03-01", parameter: "step", level: 3n },
  ];
  const withBigInts = plain(evaluate(programme, { participants, assessments }, AS_OF));
  const withNumbers = plain(evaluate(programme, {
    participants: [person(12), person(13)],
    assessments: assessments.map((a) => ({ ...a, participant_id: Number(a.participant_id), level: Number(a.level) })),
  }, AS_OF));
  assert.deepEqual(withBigInts, withNumbers);
  assert.equal(withBigInts.parameters[0].evaluable, 1);
  assert.equal(withBigInts.parameters[0].meanGain, 2);
  assert.equal(explain(programme, { participants, assessments }, { ...AS_OF, participant: 12n }).participantId, "12");
  // Beyond the 64-bit range: the column's error.
  assert.deepEqual(where(thrown(() => evaluateParticipants([person(2n ** 64n)]))), ["invalid_id", "participants", 2, "id"]);
  const far = [{ participant_id: "12", date: "2021-03-01", parameter: "step", level: -(2n ** 63n) - 1n }];
  assert.deepEqual(where(thrown(() => evaluate(programme, { participants, assessments: far }, AS_OF))),
    ["invalid_level", "assessments", 2, "level"]);
  // In a programme: an integer where the definition holds one.
  assert.equal(Programme.fromJson({ ...DEFINITION, planned_participants: 200n }).toJSON().planned_participants, 200);
  const huge = thrown(() => Programme.fromJson({ ...DEFINITION, planned_participants: 2n ** 70n }));
  assert.deepEqual([huge.code, huge.path], ["invalid_value", "planned_participants"]);
  // Not as an option that takes a date or a boolean.
  assert.equal(thrown(() => evaluateParticipants([person()], { asOf: 20220630n })).code, "invalid_argument");
  assert.equal(thrown(() => evaluateParticipants([person()], { strict: 1n })).code, "invalid_argument");
  stillWorks();
});

test("Symbols and functions as cells are the column's error; Symbol keys are ignored", () => {
  const cases = [
    [person("a", { gender: Symbol(SECRET) }), "invalid_gender", "gender"],
    [person(Symbol(SECRET)), "invalid_id", "id"],
    [person("a", { entry_date: () => SECRET }), "invalid_date", "entry_date"],
    [person("a", { tags: [Symbol(SECRET)] }), "invalid_tags", "tags"],
    [person("a", { tags: function secret() {} }), "invalid_tags", "tags"],
  ];
  for (const [record, code, column] of cases) {
    assert.deepEqual(where(thrown(() => evaluateParticipants([person("z"), record]))),
      [code, "participants", 3, column]);
  }
  const symbolKeyed = { id: "a", entry_date: "2021-03-01", [Symbol("gender")]: "M" };
  assert.equal(plain(evaluateParticipants([person("z"), symbolKeyed])).enrolment.byGender.unknown.count, 1);
  for (const [key, value] of [["name", Symbol(SECRET)], ["name", () => SECRET], ["start", Symbol(SECRET)]]) {
    const e = thrown(() => Programme.fromJson({ ...DEFINITION, [key]: value }));
    assert.deepEqual([e.code, e.path], ["invalid_value", key]);
  }
  assert.equal(thrown(() => evaluateParticipants([person()], { asOf: Symbol(SECRET) })).code, "invalid_argument");
  assert.equal(thrown(() => evaluateParticipants([person()], { participant: Symbol(SECRET) })).code, "invalid_argument");
  stillWorks();
});

test("getters are never called and proxies that throw are caught: invalid_record at the row and column", () => {
  let called = 0;
  const getter = (record, key) => Object.defineProperty(record, key, {
    enumerable: true,
    get() {
      called += 1;
      throw new Error(SECRET);
    },
  });
  const e = thrown(() => evaluateParticipants([person("z"), getter(person(), "gender")]));
  assert.deepEqual(where(e), ["invalid_record", "participants", 3, "gender"]);
  // A getter that would not throw is refused all the same: records are data.
  const kind = Object.defineProperty(person(), "gender", { enumerable: true, get: () => "K" });
  assert.deepEqual(where(thrown(() => evaluateParticipants([kind]))), ["invalid_record", "participants", 2, "gender"]);
  // Inside a tag list.
  const tags = getter(["x"], 0);
  assert.deepEqual(where(thrown(() => evaluateParticipants([person("a", { tags })]))),
    ["invalid_record", "participants", 2, "tags"]);
  const trap = () => {
    throw new Error(SECRET);
  };
  const hostileRecord = new Proxy(person(), { getOwnPropertyDescriptor: trap, get: trap, ownKeys: trap, has: trap });
  assert.deepEqual(where(thrown(() => evaluateParticipants([hostileRecord]))), ["invalid_record", "participants", 2, "id"]);
  // A proxy that only traps `get` is read through its descriptors: a correct result.
  assert.equal(evaluateParticipants([new Proxy(person(), { get: trap })]).enrolment.enrolled, 1);
  // Arrays: a getter element, a proxy array, a revoked proxy.
  const withGetter = getter([person("a"), person("b")], 1);
  assert.deepEqual(where(thrown(() => evaluateParticipants(withGetter))), ["invalid_record", "participants", 3, undefined]);
  const hostileArray = new Proxy([person()], { getOwnPropertyDescriptor: trap, get: trap });
  assert.deepEqual(where(thrown(() => evaluateParticipants(hostileArray))),
    ["invalid_argument", "participants", undefined, undefined]);
  const { proxy, revoke } = Proxy.revocable([person()], {});
  revoke();
  assert.equal(thrown(() => evaluateParticipants(proxy)).code, "invalid_argument");
  assert.deepEqual(where(thrown(() => evaluateParticipants([person(), proxy]))),
    ["invalid_record", "participants", 3, undefined]);
  // The tables and options objects.
  assert.equal(thrown(() => evaluate(programme, getter({}, "participants"))).code, "invalid_argument");
  assert.equal(thrown(() => evaluate(programme, new Proxy({ participants: [person()] }, { ownKeys: trap }))).code,
    "invalid_argument");
  assert.equal(thrown(() => evaluateParticipants([person()], getter({}, "asOf"))).code, "invalid_argument");
  // Programme objects: invalid_value at the getter's path.
  const p = thrown(() => Programme.fromJson(getter({ ...DEFINITION }, "name")));
  assert.deepEqual([p.code, p.path], ["invalid_value", "name"]);
  const goals = DEFINITION.goals.map((g) => ({ ...g }));
  getter(goals, 1);
  const g = thrown(() => Programme.fromJson({ ...DEFINITION, goals }));
  assert.deepEqual([g.code, g.path], ["invalid_value", "goals[1]"]);
  const q = thrown(() => Programme.fromJson(new Proxy({ ...DEFINITION }, { ownKeys: trap })));
  assert.deepEqual([q.code, q.path], ["invalid_value", ""]);
  assert.equal(called, 0, "no getter was called");
  stillWorks();
});

test("records that are not objects, sparse arrays, null-prototype and frozen records", () => {
  for (const odd of [3, null, "text", [person()], () => person(), true, 7n]) {
    assert.deepEqual(where(thrown(() => evaluateParticipants([person(), odd]))),
      ["invalid_record", "participants", 3, undefined], String(odd));
  }
  // A hole is no record.
  assert.deepEqual(where(thrown(() => evaluateParticipants([person("a"), , person("c")]))),
    ["invalid_record", "participants", 3, undefined]);
  // A hole in a tag list is no tag, as null is.
  assert.equal(evaluateParticipants([person("a", { tags: ["x", , "y"] })]).enrolment.enrolled, 1);
  const bare = Object.assign(Object.create(null), person("a"));
  const frozen = Object.freeze(person("b", { tags: Object.freeze(["x"]) }));
  const report = plain(evaluateParticipants(Object.freeze([bare, frozen])));
  assert.equal(report.enrolment.enrolled, 2);
  assert.equal(report.enrolment.byGender.woman.count, 2);
  assert.deepEqual(report, plain(evaluateParticipants([person("a"), person("b", { tags: ["x"] })])));
  stillWorks();
});

test("a 10 MB cell is the column's error, quickly", () => {
  const long = SECRET + "x".repeat(10_000_000);
  for (const [record, code, column] of [
    [person("a", { gender: long }), "invalid_gender", "gender"],
    [person(long), "invalid_id", "id"],
    [person("a", { entry_date: long }), "invalid_date", "entry_date"],
  ]) {
    const started = performance.now();
    assert.deepEqual(where(thrown(() => evaluateParticipants([record]))), [code, "participants", 2, column]);
    assert.ok(performance.now() - started < 2000);
  }
  stillWorks();
});

test("100 000 goals are criterion_too_large within a second", () => {
  const goals = Array.from({ length: 100_000 }, (_, i) => ({ id: `g${i}`, target: 0.5, criterion: { tag: "x" } }));
  const started = performance.now();
  const e = thrown(() => Programme.fromJson({ ...DEFINITION, goals }));
  assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
  assert.deepEqual([e.code, e.path], ["criterion_too_large", "goals[10000].criterion"]);
  stillWorks();
});

test("deeply nested programme objects are refused without overflowing the stack", () => {
  let criterion = { tag: "x" };
  for (let i = 0; i < 100_000; i++) criterion = { not: criterion };
  const deep = thrown(() => Programme.fromJson({ ...DEFINITION, goals: [{ id: "g", target: 0.5, criterion }] }));
  assert.deepEqual([deep.code, deep.path], ["criterion_too_deep", "goals[0].criterion" + ".not".repeat(64)]);
  let list = [];
  for (let i = 0; i < 100_000; i++) list = [list];
  // Refused for its type before its nesting is read.
  const nested = thrown(() => Programme.fromJson({ ...DEFINITION, eligible_age: list }));
  assert.deepEqual([nested.code, nested.path], ["invalid_value", "eligible_age[0]"]);
  // Where any value may nest (a level), refused at the guard's depth.
  const reached = { reached: { parameter: "step", level: list } };
  const level = thrown(() => Programme.fromJson({ ...DEFINITION, goals: [{ id: "g", target: 0.5, criterion: reached }] }));
  assert.deepEqual([level.code, level.path], ["criterion_too_deep", ""]);
  // An object that contains itself.
  const cycle = { ...DEFINITION };
  cycle.goals = [{ id: "g", target: 0.5, criterion: { all: [] } }];
  cycle.goals[0].criterion.all.push(cycle.goals[0].criterion);
  assert.equal(thrown(() => Programme.fromJson(cycle)).code, "criterion_too_deep");
  stillWorks();
});

test("scale bounds beyond a million are invalid_scale (decision 65)", () => {
  for (const scale of [[0, 2 ** 62], [-1e7, 0], [0, 2n ** 62n]]) {
    const wide = { ...DEFINITION, parameters: [{ id: "p", name: "P", scale }], goals: [] };
    const e = thrown(() => Programme.fromJson(wide));
    assert.deepEqual([e.code, e.path], ["invalid_scale", "parameters[0].scale"], String(scale));
  }
  // At the bound, a scale is valid.
  const widest = { ...DEFINITION, parameters: [{ id: "p", name: "P", scale: [-1e6, 1e6] }], goals: [] };
  assert.deepEqual(Programme.fromJson(widest).toJSON().parameters[0].scale, [-1e6, 1e6]);
  stillWorks();
});
