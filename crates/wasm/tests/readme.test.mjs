// The repository README's JavaScript quick start and this package README's
// partial reports snippet, run as written from the repository root, so the
// documented snippets cannot rot.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

import { NORDOST, REPO, stegvis } from "./support.mjs";

/** The first ```js block after the "Quick start: JavaScript" heading. */
function quickStart() {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start: JavaScript"));
  const match = section.match(/```js\n([\s\S]*?)```/);
  assert.ok(match, "the README has a JavaScript quick start");
  return match[1];
}

test("README JavaScript quick start runs and prints every goal", () => {
  const run = spawnSync(process.execPath, ["-e", quickStart()], { cwd: REPO, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split("\n");
  // One line per goal of examples/nordost/programme.toml: id, share, status.
  assert.deepEqual(lines.map((l) => l.split(" ")[0]), ["closer", "progression", "retention", "newly_arrived"]);
  for (const line of lines) {
    const [, share, status] = line.split(" ");
    assert.ok(Number(share) >= 0 && Number(share) <= 1, line);
    assert.match(status, /^(met|not_met|no_data)$/);
  }
});

/** The first ```js block after the "## Partial reports" heading of this package's README. */
function partialsSnippet() {
  const readme = readFileSync(join(REPO, "crates", "wasm", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Partial reports"));
  const match = section.match(/```js\n([\s\S]*?)```/);
  assert.ok(match, "the package README shows partial reports");
  return match[1];
}

test("the package README's partial reports snippet runs and reports the pooled example", () => {
  const run = spawnSync(process.execPath, ["-e", partialsSnippet()], { cwd: REPO, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const [counts, partition] = run.stdout.trim().split("\n");
  // The same participants and goal statuses as the pooled files of examples/nordost.
  const { Programme, evaluate } = stegvis;
  const read = (name) => readFileSync(join(NORDOST, name), "utf8");
  const pooled = evaluate(Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"), assessments: read("assessments.csv"), followUps: read("follow_ups.csv"),
  }, { asOf: "2023-01-31" }).suppress(5);
  assert.equal(counts, `${pooled.enrolment.enrolled} ${pooled.goals.map((g) => `${g.id}:${g.status}`).join(" ")}`);
  assert.match(partition, /^[0-3]$/);
});
