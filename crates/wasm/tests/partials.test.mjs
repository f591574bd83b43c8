// Partial reports through the JavaScript API (docs/partials.md#javascript):
// the three projects of examples/region, which together hold exactly the
// data of examples/nordost, give partials whose combination reports what
// `evaluate` reports on the pooled files (data-quality rows aside,
// docs/partials.md#report); partials survive toJson/fromJson; errors carry
// the core's codes and no id; partitionOf is the shared fixture's hash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, REPO, stegvis, thrown } from "./support.mjs";

const { Programme, Partial, partial, combine, evaluate, partitionOf, words } = stegvis;

const REGION = join(REPO, "examples", "region");
const PROJECTS = ["centrum", "norr", "vaster-oster"];
const AS_OF = "2023-01-31";
const PROGRAMME = Programme.fromToml(readFileSync(join(NORDOST, "programme.toml"), "utf8"));

/** The tables of a directory as CSV text, or as bytes with `asBytes`. */
function tables(dir, asBytes = false) {
  const read = (name) => (asBytes ? new Uint8Array(readFileSync(join(dir, name))) : readFileSync(join(dir, name), "utf8"));
  return { participants: read("participants.csv"), assessments: read("assessments.csv"), followUps: read("follow_ups.csv") };
}

/** Each project's partial; one project's tables are given as bytes, so both input forms are combined. */
const projectPartials = (options = {}) =>
  PROJECTS.map((p) => partial(PROGRAMME, tables(join(REGION, p), p === "norr"), { asOf: AS_OF, ...options }));

