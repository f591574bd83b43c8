// The page's comparison group (docs/comparison.md): optional file inputs in
// a collapsed section, and the report's comparison — the selection caveat,
// each goal for both groups with the difference and its interval, and the
// balance table. Layout only: every figure comes from the report and every
// word and format from the catalogue, handed in by app.js.

/** File inputs of the comparison group: element id → table key. */
export const COMPARISON_INPUTS = {
  "file-comparison-participants": "participants",
  "file-comparison-assessments": "assessments",
  "file-comparison-follow-ups": "followUps",
};

/** The example's comparison files (docs/comparison.md#example), by table key. */
export const COMPARISON_EXAMPLE = [
  ["participants", "comparison_participants.csv"],
  ["assessments", "comparison_assessments.csv"],
  ["followUps", "comparison_follow_ups.csv"],
];

/** The base table of an error's `comparison_<table>`, or null for the participants' own tables. */
export function comparisonBase(table) {
  return typeof table === "string" && table.startsWith("comparison_") ? table.slice("comparison_".length) : null;
}

/** The tables object for `evaluate`'s `comparison` option, or undefined without participants. */
export function comparisonTables(files) {
  if (!files.participants) return undefined;
  const tables = {};
  for (const [key, file] of Object.entries(files)) tables[key] = file.data;
  return tables;
}

/**
 * Renders `report.comparison` into `container` (its section is hidden without one).
 * `ui` = { T, f, cell, header, rowHeader, count, share, genders }.
 */
export function renderComparison(container, report, ui) {
  const { T, f, cell, header, rowHeader, count, share } = ui;
  const c = report.comparison;
  container.replaceChildren();
  container.closest("section").hidden = !c;
  if (!c) return;
  const L = T.label;
  const C = T.column;

  const caveat = document.createElement("p");
  caveat.className = "caveat";
  caveat.dataset.caveat = c.caveat;
  caveat.textContent = L.caveatSelection;
  container.append(caveat);

  const wrap = () => {
    const div = document.createElement("div");
    div.className = "table-wrap";
    const table = document.createElement("table");
    div.append(table);
    container.append(div);
    return table;
  };
  const points = (v) => f().points(v);
  const interval = (ci) => () => f().shareInterval(ci.lower, ci.upper);

  const goals = header(wrap(), T.section.comparison, [
    C.goal,
    // Unique headings (docs/page.md#goals-by-gender): each side's share and
    // interval are named with their group.
    L.comparisonParticipants, `${L.comparisonParticipants}: ${C.share}`, `${L.comparisonParticipants}: ${C.interval}`,
    L.comparisonGroup, `${L.comparisonGroup}: ${C.share}`, `${L.comparisonGroup}: ${C.interval}`,
    L.comparisonDifference,
  ]);
  for (const g of c.goals) {
    const tr = document.createElement("tr");
    tr.dataset.goal = g.id;
    const side = (x, name) => [
      cell("td", x.achieved, () => `${count(x.achieved)}/${count(x.denominator)}`, `${name}-achieved`),
      cell("td", x.share, share, `${name}-share`),
      cell("td", x.ci.lower, interval(x.ci), `${name}-ci`),
    ];
    const d = g.difference;
    // The difference and its Newcombe interval; a hidden or undefined one reads as its marker.
    const difference = cell("td", d === null ? null : d.difference, () => (
      d !== null && typeof d.difference === "number" && typeof d.lower === "number"
        ? `${points(d.difference)} (${points(d.lower)} ${T.marker.to} ${points(d.upper)})`
        : d === null ? f().undefined : f().suppressed), "difference");
    tr.append(rowHeader(g.name), ...side(g.participants, "participants"), ...side(g.comparison, "comparison"), difference);
    goals.append(tr);
  }

  const heading = document.createElement("h4");
  heading.textContent = L.balance;
  container.append(heading);
  const kind = { gender: L.characteristicGender, age: L.characteristicAge, tag: L.characteristicTag };
  const group = (r) => {
    if (r.characteristic === "gender") return T.gender[r.group] ?? r.group;
    if (r.group === "unknown") return L.unknownGroup;
    return r.group;
  };
  const balance = header(wrap(), L.balance, [
    L.characteristic, C.group, L.comparisonParticipants, `${L.comparisonParticipants}: ${C.share}`,
    L.comparisonGroup, `${L.comparisonGroup}: ${C.share}`, L.difference,
  ]);
  for (const r of c.balance) {
    const tr = document.createElement("tr");
    tr.dataset.characteristic = r.characteristic;
    tr.dataset.group = r.group;
    tr.append(
      rowHeader(kind[r.characteristic] ?? r.characteristic),
      rowHeader(group(r), r.characteristic === "gender"),
      cell("td", r.participants.count, count, "participants-count"),
      cell("td", r.participants.share, share, "participants-share"),
      cell("td", r.comparison.count, count, "comparison-count"),
      cell("td", r.comparison.share, share, "comparison-share"),
      cell("td", r.difference, points, "difference"),
    );
    balance.append(tr);
  }
}
