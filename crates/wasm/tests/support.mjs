// Shared helpers of the Node tests: the Node build of the package, paths,
// and the JavaScript naming rule applied to expectations written in
// snake_case (`docs/report.md#camelcase`), implemented here independently of the binding.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = join(here, "..", "..", "..");
export const WASM_CRATE = join(here, "..");
export const VECTORS = join(REPO, "tests", "vectors");
export const NORDOST = join(REPO, "examples", "nordost");
export const OUTPUT = join(REPO, "test-output", "wasm");

/** The Node build (CommonJS), as `require("stegvis")` gives it. */
export const stegvis = createRequire(import.meta.url)(join(WASM_CRATE, "pkg-node"));

/** Maps keyed by data, whose keys stay as they are in JavaScript. */
const DATA_KEYED = new Set(["by_gender", "by_outcome", "by_status", "status_share", "status_share_of_due", "status_share_of_exited", "indicators"]);

/** Values that are data through and through: a population's `where`
 * criterion, as the programme writes it (decision 91). */
const DATA_VALUES = new Set(["population_where"]);

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** Renames the field names of a snake_case report (or part of one) to camelCase. */
export function toJsNames(value, keepKeys = false) {
  if (Array.isArray(value)) return value.map((v) => toJsNames(v));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    out[keepKeys ? key : camel(key)] = DATA_VALUES.has(key) ? child : toJsNames(child, DATA_KEYED.has(key));
  }
  return out;
}

const TOLERANCE = 5e-4;

/**
 * The vectors' partial match (tests/vectors/README.md): every expected key
 * present and matching; lists of equal length matched in order; numbers
 * within 5e-4, integer expectations exactly; strings, booleans, null exactly.
 * Returns the mismatches as "path: expected …, got …".
 */
export function mismatches(expected, actual, path = "$") {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${show(actual)}`];
    if (expected.length !== actual.length) {
      return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    }
    return expected.flatMap((e, i) => mismatches(e, actual[i], `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${show(actual)}`];
    }
    return Object.entries(expected).flatMap(([key, e]) =>
      key in actual ? mismatches(e, actual[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  if (typeof expected === "number") {
    if (typeof actual !== "number") return [`${path}: expected ${expected}, got ${show(actual)}`];
    const ok = Number.isInteger(expected) && Number.isInteger(actual)
      ? expected === actual
      : Math.abs(expected - actual) <= TOLERANCE;
    return ok ? [] : [`${path}: expected ${expected}, got ${actual}`];
  }
  return expected === actual ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

const show = (v) => JSON.stringify(v);

/** A table of records as CSV text with a header, for the CSV path. */
export function recordsToCsv(records, columns) {
  const cell = (v) => {
    if (v === null || v === undefined) return "";
    const s = Array.isArray(v) ? v.join(";") : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(",")];
  for (const r of records) lines.push(columns.map((c) => cell(r[c])).join(","));
  return lines.join("\n") + "\n";
}

/** Debian's Chromium and the flags the browser tests run it with (no network of its own). */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

/** A file of the Nordost example, as text. */
export const readExample = (name) => readFileSync(join(NORDOST, name), "utf8");

/**
 * The Node build's report of the example as the page's "Load the example"
 * computes it: the ESF+ profile and the comparison group (docs/comparison.md#example),
 * at the default as-of.
 */
export function pageExampleReport() {
  const read = readExample;
  return stegvis.evaluate(stegvis.Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, {
    profile: "esf",
    comparison: {
      participants: read("comparison_participants.csv"),
      assessments: read("comparison_assessments.csv"),
      followUps: read("comparison_follow_ups.csv"),
    },
  });
}

/** Calls `f` and returns what it threw; fails the test when it throws nothing. */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}
