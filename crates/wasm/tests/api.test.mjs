// The JavaScript API of the Node build: shape and naming of the report,
// suppress, explain, the interval functions, and the error objects.
// Expected numbers are the hand-worked ones of `docs/method.md#worked-example` and Newcombe (1998).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, REPO, stegvis, thrown, toJsNames } from "./support.mjs";

const { Programme, evaluate, explain, tableOf, wilsonInterval, newcombeDifference } = stegvis;

// the programme of `docs/programme.md#complete-example` and the worked example
// of `docs/method.md#worked-example`, as of 2022-06-30.
const TOML = readFileSync(join(NORDOST, "programme.toml"), "utf8");
const SPEC12 = join(REPO, "tests", "fixtures", "spec12");
const PARTICIPANTS = readFileSync(join(SPEC12, "participants.csv"), "utf8");
const ASSESSMENTS = readFileSync(join(SPEC12, "assessments.csv"), "utf8");
const AS_OF = { asOf: "2022-06-30" };

const near = (actual, expected, message) =>
  assert.ok(Math.abs(actual - expected) <= 5e-4, `${message}: expected ${expected}, got ${actual}`);

function worked() {
  return evaluate(Programme.fromToml(TOML), { participants: PARTICIPANTS, assessments: ASSESSMENTS }, AS_OF);
}

test("the worked example (`docs/method.md#worked-example`) through CSV text", () => {
  const r = worked();
  assert.equal(r.asOf, "2022-06-30");
  const [closer, progression] = r.goals;
  assert.equal(closer.id, "closer");
  assert.equal(closer.achieved, 2);
  assert.equal(closer.unknown, 1);
  assert.equal(closer.denominator, 3);
  near(closer.share, 2 / 3, "closer share");
  near(closer.ci.lower, 0.208, "closer lower");
  near(closer.ci.upper, 0.939, "closer upper");
  assert.equal(closer.status, "met");
  assert.equal(closer.confident, false);
  assert.equal(progression.status, "not_met");
  assert.equal(closer.byGender.woman.achieved, 1);
  assert.equal(closer.byGender.woman.denominator, 2);
  near(closer.byGender.woman.ci.lower, 0.0945, "women lower");
  near(closer.byGender.man.ci.lower, 0.2065, "men lower");
  near(closer.genderGap.difference, -0.5, "gap");
  near(closer.genderGap.lower, -0.9055, "gap lower");
  near(closer.genderGap.upper, 0.391, "gap upper");
  const e = r.enrolment;
  // Recruitment ends 2022-07-31 (docs/method.md#recruitment): 514 of 545 days.
  near(e.expectedByNow, (200 * 514) / 545, "expected by now");
  assert.equal(e.recruitmentOpen, true);
  assert.equal(e.recruitmentEnd, "2022-07-31");
  near(e.byGender.woman.projectedCi.lower, 0.2145, "women projected lower");
  near(e.byGender.woman.projectedCi.upper, 0.9344, "women projected upper");
  assert.equal(e.byGender.woman.missed, null);
  // The where criterion keeps the programme's keys (decision 91).
  assert.deepEqual(r.goals[2].populationWhere, {
    exit_outcome: ["employment", "subsidised_employment", "education"],
  });
  assert.equal(r.goals[2].populationAfterMonths, 12);
  near(e.shareOfPlan, 0.015, "share of plan");
  near(e.byGender.woman.deviation, 2 / 3 - 0.56, "deviation");
  assert.equal(e.byGender.woman.withinTolerance, false);
  assert.equal(e.byGender.woman.needed, 110);
  assert.equal(e.byGender.man.needed, 87);
  const [step, swedish] = r.parameters;
  assert.equal(step.evaluable, 1);
  assert.equal(step.meanGain, 2);
  assert.equal(step.transitions[0][2], 1);
  assert.equal(swedish.evaluable, 2);
  assert.equal(swedish.improved, 1);
  assert.equal(swedish.unchanged, 1);
  near(swedish.meanGain, 0.5, "swedish mean gain");
  assert.deepEqual(r.dataQuality, []);
});

