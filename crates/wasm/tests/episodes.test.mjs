// Episodes and re-entry through the JavaScript API (docs/method.md#episodes):
// enrolment.reentry under each rule with camelCase keys and snake_case
// values, explanations that list the episodes, and the coded errors.
import { test } from "node:test";
import assert from "node:assert/strict";

import { stegvis, thrown } from "./support.mjs";

const { Programme, evaluate, explain } = stegvis;

const people = [
  // a: two episodes, read out of order; b: one, still open.
  { id: "a", gender: "K", entry_date: "2022-06-01", exit_date: "2022-08-31", exit_outcome: "employment" },
  { id: "a", gender: "K", entry_date: "2022-01-10", exit_date: "2022-03-31", exit_outcome: "other" },
  { id: "b", gender: "M", entry_date: "2022-02-01" },
];

function programme(reentry) {
  const p = {
    id: "E", name: "Episodes", start: "2022-01-01", end: "2022-12-31", planned_participants: 10,
    goals: [{ id: "g", target: 0.5, population: "exited", criterion: { exit_outcome: ["employment"] } }],
  };
  if (reentry) p.reentry = reentry;
  return Programme.fromJson(p);
}

const AS_OF = { asOf: "2022-10-31" };
const run = (reentry, participants = people) =>
  evaluate(programme(reentry), { participants, assessments: [] }, AS_OF);

test("once is the default: a person counted once, every return visible", () => {
  const e = run().enrolment;
  assert.equal(e.enrolled, 2);
  assert.deepEqual(e.reentry, { policy: "once", participants: 2, episodes: 3, reentrants: 1, reentries: 1 });
  // a exits with its last episode (employment); b is active.
  const g = run("once").goals[0];
  assert.deepEqual([g.populationSize, g.achieved], [1, 1]);
});

test("per_episode: each episode in every count, persons beside", () => {
  const r = run("per_episode");
  assert.equal(r.enrolment.enrolled, 3);
  assert.equal(r.enrolment.reentry.policy, "per_episode");
  assert.equal(r.enrolment.reentry.participants, 2);
  const g = r.goals[0];
  assert.deepEqual([g.populationSize, g.achieved, g.share], [2, 1, 0.5]);
});

test("error rule and overlapping episodes are coded errors at their row", () => {
  const dup = thrown(() => run("error"));
  assert.deepEqual([dup.code, dup.row, dup.column], ["duplicate_participant", 3, "id"]);
  const overlap = thrown(() => run("once", [...people, { id: "b", gender: "M", entry_date: "2022-09-01" }]));
  assert.deepEqual([overlap.code, overlap.row, overlap.column], ["overlapping_episodes", 5, "entry_date"]);
  const bad = thrown(() => programme("twice"));
  assert.deepEqual([bad.code, bad.path], ["invalid_value", "reentry"]);
});

test("explanations list the episodes and which one counts", () => {
  const tables = { participants: people, assessments: [] };
  const a = explain(programme("once"), tables, { ...AS_OF, participant: "a" });
  assert.equal(a.reentry, "once");
  assert.equal(a.episode, null);
  assert.deepEqual(a.episodes, [
    { entryDate: "2022-01-10", exitDate: "2022-03-31", exitOutcome: "other" },
    { entryDate: "2022-06-01", exitDate: "2022-08-31", exitOutcome: "employment" },
  ]);
  const all = explain(programme("per_episode"), tables, AS_OF);
  assert.deepEqual(all.map((e) => [e.participantId, e.episode]), [["a", 1], ["a", 2], ["b", 1]]);
});
