// Which input tables each goal and table of the report needs, so that the
// page judges nothing while one of them is missing (docs/page.md#missing-tables).
// Read from the programme's definition (Programme.toJSON()): criteria in
// their JSON form, `{ any: [{ improved: {…} }, …] }`.

/** Criterion kinds that read the assessments table. */
const ASSESSMENT_KINDS = new Set(["improved", "reached", "mean_gain"]);

/** Whether `criterion` contains, at any depth, a criterion `test` accepts. */
function contains(criterion, test) {
  if (criterion === null || typeof criterion !== "object") return false;
  if (Array.isArray(criterion)) return criterion.some((c) => contains(c, test));
  return Object.entries(criterion).some(([kind, value]) => {
    if (test(kind, value)) return true;
    if (kind === "all" || kind === "any") return contains(value, test);
    if (kind === "not") return contains(value, test);
    return false;
  });
}

const readsAssessments = (kind) => ASSESSMENT_KINDS.has(kind);
const readsFollowUps = (kind, value) =>
  kind === "follow_up" || (kind === "left_assistance" && value !== null && typeof value === "object");

/** The tables a goal of the definition needs: a subset of ["assessments", "followUps"], assessments first. */
export function goalNeeds(goal) {
  const where = typeof goal.population === "object" && goal.population !== null ? goal.population.where : null;
  const needs = [];
  if (contains(goal.criterion, readsAssessments) || contains(where, readsAssessments)) needs.push("assessments");
  if (contains(goal.criterion, readsFollowUps) || contains(where, readsFollowUps)) needs.push("followUps");
  return needs;
}

/**
 * What the missing tables hold back. `definition` is Programme.toJSON(),
 * `loaded` the page's tables (participants | assessments | followUps),
 * `report` the report computed without them.
 * Returns { missing: [...tables], goals: Map(goal id → the first missing
 * table it needs), parameters, followUps, statusOn: each the missing table
 * it needs, or null }.
 */
export function heldBack(definition, loaded, report) {
  const absent = (table) => !loaded[table];
  const goals = new Map();
  for (const goal of definition.goals ?? []) {
    const table = goalNeeds(goal).find(absent);
    if (table) goals.set(goal.id, table);
  }
  const parameters = (definition.parameters ?? []).length > 0 && absent("assessments") ? "assessments" : null;
  const followUps = report.followUps.length > 0 && absent("followUps") ? "followUps" : null;
  // The status on a date is read from the follow-ups alone.
  const statusOn = report.statusOn && absent("followUps") ? "followUps" : null;
  const missing = ["assessments", "followUps"].filter((table) =>
    [...goals.values()].includes(table) || [parameters, followUps, statusOn].includes(table));
  return { missing, goals, parameters, followUps, statusOn };
}

/** The catalogue's note that a table is missing, and its "waiting for" words. */
export const MISSING_WORD = { assessments: "missingAssessments", followUps: "missingFollowUps" };
export const WAITING_WORD = { assessments: "waitingAssessments", followUps: "waitingFollowUps" };

/**
 * The report without what a missing table holds back, for the sections
 * that repeat goals and parameters (breakdowns, comparison, trend): held
 * goals are left out everywhere they recur (trend points are positional,
 * so they are filtered alike), and the breakdowns' parameters when the
 * parameter table is held back (docs/page.md#missing-tables).
 */
export function judgedOnly(report, held) {
  if (held.goals.size === 0 && held.parameters === null) return report;
  const keep = report.goals.map((g) => !held.goals.has(g.id));
  const goals = (list) => list.filter((g) => !held.goals.has(g.id));
  return {
    ...report,
    goals: goals(report.goals),
    breakdowns: report.breakdowns.map((b) => ({
      ...b,
      groups: b.groups.map((g) => ({
        ...g,
        goals: goals(g.goals),
        parameters: held.parameters === null ? g.parameters : [],
      })),
    })),
    comparison: report.comparison && { ...report.comparison, goals: goals(report.comparison.goals) },
    trend: report.trend.map((p) => ({ ...p, goals: p.goals.filter((_, k) => keep[k]) })),
  };
}