test("field names are camelCase; keys that are data are not", () => {
  const r = worked();
  assert.deepEqual(Object.keys(r), [
    "programme", "asOf", "enrolment", "goals", "parameters", "exits", "followUps", "dataQuality", "breakdowns",
    "assistance", "esf", "comparison", "trend", "statusOn",
  ]);
  assert.equal(r.esf, null);
  assert.deepEqual(Object.keys(r.assistance), ["recordedAtEntry", "onAssistanceAtEntry", "steps"]);
  assert.deepEqual(Object.keys(r.assistance.steps[0]), [
    "afterMonths", "toleranceDays", "population", "recorded", "notOnAssistance", "share", "ci", "byGender",
  ]);
  // A group's fields are camelCase; its key and gender keys are data.
  assert.deepEqual(Object.keys(r.breakdowns[0].groups[0].enrolment), ["enrolled", "exited", "byGender"]);
  assert.deepEqual(r.breakdowns.map((b) => b.id),
    ["age", "column:district", "tag:newly_arrived", "tag:long_term_assistance", "cohort:half-year"]);
  // A trend point's fields too (the example's programme asks for a quarterly trend).
  assert.deepEqual(Object.keys(r.trend[0]), ["asOf", "enrolled", "byGender", "goals"]);
  assert.deepEqual(Object.keys(r.enrolment.byGender), ["woman", "man", "non_binary", "unknown"]);
  assert.deepEqual(Object.keys(r.goals[0].byGender), ["woman", "man", "non_binary", "unknown"]);
  assert.ok("subsidised_employment" in r.exits.byOutcome);
  assert.ok("labour_market_programme" in r.exits.byOutcome);
  assert.ok("missing" in r.exits.byOutcome);
  assert.ok("shareOfPlan" in r.enrolment && "expectedByNow" in r.enrolment);
  assert.ok("populationSize" in r.goals[0] && "genderGap" in r.goals[0]);
  assert.ok("meanGain" in r.parameters[0] && "improvedShare" in r.parameters[0]);
  assert.ok("withinTolerance" in r.enrolment.byGender.woman);
  // No field name anywhere keeps an underscore; only data keys may.
  const walk = (value, dataKeyed) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, false));
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (!dataKeyed) assert.ok(!key.includes("_"), `field name ${key} is not camelCase`);
      // A population's where criterion is data: the programme's own keys.
      if (key === "populationWhere") continue;
      walk(child, ["byGender", "byOutcome", "byStatus", "statusShare", "statusShareOfDue"].includes(key));
    }
  };
  walk(JSON.parse(JSON.stringify(r)), false);
  // Values are data too: statuses and populations keep their snake_case.
  assert.equal(r.goals[1].status, "not_met");
});

test("records and CSV text give the same report", () => {
  const rows = (csv) => {
    const [head, ...lines] = csv.trim().split("\n");
    const names = head.split(",");
    return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v === "" ? null : v])));
  };
  const programme = Programme.fromToml(TOML);
  const fromRecords = evaluate(programme, {
    participants: rows(PARTICIPANTS),
    assessments: rows(ASSESSMENTS).map((a) => ({ ...a, level: Number(a.level) })),
  }, AS_OF);
  assert.deepEqual(JSON.parse(JSON.stringify(fromRecords)), JSON.parse(JSON.stringify(worked())));
});

test("record cells may be Dates (their local day), bigints and tag lists", () => {
  const programme = Programme.fromToml(TOML);
  const report = evaluate(programme, {
    participants: [
      { id: 7n, gender: "K", entry_date: new Date(2021, 2, 1), tags: ["newly_arrived", "children_at_home"] },
      { id: 8, gender: "M", entry_date: "2021-03-01", exit_date: new Date(2022, 1, 1), exit_outcome: "arbete" },
    ],
    assessments: [
      { participant_id: "7", date: new Date(2021, 2, 1), parameter: "step", level: 1 },
      { participant_id: 7, date: new Date(2022, 2, 1, 23, 30), parameter: "step", level: 2.0 },
    ],
  }, AS_OF);
  // Participant 7: step 1 → 2 (gain 1): closer and progression; 8 exited to employment: closer.
  assert.equal(report.goals[0].achieved, 2);
  assert.equal(report.goals[1].achieved, 1);
  assert.equal(report.exits.byOutcome.employment.count, 1);
  assert.deepEqual(report.dataQuality, []);
  const e = thrown(() => evaluate(programme, {
    participants: [{ id: "p", gender: "K", entry_date: new Date(Number.NaN) }],
  }, AS_OF));
  assert.equal(e.code, "invalid_date");
  assert.equal(e.row, 2);
});

