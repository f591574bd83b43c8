// A comparison group through the JavaScript API (docs/comparison.md):
// `evaluate(programme, tables, { comparison })` in records and CSV text,
// camelCase keys, errors naming the comparison table, suppression, and the
// Nordost example's numbers (pinned by crates/cli/tests/comparison.rs,
// checked independently by crates/cli/tests/comparison_check.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, stegvis } from "./support.mjs";

const { Programme, evaluate, newcombeDifference } = stegvis;

const PROGRAMME = Programme.fromJson({
  id: "c", name: "C", start: "2022-01-01", end: "2022-12-31", planned_participants: 10,
  parameters: [], goals: [{ id: "t", target: 0.5, criterion: { tag: "t" } }],
});
const PEOPLE = "id,gender,entry_date,tags\na,K,2022-01-10,t\nb,M,2022-01-10,\n";
const OTHERS = [
  { id: "x", gender: "K", entry_date: "2022-01-10", tags: "t" },
  { id: "y", gender: "M", entry_date: "2022-01-10", tags: "t" },
  { id: "z", gender: "M", entry_date: "2022-02-10", tags: "" },
];
const run = (options) => evaluate(PROGRAMME, { participants: PEOPLE, assessments: [] }, { asOf: "2022-06-30", ...options });

test("without a comparison group the section is null", () => {
  assert.equal(run({}).comparison, null);
});

test("the comparison section, camelCase", () => {
  const c = run({ comparison: { participants: OTHERS, assessments: [] } }).comparison;
  assert.deepEqual(Object.keys(c), ["caveat", "participantsEnrolled", "comparisonEnrolled", "goals", "balance", "dataQuality"]);
  assert.equal(c.caveat, "selection");
  assert.equal(c.participantsEnrolled, 2);
  assert.equal(c.comparisonEnrolled, 3);
  const g = c.goals[0];
  assert.deepEqual([g.participants.achieved, g.participants.denominator], [1, 2]);
  assert.deepEqual([g.comparison.achieved, g.comparison.denominator, g.comparison.populationSize], [2, 3, 3]);
  const d = newcombeDifference(1, 2, 2, 3, 0.95);
  assert.ok(Math.abs(g.difference.lower - d.lower) < 1e-12 && Math.abs(g.difference.upper - d.upper) < 1e-12);
  const tag = c.balance.find((r) => r.characteristic === "tag" && r.group === "t");
  assert.deepEqual(tag.participants, { count: 1, share: 0.5 });
  assert.equal(tag.comparison.count, 2);
  // CSV text gives the same.
  const csv = "id,gender,entry_date,tags\nx,K,2022-01-10,t\ny,M,2022-01-10,t\nz,M,2022-02-10,\n";
  assert.deepEqual(run({ comparison: { participants: csv, assessments: [] } }).comparison, c);
});

test("errors in a comparison table name it, never the value", () => {
  const bad = [{ id: "x", gender: "K", entry_date: "2022-01-10" }, { id: "y", gender: "SECRET", entry_date: "2022-01-10" }];
  let error;
  try {
    run({ comparison: { participants: bad, assessments: [] } });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof Error);
  assert.deepEqual([error.code, error.table, error.row, error.column], ["invalid_gender", "comparison_participants", 3, "gender"]);
  assert.ok(error.message.includes("comparison participants table"), error.message);
  assert.ok(!error.message.includes("SECRET"));
  assert.throws(() => run({ comparison: "x" }), (e) => e.code === "invalid_argument");
});

test("a publishable copy hides the comparison group's small counts", () => {
  const c = run({ comparison: { participants: OTHERS, assessments: [] } }).suppress(5).comparison;
  assert.equal(c.comparisonEnrolled, "suppressed");
  assert.equal(c.goals[0].difference.lower, "suppressed");
});

test("the Nordost example's comparison", () => {
  const read = (f) => readFileSync(join(NORDOST, f), "utf8");
  const r = evaluate(
    Programme.fromToml(read("programme.toml")),
    { participants: read("participants.csv"), assessments: read("assessments.csv"), followUps: read("follow_ups.csv") },
    {
      asOf: "2022-12-31",
      comparison: {
        participants: read("comparison_participants.csv"),
        assessments: read("comparison_assessments.csv"),
        followUps: read("comparison_follow_ups.csv"),
      },
    },
  );
  const c = r.comparison;
  assert.equal(c.comparisonEnrolled, 150);
  const p = c.goals.find((g) => g.id === "progression");
  assert.deepEqual([p.comparison.achieved, p.comparison.denominator], [71, 150]);
  assert.ok(Math.abs(p.difference.lower - 0.174341) < 5e-6);
  assert.ok(Math.abs(p.difference.upper - 0.372252) < 5e-6);
  assert.ok(r.toCsv().includes("\ncomparison,progression,comparison,achieved,71,"));
});