/** Every participant id of the pooled example, for the tests that no id leaks. */
const IDS = readFileSync(join(NORDOST, "participants.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);

/** The report as data (its methods are not enumerable), with the data-quality rows taken out. */
function withoutRows(report) {
  const data = JSON.parse(JSON.stringify(report));
  for (const issue of data.dataQuality) delete issue.rows;
  return data;
}

/** A StegvisError with `code` whose message names no participant id. */
function assertError(error, code) {
  assert.ok(error instanceof Error, `threw a non-Error: ${String(error)}`);
  assert.equal(error.name, "StegvisError");
  assert.equal(error.code, code, error.message);
  for (const id of IDS) assert.ok(!error.message.includes(id), `the message names ${id}: ${error.message}`);
}

// The programme's own quarterly trend, and none with the ESF+ profile.
for (const [name, options] of [["plain", {}], ["without a trend, with the ESF+ profile", { every: "none", profile: "esf" }]]) {
  test(`the region's partials combine into the pooled report (${name})`, () => {
    const pooled = evaluate(PROGRAMME, tables(NORDOST), { asOf: AS_OF, ...options });
    const combined = combine(projectPartials(options)).report();
    assert.deepEqual(withoutRows(combined), withoutRows(pooled));
    // The pooled report lists rows; the combination, built from counts, none.
    assert.ok(pooled.dataQuality.some((issue) => issue.rows.length > 0), "the example has data-quality rows");
    assert.ok(combined.dataQuality.length > 0);
    for (const issue of combined.dataQuality) assert.deepEqual(issue.rows, []);
    // So is its publishable copy.
    assert.deepEqual(withoutRows(combined.suppress(5)), withoutRows(pooled.suppress(5)));
  });
}

test("a combined report's methods work as evaluate's do", () => {
  const report = combine(projectPartials()).report();
  assert.deepEqual(Object.keys(report), Object.keys(evaluate(PROGRAMME, tables(NORDOST), { asOf: AS_OF })));
  assert.equal(typeof report.suppress(5).toText("sv"), "string");
  assert.ok(report.toXlsx("en") instanceof Uint8Array);
  assert.ok(report.suppress(5).goals.some((g) => g.achieved === "suppressed" || typeof g.achieved === "number"));
});

test("participants and asOf; combining by method equals combining the array; partials stay usable", () => {
  const parts = projectPartials();
  const pooled = evaluate(PROGRAMME, tables(NORDOST), { asOf: AS_OF });
  const sum = parts.reduce((n, p) => n + p.participants, 0);
  assert.equal(sum, pooled.enrolment.enrolled);
  assert.ok(parts.every((p) => p.participants > 0 && p.asOf === AS_OF));
  const [a, b, c] = parts;
  const byMethod = a.combine(b).combine(c);
  const byArray = combine(parts);
  assert.equal(byMethod.toJson(), byArray.toJson());
  assert.equal(byArray.participants, sum);
  // The order does not matter (docs/partials.md#combining).
  assert.deepEqual(combine([c, a, b]).report(), byArray.report());
  // Nothing given to combine was consumed.
  assert.equal(a.report().enrolment.enrolled, a.participants);
  // One partial combined alone is a copy of it, freed separately.
  const copy = combine([a]);
  copy.free();
  assert.equal(a.asOf, AS_OF);
});

test("partials survive toJson and fromJson, and hold no participant id", () => {
  const parts = projectPartials();
  const received = parts.map((p) => Partial.fromJson(p.toJson()));
  for (const [i, p] of received.entries()) {
    assert.equal(p.toJson(), parts[i].toJson());
    assert.equal(p.participants, parts[i].participants);
    assert.equal(p.asOf, parts[i].asOf);
  }
  assert.deepEqual(combine(received).report(), combine(parts).report());
  const text = combine(parts).toJson();
  assert.equal(JSON.parse(text).format, "stegvis-partial");
  for (const id of IDS) assert.ok(!text.includes(id), `the partial holds the id ${id}`);
});

test("combining errors carry the core's codes and name no id", () => {
  const [a, b] = projectPartials();
  const earlier = partial(PROGRAMME, tables(join(REGION, "norr")), { asOf: "2022-12-31" });
  assertError(thrown(() => combine([a, earlier])), "partial_as_of_differs");
  assertError(thrown(() => a.combine(earlier)), "partial_as_of_differs");
  // The programme's default trend is quarterly; this partial has none.
  const trend = partial(PROGRAMME, tables(join(REGION, "norr")), { asOf: AS_OF, every: "none" });
  assertError(thrown(() => combine([a, trend])), "partial_settings_differ");
  const other = Programme.fromJson({ ...PROGRAMME.toJSON(), planned_participants: 999 });
  const otherPartial = partial(other, tables(join(REGION, "norr")), { asOf: AS_OF });
  assertError(thrown(() => combine([a, b, otherPartial])), "partial_programme_differs");
  assertError(thrown(() => combine([])), "no_partials");
});

test("fromJson refuses what is not a partial", () => {
  // A participants CSV, ids and all: the message repeats none of it.
  const csv = readFileSync(join(NORDOST, "participants.csv"), "utf8");
  assertError(thrown(() => Partial.fromJson(csv)), "invalid_partial");
  assertError(thrown(() => Partial.fromJson('{"format":"something else","version":1}')), "invalid_partial");
  const [a] = projectPartials();
  const wire = JSON.parse(a.toJson());
  assertError(thrown(() => Partial.fromJson(JSON.stringify({ ...wire, version: 2 }))), "unsupported_partial_version");
  // A value of the wrong type: the path, never the value.
  const e = thrown(() => Partial.fromJson(a.toJson().replace(/"as_of":\s*"2023-01-31"/, '"as_of":"N0001"')));
  assertError(e, "invalid_partial");
  assertError(thrown(() => Partial.fromJson(42)), "invalid_argument");
});

test("bad arguments are invalid_argument errors, and the module works afterwards", () => {
  const participants = readFileSync(join(REGION, "norr", "participants.csv"), "utf8");
  const [a] = projectPartials();
  const freed = partial(PROGRAMME, { participants }, { asOf: AS_OF });
  freed.free();
  const cases = [
    // A comparison group has no place in a partial (docs/partials.md#report).
    () => partial(PROGRAMME, { participants }, { asOf: AS_OF, comparison: { participants } }),
    () => partial(PROGRAMME, { participants }, { as_of: AS_OF }),
    () => partial(PROGRAMME, {}, { asOf: AS_OF }),
    () => combine(a),
    () => combine("partials"),
    () => combine([a, {}]),
    () => combine([a, JSON.parse(a.toJson())]),
    () => combine([a, Object.create(Object.getPrototypeOf(a))]),
    () => combine([a, freed]),
    () => combine([a, , a]),
    // What the caller's code throws is dropped unseen (docs/data.md#js-values).
    () => combine([a, new Proxy(a, { getPrototypeOf() { throw new Error("N0001"); } })]),
    () => combine(new Proxy([a], { getOwnPropertyDescriptor() { throw new Error("N0001"); } })),
    () => a.combine(null),
    () => a.combine(freed),
    () => a.combine(a.toJson()),
  ];
  for (const f of cases) assertError(thrown(f), "invalid_argument");
  // A data error in one project's tables is the data error, as in evaluate.
  const bad = thrown(() => partial(PROGRAMME, { participants: "id,gender,entry_date\nN0001,Q,2021-03-01\n" }, { asOf: AS_OF }));
  assertError(bad, "invalid_gender");
  assert.deepEqual([bad.row, bad.column], [2, "gender"]);
  assert.equal(combine([a]).participants, a.participants);
});

test("partitionOf is the hash of tests/fixtures/partitions.json", () => {
  const fixture = JSON.parse(readFileSync(join(REPO, "tests", "fixtures", "partitions.json"), "utf8"));
  assert.ok(fixture.cases.length > 10);
  for (const { id, partitions, partition } of fixture.cases) {
    assert.equal(partitionOf(id, partitions), partition, `${JSON.stringify(id)} of ${partitions}`);
  }
  // Whole-number ids are hashed as their decimal text, as the id columns read them.
  assert.equal(partitionOf(12345, 1000), partitionOf("12345", 1000));
  assert.equal(partitionOf(12345n, 1000), partitionOf("12345", 1000));
  assert.equal(partitionOf("A1", 2 ** 32 - 1), partitionOf(" A1 ", 2 ** 32 - 1));
  for (const partitions of [0, -1, 1.5, 2 ** 32, NaN, "7", null, undefined, 7n]) {
    assertError(thrown(() => partitionOf("A1", partitions)), "invalid_argument");
  }
  for (const id of [null, undefined, {}, [], ""]) {
    assertError(thrown(() => partitionOf(id, 7)), "invalid_argument");
  }
});

test("partial errors have words in the catalogue", () => {
  const codes = ["invalid_partial", "unsupported_partial_version", "partial_programme_differs", "partial_as_of_differs",
    "partial_settings_differ", "no_partials", "partial_too_large"];
  const types = readFileSync(join(REPO, "crates", "wasm", "src", "types.d.ts"), "utf8");
  for (const language of ["en", "sv"]) {
    const error = words(language).error;
    for (const code of codes) {
      assert.equal(typeof error[code], "string", `${language} ${code}`);
      assert.ok(types.includes(`| "${code}"`), `ErrorCode lists ${code}`);
    }
  }
});