test("suppress and toText are methods that JSON does not see", () => {
  const r = worked();
  assert.equal(typeof r.suppress, "function");
  assert.equal(typeof r.toText, "function");
  assert.ok(!Object.keys(r).includes("suppress"));
  assert.ok(!JSON.stringify(r).includes("suppress"));
  const p = r.suppress(5);
  // 3 enrolled: every count 1..4 is hidden, zeros stay.
  assert.equal(p.goals[0].achieved, "suppressed");
  assert.equal(p.goals[0].share, "suppressed");
  assert.equal(p.goals[0].excluded, 0);
  assert.equal(p.enrolment.byGender.non_binary.count, 0);
  assert.equal(typeof p.suppress, "function");
  assert.deepEqual(JSON.parse(JSON.stringify(r.suppress())), JSON.parse(JSON.stringify(p)), "default min cell is 5");
  // min cell 1 hides nothing.
  assert.deepEqual(JSON.parse(JSON.stringify(r.suppress(1))), JSON.parse(JSON.stringify(r)));
  // 0 hides nothing, as 1 does: one rule on every surface (docs/report.md).
  assert.deepEqual(JSON.parse(JSON.stringify(r.suppress(0))), JSON.parse(JSON.stringify(r)));
  assert.equal(thrown(() => r.suppress(-1)).code, "invalid_argument");
  assert.equal(thrown(() => r.suppress(2.5)).code, "invalid_argument");
  assert.equal(thrown(() => r.suppress("5")).code, "invalid_argument");
  assert.equal(typeof r.toText("sv"), "string");
  assert.equal(thrown(() => r.toText("de")).code, "invalid_argument");
});

test("toCsv writes the core's tidy table for a spreadsheet, in either locale", () => {
  const r = worked();
  const lines = r.toCsv().trim().split("\n");
  // Text: the byte-order mark belongs to the file (the page writes it).
  assert.equal(lines[0], "section,item,group,measure,value,lower,upper,suppressed");
  // The worked example: 2 of 3, Wilson 0.2077-0.9385 (docs/method.md), four places.
  assert.ok(lines.includes("goals,closer,all,share,0.6667,0.2077,0.9385,false"), lines.join("\n"));
  const swedish = r.toCsv("sv").trim().split("\n");
  assert.equal(swedish[0], "section;item;group;measure;value;lower;upper;suppressed");
  assert.ok(swedish.includes("goals;closer;all;share;0,6667;0,2077;0,9385;false"));
  assert.ok(r.suppress(5).toCsv().includes("\ngoals,closer,all,achieved,,,,true\n"));
  assert.equal(thrown(() => r.toCsv("de")).code, "invalid_argument");
  assert.ok(!Object.keys(r).includes("toCsv"));
});

test("tableOf names a CSV's table by the core's header rule", () => {
  assert.equal(tableOf(PARTICIPANTS), "participants");
  assert.equal(tableOf(ASSESSMENTS), "assessments");
  assert.equal(tableOf("\ufeffParticipant_ID;Date;Status\n"), "followUps");
  assert.equal(tableOf("a,b\n"), null);
  assert.equal(tableOf(""), null);
});

test("records: one rule for every surface", () => {
  const programme = Programme.fromToml(TOML);
  const ok = { id: "a", gender: "K", entry_date: "2021-03-01" };
  // An element that is not an object is invalid_record at its row (decision 10).
  const e = thrown(() => evaluate(programme, { participants: [ok, 3] }, AS_OF));
  assert.deepEqual([e.code, e.row], ["invalid_record", 3]);
  // Tags that are not texts are refused; nulls in the list are no tag.
  assert.equal(thrown(() => evaluate(programme, { participants: [{ ...ok, tags: ["x", 1] }] }, AS_OF)).code, "invalid_tags");
  assert.equal(evaluate(programme, { participants: [{ ...ok, tags: ["x", null] }] }, AS_OF).enrolment.enrolled, 1);
  // A missing column wins over an earlier record's bad cell.
  const m = thrown(() => evaluate(programme, { participants: [{ id: "a", gender: "Q" }] }, AS_OF));
  assert.deepEqual([m.code, m.column], ["missing_column", "entry_date"]);
});

test("every field name of the report is declared in types.d.ts", () => {
  const types = readFileSync(join(REPO, "crates", "wasm", "src", "types.d.ts"), "utf8");
  const declared = new Set([...types.matchAll(/^\s*([A-Za-z]+)\??:/gm)].map((m) => m[1]));
  const missing = new Set();
  const walk = (value, dataKeyed) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, false));
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (!dataKeyed && !declared.has(key)) missing.add(key);
      if (key === "populationWhere") continue; // a Criterion, as the programme writes it
      walk(child, ["byGender", "byOutcome", "byStatus", "statusShare", "statusShareOfDue"].includes(key));
    }
  };
  const programme = Programme.fromToml(TOML);
  walk(JSON.parse(JSON.stringify(worked())), false);
  walk(explain(programme, { participants: PARTICIPANTS, assessments: ASSESSMENTS }, AS_OF), false);
  assert.deepEqual([...missing], []);
});

