// The printable report through the JavaScript API (docs/report.md#printable-report):
// `report.toHtml(language)` is the core's whole document, a non-enumerable
// method like `toText`; a copy from `suppress(minCell)` names its minimum
// cell size and what it hid.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, stegvis } from "./support.mjs";

const read = (name) => readFileSync(join(NORDOST, name), "utf8");

function nordost() {
  return stegvis.evaluate(stegvis.Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, { asOf: "2023-01-31" });
}

test("toHtml is the whole printable document, in both languages", () => {
  const report = nordost();
  assert.ok(!Object.keys(report).includes("toHtml"));
  assert.ok(!JSON.stringify(report).includes("toHtml"));
  const en = report.toHtml();
  assert.equal(en, report.toHtml("en"));
  assert.ok(en.startsWith('<!doctype html>\n<html lang="en">\n'));
  assert.ok(en.endsWith("</body>\n</html>\n"));
  assert.ok(en.includes("<h2>Goals</h2>") && en.includes("@page { size: A4 portrait;"));
  // The goal table: each goal's row, with the text report's achieved-of-counted cell.
  const text = report.toText("en");
  for (const goal of report.goals) {
    assert.ok(en.includes(`<tr><td class="l">${goal.id}</td>`), goal.id);
    const row = text.split("\n").find((line) => line.startsWith(`  ${goal.id} `));
    const achieved = row.trim().split(/\s+/).find((cell) => cell.includes("/"));
    assert.ok(en.includes(`<td class="r">${achieved}</td>`), `${goal.id} ${achieved}`);
  }
  assert.equal(en.split("<svg ").length - 1, 3);
  assert.ok(!en.includes("<script"));
  const sv = report.toHtml("sv");
  assert.ok(sv.startsWith('<!doctype html>\n<html lang="sv">\n'));
  assert.ok(sv.includes(stegvis.words("sv").document.glossary));
  assert.throws(() => report.toHtml("de"), (e) => e.code === "invalid_argument");
});

test("a publishable copy's document names its minimum cell size", () => {
  const published = nordost().suppress(5);
  const html = published.toHtml("en");
  assert.ok(html.includes("Publishable copy: counts below 5, and what would reveal them, are hidden."));
  assert.ok(html.includes(`<h2>${stegvis.words("en").document.disclosure}</h2>`));
  assert.ok(!html.includes("This copy is not suppressed"));
  assert.ok(nordost().toHtml("en").includes("This copy is not suppressed"));
});
