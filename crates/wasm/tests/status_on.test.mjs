// The status on a calendar date through the JS API
// (docs/method.md#status-on-a-date, docs/report.md#status-on): options
// statusOn and statusToleranceDays, camelCase fields with the status keys
// kept as data, the programme's key, and the errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, stegvis } from "./support.mjs";

const read = (name) => readFileSync(join(NORDOST, name), "utf8");

function nordost(options = {}, toml = read("programme.toml")) {
  return stegvis.evaluate(stegvis.Programme.fromToml(toml), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, { asOf: "2023-01-31", ...options });
}

const code = (fn) => {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return null;
};

test("statusOn gives the status on that date, by gender", () => {
  // Pinned in crates/cli/tests/status_on.rs against status_on_check.py.
  const s = nordost({ statusOn: "2023-01-31" }).statusOn;
  assert.equal(s.date, "2023-01-31");
  assert.equal(s.toleranceDays, 45);
  assert.deepEqual([s.exited, s.withFollowUp, s.noFollowUp], [152, 24, 128]);
  assert.deepEqual([s.onAssistance, s.notOnAssistance, s.assistanceNotRecorded], [10, 11, 3]);
  assert.equal(s.byStatus.health_care, 6);
  assert.equal(s.byGender.woman.notOnAssistance, 9);
  assert.deepEqual(Object.keys(s).slice(0, 5), ["date", "toleranceDays", "exited", "withFollowUp", "noFollowUp"]);
  assert.ok("statusShareOfExited" in s && "ciOfExited" in s);
  // A Date, and a tolerance: 2022-12-31 with 45 days (status_on_check.py).
  const d = nordost({ statusOn: new Date(2022, 11, 31), statusToleranceDays: 45 }).statusOn;
  assert.deepEqual([d.exited, d.withFollowUp, d.onAssistance], [150, 27, 14]);
  assert.equal(nordost().statusOn, null);
});

test("the programme's status_on, replaced by the option", () => {
  const toml = `${read("programme.toml")}\n[status_on]\ndate = 2023-01-31\ntolerance_days = 45\n`;
  assert.equal(nordost({}, toml).statusOn.withFollowUp, 24);
  assert.equal(nordost({ statusOn: "2022-12-31" }, toml).statusOn.withFollowUp, 27);
  assert.equal(stegvis.Programme.fromToml(toml).toJSON().status_on.tolerance_days, 45);
});

test("dates and tolerances the report cannot use", () => {
  assert.equal(code(() => nordost({ statusOn: "2023-02-01" })), "status_on_after_as_of");
  assert.equal(code(() => nordost({ statusOn: "2021-01-31" })), "status_on_before_start");
  assert.equal(code(() => nordost({ statusOn: "2023-02-30" })), "invalid_argument");
  assert.equal(code(() => nordost({ statusOn: "2023-01-31", statusToleranceDays: -1 })), "invalid_argument");
  assert.equal(code(() => nordost({ statusOn: "2023-01-31", statusToleranceDays: 1.5 })), "invalid_argument");
  assert.equal(code(() => stegvis.Programme.fromToml(
    `${read("programme.toml")}\n[status_on]\ntolerance_days = 3\n`,
  )), "missing_key");
});