test("explain says why each participant counts", () => {
  const programme = Programme.fromToml(TOML);
  const tables = { participants: PARTICIPANTS, assessments: ASSESSMENTS };
  const all = explain(programme, tables, AS_OF);
  assert.deepEqual(all.map((e) => e.participantId), ["a", "b", "c"]);
  const c = explain(programme, tables, { ...AS_OF, participant: "c" });
  assert.equal(c.gender, "woman");
  assert.deepEqual(c.goals.map((g) => g.goalId), ["closer", "progression", "retention", "newly_arrived"]);
  assert.equal(c.goals[0].value, "unknown");
  assert.equal(c.goals[0].counted, "not_achieved");
  assert.equal(c.goals[0].inPopulation, true);
  assert.equal(explain(programme, tables, { ...AS_OF, participant: "nobody" }), null);
});

test("intervals: Wilson and Newcombe against published values", () => {
  // Newcombe (1998), Table I: 81/263 → 0.2553 to 0.3662.
  const w = wilsonInterval(81, 263);
  near(w.lower, 0.2553, "wilson lower");
  near(w.upper, 0.3662, "wilson upper");
  assert.deepEqual(Object.keys(w), ["lower", "upper"]);
  assert.equal(wilsonInterval(0, 10).lower, 0);
  assert.equal(wilsonInterval(10, 10).upper, 1);
  assert.equal(wilsonInterval(0, 0), null);
  // A wider interval at 99 %.
  assert.ok(wilsonInterval(81, 263, 0.99).lower < w.lower);
  // Newcombe (1998), Table II (a): 56/70 − 48/80 → 0.0524 to 0.3339.
  const d = newcombeDifference(56, 70, 48, 80);
  near(d.difference, 0.2, "difference");
  near(d.lower, 0.0524, "newcombe lower");
  near(d.upper, 0.3339, "newcombe upper");
  assert.equal(newcombeDifference(0, 0, 1, 2), null);
  for (const bad of [() => wilsonInterval(5, 3), () => wilsonInterval(-1, 3), () => wilsonInterval(1.5, 3),
    () => wilsonInterval(1, 3, 1), () => wilsonInterval(1, 3, Number.NaN), () => newcombeDifference(3, 2, 1, 2)]) {
    const e = thrown(bad);
    assert.ok(e instanceof Error);
    assert.equal(e.code, "invalid_argument");
  }
});

test("data errors name table, row and column, never the value", () => {
  const programme = Programme.fromToml(TOML);
  const secret = "Qz-secret-7";
  const e = thrown(() => evaluate(programme, {
    participants: `id,gender,entry_date\nx1,K,2021-03-01\nx2,${secret},2021-03-01\n`,
  }, AS_OF));
  assert.ok(e instanceof Error);
  assert.equal(e.name, "StegvisError");
  assert.equal(e.code, "invalid_gender");
  assert.equal(e.table, "participants");
  assert.equal(e.row, 3);
  assert.equal(e.column, "gender");
  assert.equal(e.path, undefined);
  assert.ok(!e.message.includes(secret), "the message must not repeat the value");
  assert.ok(!e.message.includes("x2"), "the message must not repeat the id");

  // Records: record i is row i + 2.
  const r = thrown(() => evaluate(programme, {
    participants: [{ id: "p", gender: "K", entry_date: "2021-03-01" }],
    assessments: [
      { participant_id: "p", date: "2021-03-01", parameter: "step", level: 1 },
      { participant_id: "p", date: "not a date", parameter: "step", level: 2 },
    ],
  }, AS_OF));
  assert.equal(r.code, "invalid_date");
  assert.equal(r.table, "assessments");
  assert.equal(r.row, 3);
  assert.equal(r.column, "date");

  const m = thrown(() => evaluate(programme, { participants: "id,entry_date\np,2021-03-01\n" }, AS_OF));
  assert.equal(m.code, "missing_column");
  assert.equal(m.row, 1);
  assert.equal(m.column, "gender");

  const f = thrown(() => evaluate(programme, {
    participants: "id,gender,entry_date\np,K,2021-03-01\n",
    followUps: "participant_id,date,status\np,2022-01-01,astronaut\n",
  }, AS_OF));
  assert.equal(f.code, "invalid_exit_outcome");
  assert.equal(f.table, "follow_ups");
  assert.equal(f.row, 2);
  assert.equal(f.column, "status");
});

test("strict mode raises the first data-quality issue", () => {
  const programme = Programme.fromToml(TOML);
  const participants = "id,gender,entry_date\np,K,2021-03-01\nq,,2021-03-01\n";
  const lenient = evaluate(programme, { participants }, AS_OF);
  assert.deepEqual(lenient.dataQuality, [{ kind: "unknown_gender", table: "participants", count: 1, rows: [3] }]);
  const e = thrown(() => evaluate(programme, { participants }, { ...AS_OF, strict: true }));
  assert.equal(e.code, "unknown_gender");
  assert.equal(e.table, "participants");
  assert.equal(e.row, 3);
});

test("programme errors carry the path", () => {
  const undefinedParameter = TOML.replace('parameters = ["step"]', 'parameters = ["stpe"]');
  const e = thrown(() => Programme.fromToml(undefinedParameter));
  assert.ok(e instanceof Error);
  assert.equal(e.code, "undefined_parameter");
  assert.equal(e.path, "goals[0].criterion.any[0].improved.parameters[0]");
  assert.equal(e.row, undefined);
  assert.equal(thrown(() => Programme.fromToml("id = [")).code, "invalid_toml");
  assert.equal(thrown(() => Programme.fromJson("{")).code, "invalid_json");
  assert.equal(thrown(() => Programme.fromJson(42)).code, "invalid_argument");
  for (const notText of [42, null, undefined, {}, ["id = 1"]]) {
    assert.equal(thrown(() => Programme.fromToml(notText)).code, "invalid_argument");
  }
  const definition = Programme.fromToml(TOML).toJSON();
  definition.goals[1].colour = "blue";
  const u = thrown(() => Programme.fromJson(definition));
  assert.equal(u.code, "unknown_key");
  assert.equal(u.path, "goals[1].colour");
});

test("a programme round-trips through toJSON and fromJson", () => {
  const programme = Programme.fromToml(TOML);
  const json = programme.toJSON();
  assert.equal(json.planned_participants, 200);
  assert.equal(programme.id, "2020/00551");
  assert.equal(programme.start, "2021-02-01");
  assert.equal(programme.end, "2023-01-31");
  assert.deepEqual(Programme.fromJson(json).toJSON(), json);
  assert.deepEqual(Programme.fromJson(JSON.stringify(programme)).toJSON(), json);
});

test("bad arguments are invalid_argument errors", () => {
  const programme = Programme.fromToml(TOML);
  const participants = PARTICIPANTS;
  const cases = [
    () => evaluate(programme, "not an object"),
    () => evaluate(programme, {}),
    () => evaluate(programme, { participants, follow_ups: "" }),
    () => evaluate(programme, { participants: 42 }),
    () => evaluate(programme, { participants: { id: "a" } }),
    () => evaluate(programme, { participants }, { asOf: "30/06/2022" }),
    () => evaluate(programme, { participants }, { asOf: 20220630 }),
    () => evaluate(programme, { participants }, { strict: "yes" }),
    () => evaluate(programme, { participants }, { as_of: "2022-06-30" }),
  ];
  for (const f of cases) {
    const e = thrown(f);
    assert.ok(e instanceof Error, String(f));
    assert.equal(e.code, "invalid_argument", String(f));
  }
});

test("the default as-of is today capped at the programme's end; a Date is its local day", () => {
  const programme = Programme.fromToml(TOML);
  // The programme ended 2023-01-31, before today.
  assert.equal(evaluate(programme, { participants: PARTICIPANTS }).asOf, "2023-01-31");
  assert.equal(evaluate(programme, { participants: PARTICIPANTS }, { asOf: new Date(2022, 5, 30) }).asOf, "2022-06-30");
});

test("no input traps the module", () => {
  const programme = Programme.fromToml(TOML);
  let seed = 20210201;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'ab,;"\n\r\t 0123456789-KM\u00e4\u{1F600}\u0000';
  const noise = (n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
  for (let i = 0; i < 300; i++) {
    const text = i % 2 ? `id,gender,entry_date\n${noise(60)}` : noise(80);
    for (const tables of [{ participants: text }, { participants: PARTICIPANTS, assessments: text }]) {
      try {
        evaluate(programme, tables, AS_OF);
      } catch (e) {
        assert.ok(e instanceof Error && typeof e.code === "string", `threw ${e}`);
      }
    }
    try {
      Programme.fromToml(noise(40));
    } catch (e) {
      assert.ok(typeof e.code === "string");
    }
  }
  const odd = [
    [null], [[1, 2]], [{ id: { nested: true }, gender: "K", entry_date: "2021-03-01" }],
    [{ id: "x".repeat(129), gender: "K", entry_date: "2021-03-01" }],
    [{ id: 1e300, gender: "K", entry_date: "2021-03-01" }],
    [{ id: "p", gender: "K", entry_date: "2021-03-01", exit_date: "2021-02-01" }],
    [{ id: "p", gender: "K", entry_date: "+999999-01-01" }],
  ];
  for (const participants of odd) {
    const e = thrown(() => evaluate(programme, { participants }, AS_OF));
    assert.ok(e instanceof Error && typeof e.code === "string");
  }
  // Deep nesting is refused, never a stack overflow: past 64 criteria with
  // the core's code; thousands deep as an error of some code.
  const nested = (depth) => {
    let criterion = { tag: "x" };
    for (let i = 0; i < depth; i++) criterion = { not: criterion };
    return { ...Programme.fromToml(TOML).toJSON(), goals: [{ id: "deep", target: 0.5, criterion }] };
  };
  assert.equal(thrown(() => Programme.fromJson(nested(100))).code, "criterion_too_deep");
  // One sub-criterion shared 22 levels deep stands for about 4 million
  // criteria: counted as read and refused at the 10 001st, not expanded
  // (docs/decisions.md#decision-64).
  let shared = { tag: "a" };
  for (let i = 0; i < 22; i++) shared = { any: [shared, shared] };
  const started = performance.now();
  const large = thrown(() =>
    Programme.fromJson({ ...Programme.fromToml(TOML).toJSON(), goals: [{ id: "g", target: 0.5, criterion: shared }] }));
  assert.ok(performance.now() - started < 1000);
  assert.equal(large.code, "criterion_too_large");
  assert.ok(large.path.startsWith("goals[0].criterion.any[0]"));
  // Objects and text pass the same guard in the core: same code, same path.
  for (const definition of [nested(10000), JSON.stringify(nested(100))]) {
    const e = thrown(() => Programme.fromJson(definition));
    assert.equal(e.code, "criterion_too_deep");
    assert.equal(e.path, "goals[0].criterion" + ".not".repeat(64));
  }
  let level = 1;
  for (let i = 0; i < 10000; i++) level = [level];
  const deepLevel = { ...nested(0), goals: [{ id: "deep", target: 0.5, criterion: { reached: { parameter: "step", level } } }] };
  const d = thrown(() => Programme.fromJson(deepLevel));
  assert.deepEqual([d.code, d.path], ["criterion_too_deep", ""]);
  // Read as JSON reads them: no key unseen, no list longer than its type.
  const wrong = (change) => thrown(() => Programme.fromJson({ ...nested(0), ...change }));
  assert.deepEqual([wrong({ colour: "red" }).code, wrong({ colour: "red" }).path], ["unknown_key", "colour"]);
  assert.deepEqual([wrong({ eligible_age: [16, 64, 99] }).code, wrong({ eligible_age: [16, 64, 99] }).path], ["invalid_value", "eligible_age"]);
  assert.equal(wrong({ planned_participants: "ten" }).code, "invalid_value");
  const deepText = JSON.stringify(nested(0))
    .replace('{"tag":"x"}', `${'{"not":'.repeat(5000)}{"tag":"x"}${"}".repeat(5000)}`);
  for (const definition of [nested(5000), deepText]) {
    const e = thrown(() => Programme.fromJson(definition));
    assert.ok(e instanceof Error && typeof e.code === "string");
  }
  const deepCell = { id: "p", gender: "K", entry_date: "2021-03-01", tags: [] };
  let cell = [];
  for (let i = 0; i < 100000; i++) cell = [cell];
  deepCell.tags = cell;
  assert.equal(thrown(() => evaluate(programme, { participants: [deepCell] }, AS_OF)).code, "invalid_tags");
  assert.equal(thrown(() => evaluate(programme, { participants: [{ ...deepCell, tags: undefined, id: cell }] }, AS_OF)).code, "invalid_id");
  // The module still works afterwards.
  assert.equal(worked().goals[0].achieved, 2);
});

test("the Nordost example gives the numbers the command-line tool gives", { skip: !process.env.STEGVIS_CLI_JSON }, () => {
  const cli = JSON.parse(readFileSync(process.env.STEGVIS_CLI_JSON, "utf8"));
  const read = (name) => readFileSync(join(NORDOST, name), "utf8");
  assert.ok(existsSync(join(NORDOST, "follow_ups.csv")));
  const report = evaluate(Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, {
    asOf: cli.as_of,
    // The example's comparison group, as the command line uses it (docs/comparison.md#example).
    comparison: {
      participants: read("comparison_participants.csv"),
      assessments: read("comparison_assessments.csv"),
      followUps: read("comparison_follow_ups.csv"),
    },
  });
  assert.deepEqual(JSON.parse(JSON.stringify(report)), toJsNames(cli));
});

test("words, phrase and Format are the core's catalogue and formatter", () => {
  const { words, phrase, vocabulary, Format } = stegvis;
  const sv = words("sv");
  const en = words();
  assert.equal(sv.status.met, "uppfyllt");
  assert.equal(sv.status.not_met, "ej uppfyllt");
  assert.equal(sv.column.target, "Målnivå");
  assert.equal(sv.marker.pointsLong, "procentenheter");
  assert.equal(en.ui.loadExample, "Load the Nordost example");
  assert.equal(en.gender.non_binary, "non-binary");
  assert.equal(en.outcome.missing, "not recorded");
  assert.equal(en.error.invalid_gender.startsWith("not a known gender"), true);
  assert.deepEqual(sv.language, { en: "English", sv: "Svenska" });
  // Both languages hold the same keys.
  for (const group of Object.keys(en)) assert.deepEqual(Object.keys(sv[group]), Object.keys(en[group]), group);
  assert.equal(phrase("sv", { phrase: "horizon", months: 6, toleranceDays: 45 }), "6 månader ±45 dagar");
  assert.equal(phrase("en", { phrase: "computed", participants: 12000, ms: 8 }),
    "Computed 12,000 participants in 8 ms, in this browser.");
  assert.equal(thrown(() => phrase("en", { phrase: "nonsense" })).code, "invalid_argument");
  assert.equal(thrown(() => words("de")).code, "invalid_argument");
  assert.ok(vocabulary("sv").includes("uppfyllt"));

  const f = new Format("sv");
  assert.equal(f.share(2 / 3), "66,7\u00a0%");
  assert.equal(f.share(null), "–");
  assert.equal(f.share("suppressed"), "dolt");
  assert.equal(f.count(12345), "12\u00a0345");
  assert.equal(f.points(-0.107), "−10,7\u00a0p.e.");
  assert.equal(f.shareInterval(0.208, 0.939), "20,8–93,9\u00a0%");
  assert.equal(f.shareInterval("suppressed", 0.5), "dolt");
  assert.equal(f.meanGain(0.5), "+0,50");
  assert.equal(f.yesNo(true), "ja");
  assert.equal(f.suppressed, "dolt");
  assert.equal(new Format().share(0.5), "50.0\u00a0%");
  assert.equal(thrown(() => f.share("half")).code, "invalid_argument");
  assert.equal(thrown(() => f.count(1.5)).code, "invalid_argument");
  // The formatter agrees with the text report of the same report.
  const report = worked();
  const { lower, upper } = report.goals[0].ci;
  assert.ok(report.toText("sv").includes(`${f.share(report.goals[0].share)}  ${f.shareInterval(lower, upper)}`));
});

// docs/data.md#dates, decision 67: dates are strict on every path.
const STRICT = {
  id: "S", name: "Strict", start: "2022-01-01", end: "2022-12-31", planned_participants: 10,
  parameters: [{ id: "p", scale: [1, 5] }],
  goals: [{ id: "g", target: 0.5, criterion: { improved: {} } }],
};
const OK = { id: "a", gender: "woman", entry_date: "2022-03-01" };

test("lenient dates are invalid_date with row and column and no value", () => {
  const programme = Programme.fromJson(STRICT);
  for (const entry of ["0000-01-01", "+2021-03-01", "2021-03-01T25:00", "2021-3-1", "2021-03-01 xyz", "2200-01-01",
    new Date(1899, 11, 31), new Date(2200, 0, 1)]) {
    const participants = [OK, { id: "b", gender: "man", entry_date: entry }];
    const e = thrown(() => evaluate(programme, { participants }, { asOf: "2022-06-30" }));
    assert.deepEqual([e.code, e.table, e.row, e.column], ["invalid_date", "participants", 3, "entry_date"], String(entry));
    for (const echo of ["0000", "+2021", "25:00", "2200", "1899"]) assert.ok(!e.message.includes(echo), e.message);
    const csv = `id,gender,entry_date\na,woman,2022-03-01\nb,man,${typeof entry === "string" ? entry : "1899-12-31"}\n`;
    const c = thrown(() => evaluate(programme, { participants: csv }, { asOf: "2022-06-30" }));
    assert.deepEqual([c.code, c.table, c.row, c.column], ["invalid_date", "participants", 3, "entry_date"], String(entry));
  }
  // A documented time of day is dropped, the offset not applied.
  const participants = [
    { id: "a", gender: "woman", entry_date: "2022-06-30T23:59:59.5-05:00" },
    { id: "b", gender: "woman", entry_date: "2022-07-01T00:30:00+02:00" },
    { id: "c", gender: "woman", entry_date: "2022-03-01 10:00Z" },
  ];
  assert.equal(evaluate(programme, { participants }, { asOf: "2022-06-30" }).enrolment.enrolled, 2);
});

test("options.asOf and programme dates follow the date rule", () => {
  const programme = Programme.fromJson(STRICT);
  const participants = [OK];
  for (const asOf of ["0000-01-01", "+2022-06-30", "2022-06-30T25:00", "2022-6-30", "2200-01-01",
    new Date(1899, 11, 31), new Date(2200, 0, 1)]) {
    const e = thrown(() => evaluate(programme, { participants }, { asOf }));
    assert.equal(e.code, "invalid_argument", String(asOf));
  }
  assert.equal(evaluate(programme, { participants }, { asOf: "2022-06-30T10:00:00Z" }).asOf, "2022-06-30");
  for (const start of ["0000-01-01", "+2022-01-01", "2022-01-01T00:00", "1899-12-31"]) {
    const e = thrown(() => Programme.fromJson({ ...STRICT, start }));
    assert.deepEqual([e.code, e.path], ["invalid_value", "start"], start);
  }
});

// docs/report.md#control-characters, decision 68.
test("toText shows control characters in names as escapes", () => {
  const name = "X\u001b[2J\u0007Y";
  const programme = Programme.fromJson({
    ...STRICT, name, id: "S\r1",
    goals: [{ id: "g\u202e", name: "N\u009b31m", target: 0.5, criterion: { improved: {} } }],
  });
  const report = evaluate(programme, { participants: [OK] }, { asOf: "2022-06-30" });
  for (const text of [report.toText("en"), report.toText("sv")]) {
    for (const hidden of ["\u001b", "\u0007", "\r", "\u009b", "\u202e"]) {
      assert.ok(!text.includes(hidden), JSON.stringify(text));
    }
  }
  assert.ok(report.toText("en").startsWith("X\\u{1b}[2J\\u{7}Y (S\\u{d}1)\n"), report.toText("en"));
  assert.ok(report.toText("en").includes("g\\u{202e}"));
  // The report's data keeps the name exactly.
  assert.equal(report.programme.name, name);
});

test("progress is told rows read per table, then participants evaluated, and changes nothing", () => {
  // Enough rows for several of the core's 1 024-row steps in each table.
  const people = ["id,gender,entry_date"];
  const readings = ["participant_id,date,parameter,level"];
  for (let i = 0; i < 3000; i++) {
    people.push(`P${i},${i % 2 ? "K" : "M"},2021-0${1 + (i % 9)}-15`);
    readings.push(`P${i},2021-10-01,step,${1 + (i % 4)}`, `P${i},2022-05-01,step,${2 + (i % 4)}`);
  }
  const tables = { participants: people.join("\n"), assessments: readings.join("\n") };
  const programme = Programme.fromToml(TOML);
  const told = [];
  const report = evaluate(programme, tables, { ...AS_OF, progress: (p) => told.push({ ...p }) });
  assert.deepEqual(JSON.parse(JSON.stringify(report)), JSON.parse(JSON.stringify(evaluate(programme, tables, AS_OF))));
  const reading = (table) => told.filter((p) => p.stage === "reading" && p.table === table).map((p) => p.rows);
  assert.deepEqual(reading("participants"), [1024, 2048]);
  // The core's countdown runs on from the participants' table into the next.
  assert.ok(reading("assessments").length >= 5, `${reading("assessments")}`);
  assert.ok(told.every((p) => p.stage !== "reading" || p.comparison === false));
  const evaluating = told.filter((p) => p.stage === "evaluating").map((p) => p.participants);
  assert.deepEqual(evaluating, [0, 1024, 2048]);
  // Reading comes first, then evaluating, each count growing.
  const firstEvaluating = told.findIndex((p) => p.stage === "evaluating");
  assert.ok(told.slice(firstEvaluating).every((p) => p.stage === "evaluating"));
  // A comparison group's tables are told as such.
  const compared = [];
  evaluate(programme, tables, { ...AS_OF, comparison: tables, progress: (p) => compared.push(p) });
  assert.ok(compared.some((p) => p.stage === "reading" && p.comparison && p.table === "assessments"));
});

test("a progress callback that throws stops the evaluation (interrupted); a non-function is a bad argument", () => {
  const programme = Programme.fromToml(TOML);
  const participants = ["id,gender,entry_date", ...Array.from({ length: 2000 }, (_, i) => `P${i},K,2021-03-01`)].join("\n");
  const e = thrown(() => evaluate(programme, { participants }, { ...AS_OF, progress: () => { throw new Error("stop"); } }));
  assert.equal(e.code, "interrupted");
  assert.equal(thrown(() => evaluate(programme, { participants }, { ...AS_OF, progress: 5 })).code, "invalid_argument");
  // `null` is no callback.
  assert.equal(evaluate(programme, { participants }, { ...AS_OF, progress: null }).enrolment.enrolled, 2000);
});
